import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { JobWorker, enqueue, RetryLater, PermanentFailure } from '../../src/jobs/queue.js';
import { ManualClock } from '../../src/clock.js';
import { freshDatabase } from '../helpers/db.js';

describe('durable job queue', () => {
  let db: Database;
  let cleanup: () => Promise<void>;
  const clock = new ManualClock(new Date('2026-11-24T08:00:00Z'));
  before(async () => {
    ({ db, cleanup } = await freshDatabase());
    await migrateToLatest(db);
  });
  after(async () => cleanup());

  test('runs a job once, retries failures with backoff, gives up after max attempts', async () => {
    const seen: number[] = [];
    const worker = new JobWorker(
      db,
      clock,
      {
        flaky: async (_p, ctx) => {
          seen.push(ctx.attempt);
          throw new Error('boom');
        },
        ok: async () => {
          seen.push(0);
        },
      },
      { backoffBaseMs: 1000, backoffMaxMs: 60_000 },
    );
    await enqueue(db, clock, 'ok', {});
    const id = await enqueue(db, clock, 'flaky', {}, { maxAttempts: 3 });
    await worker.drain();
    assert.deepEqual(seen, [0, 1]);
    let row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.state, 'pending');
    assert.ok(row.run_at > clock.now());
    await worker.drain();
    assert.deepEqual(seen, [0, 1], 'not before its time');
    clock.advance(2_000);
    await worker.drain();
    clock.advance(10_000);
    await worker.drain();
    assert.deepEqual(seen, [0, 1, 2, 3]);
    row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.state, 'failed');
    assert.equal(row.last_error, 'boom');
  });

  test(
    'a started worker with more due than one round goes straight on; only an empty queue waits to poll',
    {
      timeout: 120_000,
    },
    async () => {
      const total = 45; // more than 10 rounds of 2
      let seen = 0;
      let allSeen!: () => void;
      const done = new Promise<void>((resolve) => (allSeen = resolve));
      // the poll interval is an hour: were the worker to wait for it after a full round, this would never end
      const worker = new JobWorker(
        db,
        clock,
        {
          many: async () => {
            if (++seen === total) allSeen();
          },
        },
        { batchSize: 2, pollMs: 3_600_000 },
      );
      for (let i = 0; i < total; i++) await enqueue(db, clock, 'many', { i });
      worker.start();
      try {
        await done;
      } finally {
        await worker.stop();
      }
      assert.equal(seen, total);
      const left = await db
        .selectFrom('jobs')
        .select('id')
        .where('queue', '=', 'many')
        .where('state', '!=', 'done')
        .execute();
      assert.deepEqual(left, []);
    },
  );

  test('RetryLater picks the delay; PermanentFailure stops at once', async () => {
    let calls = 0;
    const worker = new JobWorker(db, clock, {
      later: async () => {
        calls++;
        if (calls === 1) throw new RetryLater(3_600_000);
      },
      never: async () => {
        throw new PermanentFailure('no');
      },
    });
    const a = await enqueue(db, clock, 'later', {});
    const b = await enqueue(db, clock, 'never', {});
    await worker.drain();
    clock.advance(3_000_000);
    await worker.drain();
    assert.equal(calls, 1);
    clock.advance(700_000);
    await worker.drain();
    assert.equal(calls, 2);
    const rows = await db.selectFrom('jobs').select(['id', 'state']).where('id', 'in', [a, b]).execute();
    assert.deepEqual(Object.fromEntries(rows.map((r) => [r.id, r.state])), { [a]: 'done', [b]: 'failed' });
  });

  test('two workers never run the same job twice', async () => {
    const counts = new Map<number, number>();
    const handler = async (p: Record<string, unknown>) => {
      const n = Number(p.n);
      counts.set(n, (counts.get(n) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 2));
    };
    for (let i = 0; i < 40; i++) await enqueue(db, clock, 'pair', { n: i });
    const w1 = new JobWorker(db, clock, { pair: handler }, { batchSize: 3 });
    const w2 = new JobWorker(db, clock, { pair: handler }, { batchSize: 3 });
    await Promise.all([w1.drain(), w2.drain()]);
    assert.equal(counts.size, 40);
    assert.ok([...counts.values()].every((c) => c === 1));
  });
});

test('a job claimed by a process killed with SIGKILL runs again after its lease', { timeout: 60_000 }, async () => {
  const server = process.env.HOVIYAT_TEST_DATABASE_URL;
  let target: string;
  let dropDb: (() => Promise<void>) | null = null;
  if (server) {
    const name = `hoviyat_crash_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(server);
    u.pathname = `/${name}`;
    target = u.toString();
    dropDb = async () => {
      const a = new pg.Client({ connectionString: server });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  } else {
    target = join(mkdtempSync(join(tmpdir(), 'hoviyat-crash-')), 'pglite');
  }
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'claim-and-die.ts'), target],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('child never claimed the job')), 45_000);
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('claimed')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`child exited early: ${code}`)));
  });
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));

  const db = await openDatabase(
    target.startsWith('postgres')
      ? { kind: 'postgres', url: target, poolSize: 2 }
      : { kind: 'pglite', dataDir: target },
  );
  try {
    const before = await db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    assert.equal(before.state, 'running', 'the claim survived the crash');
    let ran = 0;
    const clock = new ManualClock(new Date());
    const worker = new JobWorker(db, clock, { 'crash.test': async () => void ran++ });
    await worker.drain();
    assert.equal(ran, 0, 'the lease still holds');
    clock.advance(31_000);
    await worker.drain();
    assert.equal(ran, 1, 'reclaimed after the lease ran out');
    const row = await db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.state, 'done');
    assert.equal(row.attempts, 2);
  } finally {
    await db.destroy();
    if (dropDb) await dropDb();
  }
});
