import { mkdtempSync } from 'node:fs';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Limits } from '../../src/config.js';
import { buildApp, type Hoviyat } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import type { ServiceOverrides } from '../../src/services.js';
import { freshDatabase } from './db.js';

export interface TestApp extends Hoviyat {
  clock: ManualClock;
  dbKind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** Runs due jobs (SMS sending, registry checks) as the background worker would. */
  drain(): Promise<number>;
}

export interface TestAppOptions {
  limits?: Partial<Limits>;
  overrides?: ServiceOverrides;
  env?: Record<string, string>;
  logStream?: NodeJS.WritableStream;
}

export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const fresh = await freshDatabase();
  const clock = new ManualClock(new Date('2026-11-24T08:00:00Z'));
  return buildTestNode(opts, fresh, clock, fresh.cleanup);
}

/**
 * Two equal nodes over one fresh database and one clock, sharing nothing else (as two app
 * processes would). Closing the second closes the database.
 */
export async function createTwoNodes(opts: TestAppOptions = {}): Promise<[TestApp, TestApp]> {
  const fresh = await freshDatabase();
  const clock = new ManualClock(new Date('2026-11-24T08:00:00Z'));
  const a = await buildTestNode(opts, fresh, clock, async () => undefined);
  const b = await buildTestNode(opts, fresh, clock, fresh.cleanup);
  return [a, b];
}

async function buildTestNode(
  opts: TestAppOptions,
  { db, kind }: Awaited<ReturnType<typeof freshDatabase>>,
  clock: ManualClock,
  cleanup: () => Promise<void>,
): Promise<TestApp> {
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      HOVIYAT_CAPTCHA: 'simulator',
      HOVIYAT_SIM_SLOW_MS: '300',
      HOVIYAT_REGISTRY_TIMEOUT_MS: '150',
      LOG_LEVEL: 'silent',
      ...opts.env,
    },
    {
      secret: 'test-secret-test-secret-test-secret-0123456789',
      dataDir: mkdtempSync(join(tmpdir(), 'hoviyat-test-')),
      limits: opts.limits ?? {},
    },
  );
  const h = await buildApp(config, {
    db,
    clock,
    overrides: opts.overrides,
    logger: opts.logStream !== undefined,
    logStream: opts.logStream,
    worker: { backoffBaseMs: 1000 },
  });
  return {
    ...h,
    clock,
    dbKind: kind,
    drain: () => h.worker.drain(),
    async close() {
      await h.app.close();
      await cleanup();
    },
  };
}

/** A stream that keeps what is written to it, for tests that read the logs. */
export function logSink(): { stream: Writable; text: () => string } {
  let logs = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      logs += chunk.toString();
      cb();
    },
  });
  return { stream, text: () => logs };
}
