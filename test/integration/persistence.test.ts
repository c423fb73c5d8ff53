import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/app.js';

/** The embedded database keeps its data in HOVIYAT_DATA_DIR across restarts (what `npm start` uses). */
test(
  'embedded database: an account survives a restart, migrations run again harmlessly',
  { skip: !!process.env.HOVIYAT_TEST_DATABASE_URL && 'embedded database only' },
  async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hoviyat-restart-'));
    const env = { NODE_ENV: 'test', HOVIYAT_DATA_DIR: dataDir, LOG_LEVEL: 'silent', HOVIYAT_CAPTCHA: 'simulator' };
    const first = await buildApp(loadConfig(env), { logger: false });
    assert.equal(first.services.config.database.kind, 'pglite');
    const cap = await first.app.inject({ method: 'POST', url: '/api/v1/captcha' });
    const now = new Date();
    await first.services.db
      .insertInto('accounts')
      .values({
        national_code: '0084575948',
        person_kind: 'iranian',
        status: 'active',
        mobile: '09121234567',
        email: null,
        first_name: 'علی',
        last_name: 'رضایی',
        father_name: 'حسین',
        shenasnameh_number: '1523',
        birth_date: '1991-04-04',
        gender: 'male',
        password_hash: await first.services.hasher.hash('Hoviyat2024!'),
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await first.app.close();

    const second = await buildApp(loadConfig(env), { logger: false });
    try {
      // the same secret was read back from the data dir, so the old captcha is still answerable
      assert.equal(second.services.config.secret, first.services.config.secret);
      const login = await second.app.inject({
        method: 'POST',
        url: '/api/v1/login',
        payload: { username: '0084575948', password: 'Hoviyat2024!' },
      });
      assert.equal(login.statusCode, 200);
      const img = await second.app.inject({ method: 'GET', url: `/captcha/${cap.json().id}.svg` });
      assert.equal(img.statusCode, 200);
    } finally {
      await second.app.close();
    }
  },
);
