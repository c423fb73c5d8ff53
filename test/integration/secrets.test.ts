import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, logSink } from '../helpers/app.js';
import { FormClient, lastCode } from '../helpers/browser.js';
import { ALI, PASSWORD, registerFully } from '../helpers/registration.js';

test('logs never hold a national code, password, SMS code or session token', async () => {
  const sink = logSink();
  const t = await createTestApp({ env: { LOG_LEVEL: 'debug' }, logStream: sink.stream });
  try {
    await registerFully(t, ALI);
    await t.drain();
    const c = new FormClient(t.app);
    await c.get('/login');
    await c.submit({ username: ALI.nationalCode, password: 'Wrong1pass' });
    await c.submit({ username: ALI.nationalCode, password: PASSWORD });
    const token = c.cookies.get('hv_session')!;
    // recovery by SMS: a code goes out and comes back in a form
    const r = new FormClient(t.app);
    await r.get('/recovery');
    await r.submit({ nationalCode: ALI.nationalCode, captcha: '12345' });
    await r.submit({ method: 'sms' });
    const code = await lastCode(t, ALI.mobile);
    await r.submit({ code });
    await r.submit({ password: 'Another2Pass', passwordRepeat: 'Another2Pass' });
    assert.ok(sink.text().length > 1000, 'requests were logged');
    for (const secret of [ALI.nationalCode, PASSWORD, 'Another2Pass', code, token]) {
      assert.ok(!sink.text().includes(secret), `a secret reached the log: ${secret.slice(0, 3)}…`);
    }
    // and the SMS outbox keeps no code once it was sent
    const outbox = await t.services.db
      .selectFrom('sms_outbox')
      .select(['body', 'sensitive', 'status'])
      .where('sensitive', '=', true)
      .execute();
    assert.ok(outbox.length >= 2);
    assert.ok(outbox.every((m) => m.status === 'sent' && m.body === null));
  } finally {
    await t.close();
  }
});

test('sessions end after the idle limit and after the absolute limit', async () => {
  const t = await createTestApp();
  try {
    const { createAccount } = await import('../helpers/accounts.js');
    const acc = await createAccount(t, { nationalCode: '0084575948' });
    const c = new FormClient(t.app);
    await c.get('/login');
    let page = await c.submit({ username: acc.nationalCode, password: acc.password });
    assert.equal(page.url, '/account');
    const L = t.services.config.limits;
    // activity keeps it alive …
    for (let i = 0; i < 3; i++) {
      t.clock.advance(L.sessionIdleMs - 60_000);
      page = await c.get('/account');
      assert.equal(page.url, '/account');
    }
    // … idleness ends it
    t.clock.advance(L.sessionIdleMs + 1000);
    page = await c.get('/account');
    assert.match(page.url, /^\/login/);
    // the absolute limit holds even with activity: used well within the idle limit all along, the
    // session is alive 1 ms before sessionAbsoluteMs after the login and gone 1 ms after it
    page = await c.submit({ username: acc.nationalCode, password: acc.password });
    assert.equal(page.url, '/account');
    const step = L.sessionIdleMs - 60_000;
    assert.ok(step > 0 && L.sessionAbsoluteMs > step);
    let elapsed = 0;
    while (elapsed + step < L.sessionAbsoluteMs - 1) {
      t.clock.advance(step);
      elapsed += step;
      page = await c.get('/account');
      assert.equal(page.url, '/account', `alive ${elapsed} ms after the login, with activity`);
    }
    t.clock.advance(L.sessionAbsoluteMs - 1 - elapsed);
    page = await c.get('/account');
    assert.equal(page.url, '/account', 'alive just before the absolute limit');
    t.clock.advance(2);
    page = await c.get('/account');
    assert.match(page.url, /^\/login/, 'gone just after the absolute limit, though active 2 ms ago');
  } finally {
    await t.close();
  }
});
