import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { FormClient, smsCount } from '../../helpers/browser.js';
import { ALI } from '../../helpers/registration.js';

describe('budgets: a refusal charges nothing; step 1 is no oracle; no SMS that cannot help', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ limits: { smsPerIp: 2, identityChecksPerNationalCode: 3 } });
  });
  after(async () => t.close());

  const count = async (key: string) => t.services.rates.peek(key);
  const smsTo = (mobile: string) => smsCount(t, mobile);

  test('chargeAll charges every budget or none', async () => {
    const r = t.services.rates;
    const tight = { key: 'test:tight', limit: 1, windowMs: 60_000 };
    const loose = { key: 'test:loose', limit: 5, windowMs: 60_000 };
    assert.deepEqual(await r.chargeAll([tight, loose]), { allowed: true, counts: [1, 1] });
    const refused = await r.chargeAll([tight, loose]);
    assert.equal(refused.allowed, false);
    assert.equal(await count('test:loose'), 1, 'the loose budget was not charged for the refusal');
    t.clock.advance(60_001);
    assert.deepEqual(await r.chargeAll([tight, loose]), { allowed: true, counts: [1, 1] });
  });

  test('parallel charges never pass the limit', async () => {
    const b = { key: 'test:burst', limit: 5, windowMs: 60_000 };
    const results = await Promise.all(Array.from({ length: 30 }, () => t.services.rates.chargeAll([b])));
    assert.equal(results.filter((x) => x.allowed).length, 5);
    assert.equal(await count('test:burst'), 5);
  });

  async function stepOne(ip: string, nationalCode: string, mobile: string) {
    const c = new FormClient(t.app, ip);
    await c.get('/registration');
    await c.submit({ personKind: 'iranian' });
    return { c, page: await c.submit({ nationalCode, mobile, captcha: '12345' }) };
  }

  test("sends refused by one client's budget leave the owner's mobile budget untouched", async () => {
    const key = t.services.rates.key('sms-mobile', ALI.mobile);
    // one address asks three times: the third is refused by the per-address budget
    for (let i = 0; i < 2; i++) await stepOne('198.51.100.1', ALI.nationalCode, ALI.mobile);
    const before = await count(key);
    const { page } = await stepOne('198.51.100.1', ALI.nationalCode, ALI.mobile);
    assert.match(page.html, /تعداد پیامک‌های درخواستی از حد مجاز گذشته است/);
    assert.equal(await count(key), before);
  });

  test('registration step 1 answers about a national code only a few times an hour', async () => {
    const nationalCode = '1279834064';
    for (let i = 0; i < 3; i++) {
      const { page } = await stepOne(`198.51.100.${10 + i}`, nationalCode, `0935000000${i}`);
      assert.doesNotMatch(page.html, /بیش از اندازه درخواست بررسی/);
    }
    const { page } = await stepOne('198.51.100.20', nationalCode, '09350000009');
    assert.equal(page.status, 400);
    assert.match(page.html, /برای این کد ملی یا از این دستگاه بیش از اندازه درخواست بررسی شده است/);
    assert.doesNotMatch(page.html, /به نام شما ثبت نشده است/, 'no ownership answer past the budget');
    t.clock.advance(t.services.config.limits.identityCheckWindowMs);
    const again = await stepOne('198.51.100.21', nationalCode, '09350000009');
    assert.doesNotMatch(again.page.html, /بیش از اندازه درخواست بررسی/);
  });

  test('submitting step 1 again within the cooldown sends no second SMS', async () => {
    t.clock.advance(t.services.config.limits.smsWindowMs);
    const mobile = '09123456789';
    const { c, page } = await stepOne('198.51.100.30', '2271568439', mobile);
    assert.match(page.url, /verify_mobile/, page.html.slice(0, 1500));
    assert.equal(await smsTo(mobile), 1);
    await c.post(page.url, { _action: 'back' });
    const again = await c.submit({ nationalCode: '2271568439', mobile, captcha: '12345' });
    assert.match(again.html, /برای ارسال دوباره کد [۰-۹]+ ثانیه صبر کنید/);
    assert.equal(await smsTo(mobile), 1);
  });
});
