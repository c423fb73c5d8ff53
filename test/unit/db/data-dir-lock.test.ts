import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError, lockDataDir, lockPathFor } from '../../../src/db/data-dir-lock.js';

const dataDir = () => join(mkdtempSync(join(tmpdir(), 'hoviyat-lockfile-')), 'pglite');
const holderOf = (dir: string) => (JSON.parse(readFileSync(lockPathFor(dir), 'utf8')) as { pid: number }).pid;
const hasProc = existsSync('/proc/self/stat');

test('one holder at a time, the lock file is private, release frees the dir', () => {
  const dir = dataDir();
  const lock = lockDataDir(dir);
  assert.equal(lock.path, lockPathFor(dir));
  assert.equal(statSync(lock.path).mode & 0o777, 0o600);
  assert.equal(holderOf(dir), process.pid);
  assert.throws(
    () => lockDataDir(dir),
    (e: unknown) => e instanceof DataDirLockedError && e.message.includes(dir) && /this process/.test(e.message),
  );
  lock.release();
  assert.ok(!existsSync(lock.path));
  const again = lockDataDir(dir);
  again.release();
  again.release();
});

test('a live holder is named by PID', () => {
  const dir = dataDir();
  // PID 1 always runs; started unknown, so only liveness decides
  writeFileSync(lockPathFor(dir), JSON.stringify({ pid: 1, started: null, boot: null, host: hostname() }));
  assert.throws(() => lockDataDir(dir), /in use by another process \(PID 1\)/);
});

test('a lock left by a dead process is taken over', () => {
  const dir = dataDir();
  const gone = spawnSync(process.execPath, ['-e', ''], { timeout: 60_000 }).pid;
  writeFileSync(lockPathFor(dir), JSON.stringify({ pid: gone, started: '1', boot: null, host: 'here' }));
  const lock = lockDataDir(dir);
  assert.equal(holderOf(dir), process.pid);
  lock.release();
});

test('a reused PID (same number, other start time) does not hold the lock', { skip: !hasProc && 'needs /proc' }, () => {
  const dir = dataDir();
  writeFileSync(lockPathFor(dir), JSON.stringify({ pid: process.pid, started: '0', boot: null, host: 'here' }));
  const lock = lockDataDir(dir);
  assert.equal(holderOf(dir), process.pid);
  lock.release();
});

test('a damaged lock file is replaced; releasing never removes a lock someone else took over', () => {
  const dir = dataDir();
  writeFileSync(lockPathFor(dir), '');
  const lock = lockDataDir(dir);
  writeFileSync(lockPathFor(dir) + '.other', '{}');
  // simulate a takeover by another process: a different file now sits at the lock path
  renameSync(lockPathFor(dir) + '.other', lockPathFor(dir));
  lock.release();
  assert.ok(existsSync(lockPathFor(dir)));
});
