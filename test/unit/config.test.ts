import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ConfigError } from '../../src/config.js';

const dir = () => mkdtempSync(join(tmpdir(), 'hoviyat-config-'));

test('defaults: embedded database under the data dir, port 3000, dev tools on, frozen', () => {
  const d = dir();
  const c = loadConfig({ HOVIYAT_DATA_DIR: d });
  assert.equal(c.port, 3000);
  assert.deepEqual(c.database, { kind: 'pglite', dataDir: join(d, 'pglite') });
  assert.equal(c.devTools, true);
  assert.ok(c.secret.length >= 32, 'a dev secret is generated and kept');
  assert.equal(loadConfig({ HOVIYAT_DATA_DIR: d }).secret, c.secret);
  assert.ok(Object.isFrozen(c) && Object.isFrozen(c.limits));
});

test(
  'a data dir created for the dev secret is private',
  { skip: process.platform === 'win32' && 'POSIX modes' },
  () => {
    const d = join(dir(), 'new', 'data');
    loadConfig({ HOVIYAT_DATA_DIR: d });
    assert.equal(statSync(d).mode & 0o777, 0o700);
    assert.equal(statSync(join(d, 'secret')).mode & 0o777, 0o600);
  },
);

test('DATABASE_URL and PORT are honoured', () => {
  const c = loadConfig({ HOVIYAT_DATA_DIR: dir(), DATABASE_URL: 'postgres://u@db:5432/h', PORT: '8080' });
  assert.equal(c.database.kind, 'postgres');
  assert.equal(c.port, 8080);
});

test('bad settings stop the start with a message naming them', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty' }),
    (e: unknown) => e instanceof ConfigError && /PORT/.test(e.message),
  );
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
  assert.throws(() => loadConfig({ NODE_ENV: 'production', HOVIYAT_DATA_DIR: dir() }), /HOVIYAT_SECRET/);
  assert.throws(() => loadConfig({ HOVIYAT_SMS: 'kavenegar', HOVIYAT_DATA_DIR: dir() }), /KAVENEGAR_API_KEY/);
  assert.throws(
    () => loadConfig({ NODE_ENV: 'production', HOVIYAT_SECRET: 'x'.repeat(40), HOVIYAT_DATA_DIR: dir() }),
    /SMS simulator/,
  );
});

test('production: no dev tools, secure cookies', () => {
  const c = loadConfig({
    NODE_ENV: 'production',
    HOVIYAT_SECRET: 'x'.repeat(40),
    HOVIYAT_ALLOW_SIMULATORS: '1',
    HOVIYAT_DATA_DIR: dir(),
  });
  assert.equal(c.devTools, false);
  assert.equal(c.cookieSecure, true);
});
