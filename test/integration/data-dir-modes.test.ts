import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

const unix = process.platform !== 'win32';

/** Every entry under dir (not following symlinks) with its permission bits. */
function modes(dir: string): Array<{ path: string; mode: number; kind: 'dir' | 'file' | 'link' }> {
  const out: Array<{ path: string; mode: number; kind: 'dir' | 'file' | 'link' }> = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = lstatSync(path);
    const kind = st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : 'file';
    out.push({ path, mode: st.mode & 0o777, kind });
    if (kind === 'dir') out.push(...modes(path));
  }
  return out;
}

// any group or other bit: readable, writable or enterable by someone else
const loose = (e: { mode: number; kind: string }) => e.kind !== 'link' && (e.mode & 0o077) !== 0;

async function writeSomething(dataDir: string) {
  const db = await openDatabase({ kind: 'pglite', dataDir });
  try {
    await migrateToLatest(db);
    await sql`INSERT INTO cluster_settings (key, value) VALUES ('probe', repeat('x', 100000))
      ON CONFLICT (key) DO UPDATE SET value = excluded.value || 'y'`.execute(db);
    await sql`CHECKPOINT`.execute(db);
  } finally {
    await db.destroy();
  }
}

test('the embedded database keeps its files to its own user', { skip: !unix && 'POSIX modes only' }, async () => {
  const parent = join(mkdtempSync(join(tmpdir(), 'hoviyat-modes-')), 'data');
  const dataDir = join(parent, 'pglite');
  await writeSomething(dataDir);
  assert.equal(statSync(parent).mode & 0o777, 0o700, 'a data dir it creates is private');
  assert.equal(statSync(dataDir).mode & 0o777, 0o700);
  const all = modes(parent);
  assert.ok(all.length > 100, 'PGlite wrote its files');
  assert.deepEqual(all.filter(loose), [], 'no file or dir readable or writable by group or others');
});

test(
  'a data dir from an older version is made private on start; symlinks are not followed',
  { skip: !unix && 'POSIX modes only' },
  async () => {
    const base = mkdtempSync(join(tmpdir(), 'hoviyat-modes-old-'));
    const dataDir = join(base, 'pglite');
    await writeSomething(dataDir);
    // what older versions left: world-writable files and dirs
    for (const e of modes(dataDir)) chmodSync(e.path, e.kind === 'dir' ? 0o777 : 0o666);
    chmodSync(dataDir, 0o777);
    const outside = join(base, 'not-ours.txt');
    writeFileSync(outside, 'x');
    chmodSync(outside, 0o644);
    symlinkSync(outside, join(dataDir, 'link-to-outside'));

    await writeSomething(dataDir);
    assert.equal(statSync(dataDir).mode & 0o777, 0o700);
    const all = modes(dataDir);
    assert.deepEqual(all.filter(loose), []);
    assert.ok(
      all.some((e) => e.kind === 'link'),
      'the symlink is left in place',
    );
    assert.equal(statSync(outside).mode & 0o777, 0o644, 'its target keeps its mode');
  },
);
