import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { FormClient } from '../helpers/browser.js';
import { createAccount } from '../helpers/accounts.js';

/**
 * Captchas cost a row (and an image) each: one client network gets a generous budget, then pages
 * still render with a message and the API answers 429.
 */
describe('captcha issuing budget', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  const issue = (ip: string) => t.app.inject({ method: 'POST', url: '/api/v1/captcha', remoteAddress: ip });
  const stored = async () =>
    Number(
      (
        await t.services.db
          .selectFrom('captchas')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const spend = async (ip: string) => {
    for (let i = 0; i < t.services.config.limits.captchaPerIp; i++) {
      const r = await issue(ip);
      assert.equal(r.statusCode, 201, `issue ${i + 1} of the budget`);
    }
  };

  test('the default budget is a flood stop: 120 per 10 minutes per client network', () => {
    assert.equal(t.services.config.limits.captchaPerIp, 120);
    assert.equal(t.services.config.limits.captchaIpWindowMs, 10 * 60_000);
  });

  test('API: the N+1th captcha from one address is refused with 429 and nothing stored; another is fine', async () => {
    const before = await stored();
    await spend('198.51.100.7');
    const refused = await issue('198.51.100.7');
    assert.equal(refused.statusCode, 429);
    const body = refused.json() as { code: string; message: string; retryAfterSeconds: number };
    assert.equal(body.code, 'captcha.rate_limited');
    assert.match(body.message, /دقیقه/);
    assert.ok(body.retryAfterSeconds > 0 && body.retryAfterSeconds <= 600);
    assert.equal(refused.headers['retry-after'], String(body.retryAfterSeconds));
    assert.equal(await stored(), before + t.services.config.limits.captchaPerIp, 'a refused issue stores no row');
    assert.equal((await issue('198.51.100.8')).statusCode, 201);
  });

  test('IPv6 addresses of one /64 share a budget; another /64 does not', async () => {
    await spend('2001:db8:7:1::1');
    assert.equal((await issue('2001:db8:7:1:ffff:1:2:3')).statusCode, 429);
    assert.equal((await issue('2001:db8:7:2::1')).statusCode, 201);
  });

  test('pages with a captcha still render 200 with a Persian message; the window ending restores it', async () => {
    const ip = '198.51.100.20';
    await spend(ip);
    const c = new FormClient(t.app, ip);
    let page = await c.get('/recovery');
    assert.equal(page.status, 200);
    assert.match(page.html, /data-captcha="unavailable"/);
    assert.match(page.html, /۱۰ دقیقه دیگر می‌توانید تصویر جدید بخواهید/);
    assert.doesNotMatch(page.html, /\/captcha\/[0-9a-f-]{36}\.svg/);
    // asking for a new image while spent re-renders the page, still without an error status
    page = await c.submit({ _action: 'new_captcha', nationalCode: '0084575948' });
    assert.equal(page.status, 200);
    assert.match(page.html, /data-captcha="unavailable"/);
    assert.match(page.html, /value="0084575948"/, 'what was typed is kept');

    await c.get('/registration');
    page = await c.submit({ personKind: 'iranian' });
    assert.equal(page.status, 200);
    assert.match(page.url, /identity/);
    assert.match(page.html, /data-captcha="unavailable"/);

    // login asks for a captcha after failures: the form renders, the message stands in for the image
    const acc = await createAccount(t, { nationalCode: '2271568439' });
    const l = new FormClient(t.app, ip);
    await l.get('/login');
    for (let i = 0; i < t.services.config.limits.loginCaptchaAfter; i++)
      page = await l.submit({ username: acc.nationalCode, password: 'Wrong1234' });
    assert.equal(page.status, 400);
    assert.match(page.html, /data-captcha="unavailable"/);

    t.clock.advance(t.services.config.limits.captchaIpWindowMs);
    page = await c.get('/recovery');
    assert.equal(page.status, 200);
    assert.match(page.html, /\/captcha\/[0-9a-f-]{36}\.svg/);
    assert.doesNotMatch(page.html, /data-captcha="unavailable"/);
    assert.equal((await issue(ip)).statusCode, 201);
  });
});
