import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/app.js';
import { freshDatabase } from '../helpers/db.js';
import type { Database } from '../../src/db/database.js';

const SECRET = 'first-secret-first-secret-first-secret-0001';
const OTHER = 'other-secret-other-secret-other-secret-0002';

const node = (db: Database, secret: string) =>
  buildApp(
    loadConfig(
      { NODE_ENV: 'test', HOVIYAT_CAPTCHA: 'simulator', LOG_LEVEL: 'silent' },
      { secret, dataDir: mkdtempSync(join(tmpdir(), 'hoviyat-fp-')) },
    ),
    { db, logger: false },
  );

const mismatch = (e: unknown) =>
  e instanceof ConfigError && /HOVIYAT_SECRET/.test(e.message) && !e.message.includes('\n');

test('a node whose secret differs from the one the database was first started with refuses to start', async () => {
  const { db, cleanup } = await freshDatabase();
  const first = await node(db, SECRET);
  try {
    await assert.rejects(node(db, OTHER), mismatch);
    const same = await node(db, SECRET);
    await same.app.close();

    const rows = await db.selectFrom('cluster_settings').selectAll().execute();
    assert.equal(rows.length, 1);
    const stored = rows[0]!;
    assert.equal(stored.key, 'secret_fingerprint');
    assert.match(stored.value, /^[0-9a-f]{64}$/);
    assert.ok(!stored.value.includes(SECRET));
    assert.notEqual(stored.value, createHash('sha256').update(SECRET).digest('hex'), 'not a plain hash of it');
  } finally {
    await first.app.close();
    await cleanup();
  }
});

test('two nodes with different secrets starting together on a new database: exactly one starts', async () => {
  const { db, cleanup } = await freshDatabase();
  const results = await Promise.allSettled([node(db, SECRET), node(db, OTHER)]);
  try {
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    const failed = results.find((r) => r.status === 'rejected');
    assert.ok(failed && mismatch(failed.reason));
  } finally {
    for (const r of results) if (r.status === 'fulfilled') await r.value.app.close();
    await cleanup();
  }
});
