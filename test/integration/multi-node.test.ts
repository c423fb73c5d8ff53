import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { freshDatabase } from '../helpers/db.js';
import { FormClient } from '../helpers/browser.js';
import { ALI, PASSWORD, QUESTIONS } from '../helpers/registration.js';

/**
 * Two app nodes over one database, sharing nothing else: a person's requests alternate between
 * them and every journey still works, because flows, codes, captchas, budgets, lockouts and
 * sessions all live in PostgreSQL.
 */
test('requests alternating between two nodes: registration, lockout and sessions hold', async () => {
  const { db, cleanup } = await freshDatabase();
  const clock = new ManualClock(new Date('2026-11-24T08:00:00Z'));
  const config = () =>
    loadConfig(
      { NODE_ENV: 'test', HOVIYAT_CAPTCHA: 'simulator', LOG_LEVEL: 'silent' },
      { secret: 'shared-secret-shared-secret-shared-secret-42', dataDir: mkdtempSync(join(tmpdir(), 'hoviyat-node-')) },
    );
  const a = await buildApp(config(), { db, clock, logger: false });
  const b = await buildApp(config(), { db, clock, logger: false });
  const code = async (to: string) => {
    await a.worker.drain();
    const res = await b.app.inject({ method: 'GET', url: `/dev/sms?to=${to}` });
    return /(\d{6})/.exec((res.json() as { messages: { text: string }[] }).messages[0]!.text)![1]!;
  };
  try {
    const c = new FormClient(a.app);
    const on = (node: typeof a) => {
      c.app = node.app;
      return c;
    };
    await on(a).get('/registration');
    await on(b).submit({ personKind: 'iranian' });
    let page = await on(a).submit({ nationalCode: ALI.nationalCode, mobile: ALI.mobile, captcha: '12345' });
    assert.match(page.url, /verify_mobile/);
    page = await on(b).submit({ code: await code(ALI.mobile) });
    page = await on(a).submit({
      firstName: ALI.firstName,
      lastName: ALI.lastName,
      fatherName: ALI.fatherName,
      shenasnamehNumber: ALI.shenasnamehNumber,
      birthDate_y: ALI.birth[0],
      birthDate_m: ALI.birth[1],
      birthDate_d: ALI.birth[2],
      gender: 'male',
    });
    page = await on(b).submit({ email: '' });
    page = await on(a).submit({ password: PASSWORD, passwordRepeat: PASSWORD, ...QUESTIONS });
    page = await on(b).submit({});
    assert.match(page.url, /submitted/);
    await b.worker.drain();

    // the lockout counter is shared: failures on A make B ask for the captcha
    const l = new FormClient(a.app, '192.0.2.1');
    await l.get('/login');
    for (let i = 0; i < 3; i++) {
      l.app = i % 2 ? b.app : a.app;
      await l.submit({ username: ALI.nationalCode, password: 'Wrong1234' });
    }
    l.app = b.app;
    page = await l.submit({ username: ALI.nationalCode, password: PASSWORD });
    assert.match(page.html, /کد امنیتی/);
    page = await l.submit({ username: ALI.nationalCode, password: PASSWORD, captcha: '12345' });
    assert.equal(page.url, '/account');
    // a session made on B is good on A; logging out on A ends it on B
    l.app = a.app;
    page = await l.get('/account');
    assert.equal(page.url, '/account');
    await l.post('/logout', {});
    l.app = b.app;
    page = await l.get('/account');
    assert.match(page.url, /^\/login/);
  } finally {
    await a.app.close();
    await b.app.close();
    await cleanup();
  }
});
