import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
// generous bounds so a hung child fails the test instead of hanging it; never a speed threshold
const BOUND_MS = 120_000;
const children: ChildProcess[] = [];

after(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function within<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen in time`)), BOUND_MS);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

interface Node {
  child: ChildProcess;
  stderr: () => string;
  /** Resolves 'serving' once the node listens, or 'exited' with its exit code. */
  outcome: Promise<{ kind: 'serving' } | { kind: 'exited'; code: number | null }>;
  exited: Promise<number | null>;
}

function start(dataDir: string): Node {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    HOVIYAT_DATA_DIR: dataDir,
    HOVIYAT_WORKERS: 'false',
    LOG_LEVEL: 'info',
    // the embedded database, whatever the suite runs against
    DATABASE_URL: '',
    HOVIYAT_SECRET: '',
  };
  delete env.NODE_TEST_CONTEXT;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const outcome = new Promise<{ kind: 'serving' } | { kind: 'exited'; code: number | null }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node neither served nor exited; stderr: ${err}`)), BOUND_MS);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Hoviyat is serving')) {
        clearTimeout(timer);
        resolve({ kind: 'serving' });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      resolve({ kind: 'exited', code });
    });
  });
  return { child, stderr: () => err, outcome, exited };
}

test(
  'a second process on the same data dir refuses to start; a crashed holder does not block the next start',
  { timeout: 4 * BOUND_MS },
  async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hoviyat-lock-'));
    const lockFile = join(dataDir, 'pglite.lock');

    const first = start(dataDir);
    assert.deepEqual(await first.outcome, { kind: 'serving' });

    const second = start(dataDir);
    const res = await second.outcome;
    assert.equal(res.kind, 'exited', 'the second process must not serve from a data dir in use');
    assert.equal(res.kind === 'exited' && res.code, 1);
    const message = second.stderr().trim();
    assert.equal(message.split('\n').length, 1, `one plain line, no stack trace: ${message}`);
    assert.match(message, /^Hoviyat could not start: /);
    assert.ok(message.includes(join(dataDir, 'pglite')), 'names the data dir');
    assert.ok(message.includes(`PID ${first.child.pid}`), 'names the process holding it');

    // kill -9: no clean-up runs, the lock file stays behind
    first.child.kill('SIGKILL');
    await within(first.exited, 'exit after SIGKILL');
    assert.ok(existsSync(lockFile));

    const third = start(dataDir);
    assert.deepEqual(await third.outcome, { kind: 'serving' }, third.stderr());
    third.child.kill('SIGTERM');
    assert.equal(await within(third.exited, 'exit after SIGTERM'), 0);
    assert.ok(!existsSync(lockFile), 'a clean shutdown releases the lock');
  },
);
