import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { FormClient, lastCode, fieldErrorText, hiddenValue } from '../helpers/browser.js';
import { ALI, PASSWORD, QUESTIONS } from '../helpers/registration.js';

async function toCodeStep(t: TestApp, ip = '203.0.113.20', p = ALI) {
  const c = new FormClient(t.app, ip);
  await c.get('/registration');
  await c.submit({ personKind: 'iranian' });
  const page = await c.submit({ nationalCode: p.nationalCode, mobile: p.mobile, captcha: '12345' });
  assert.match(page.url, /verify_mobile/);
  return { c, page, flowId: /flow=([0-9a-f-]+)/.exec(page.url)![1]! };
}

describe('registration: codes, navigation, expiry', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await t.close();
  });

  test('wrong captcha keeps the input and asks again with a new image', async () => {
    const c = new FormClient(t.app);
    await c.get('/registration');
    let page = await c.submit({ personKind: 'iranian' });
    const firstCaptcha = hiddenValue(page.html, 'captcha_id');
    page = await c.submit({ nationalCode: ALI.nationalCode, mobile: ALI.mobile, captcha: '99999' });
    assert.equal(page.status, 400);
    assert.ok(fieldErrorText(page.html, 'captcha'));
    assert.match(page.html, new RegExp(`value="${ALI.mobile}"`));
    assert.notEqual(hiddenValue(page.html, 'captcha_id'), firstCaptcha);
    // the same captcha cannot be used twice
    page = await c.submit({
      nationalCode: ALI.nationalCode,
      mobile: ALI.mobile,
      captcha: '12345',
      captcha_id: firstCaptcha!,
    });
    assert.equal(page.status, 400);
  });

  test('resend waits for the cooldown, a new code voids the old one, and wrong guesses carry over', async () => {
    const { c } = await toCodeStep(t);
    const first = await lastCode(t, ALI.mobile);
    let page = await c.post(c.last!.url, { _action: 'resend' });
    assert.equal(page.status, 400);
    assert.match(page.html, /ثانیه صبر کنید/);
    page = await c.submit({ code: '000001' });
    assert.match(page.html, /۴ بار دیگر/);
    t.clock.advance(61_000);
    page = await c.post(c.last!.url, { _action: 'resend' });
    assert.match(page.url, /verify_mobile/);
    const second = await lastCode(t, ALI.mobile);
    if (second !== first) {
      page = await c.submit({ code: first });
      assert.equal(page.status, 400, 'the old code is void');
      assert.match(page.html, /۳ بار دیگر/);
    }
    page = await c.submit({ code: second });
    assert.match(page.url, /birth_certificate/);
  });

  test('too many wrong codes close guessing for the mobile until a stated time; a code expires', async () => {
    const { c } = await toCodeStep(t, '203.0.113.21');
    let page = c.last!;
    for (let i = 0; i < 5; i++) page = await c.submit({ code: '999999' });
    assert.match(page.html, /بیش از اندازه کد نادرست/);
    page = await c.submit({ code: await lastCode(t, ALI.mobile) });
    assert.equal(page.status, 400, 'even the right code is refused now');

    // the guess budget belongs to the mobile: a new registration sends no code that could not be accepted
    const blocked = new FormClient(t.app, '203.0.113.23');
    await blocked.get('/registration');
    await blocked.submit({ personKind: 'iranian' });
    page = await blocked.submit({ nationalCode: ALI.nationalCode, mobile: ALI.mobile, captcha: '12345' });
    assert.equal(page.status, 400);
    assert.match(page.html, /پس از [۰-۹]+ دقیقه \(ساعت [۰-۹]{2}:[۰-۹]{2}\)/);
    // once the window is over a fresh code works: nobody is stuck for good
    t.clock.advance(t.services.config.limits.otpGuessWindowMs);
    const second = await toCodeStep(t, '203.0.113.22');
    t.clock.advance(t.services.config.limits.registrationOtpTtlMs + 1000);
    page = await second.c.submit({ code: await lastCode(t, ALI.mobile) });
    assert.match(page.html, /زمان اعتبار این کد تمام شده/);
  });

  test('SMS budget per mobile: sends stop after the limit with a clear wait', async () => {
    const limit = t.services.config.limits.smsPerMobile;
    let blocked = false;
    for (let i = 0; i < limit + 2 && !blocked; i++) {
      const c = new FormClient(t.app, `198.51.100.${i + 50}`);
      await c.get('/registration');
      await c.submit({ personKind: 'iranian' });
      const page = await c.submit({ nationalCode: '4483057162', mobile: '09359871234', captcha: '12345' });
      if (page.status === 400) {
        assert.match(page.html, /تعداد پیامک‌های درخواستی از حد مجاز گذشته/);
        blocked = true;
      }
    }
    assert.ok(blocked, 'the budget ran out');
    t.clock.advance(t.services.config.limits.smsWindowMs + 1000);
    const { page } = await toCodeStep(t, '198.51.100.200', {
      ...ALI,
      nationalCode: '4483057162',
      mobile: '09359871234',
    });
    assert.match(page.url, /verify_mobile/);
  });

  test('back keeps what was typed; forward jumps are redirected; refresh and a second tab work', async () => {
    const { c, flowId } = await toCodeStep(t, '203.0.113.30');
    let page = await c.submit({ code: await lastCode(t, ALI.mobile) });
    // typing on the birth page, then "previous step": the typing is kept
    page = await c.submit({ _action: 'back', firstName: 'علی', lastName: 'رضایی', fatherName: '' });
    assert.match(page.url, /\/identity\?/);
    assert.match(page.html, new RegExp(`value="${ALI.nationalCode}"`));
    page = await c.get(`/registration/birth_certificate?flow=${flowId}`);
    assert.match(page.html, /value="رضایی"/);
    // a step not reached yet sends the person to where they are
    page = await c.get(`/registration/review?flow=${flowId}`);
    assert.match(page.url, /birth_certificate/);
    // a second tab sees the same flow and can carry on
    const tab2 = new FormClient(t.app, '203.0.113.30');
    tab2.cookies = new Map(c.cookies);
    page = await tab2.get(`/registration/birth_certificate?flow=${flowId}`);
    assert.equal(page.status, 200);
    page = await tab2.submit({
      firstName: 'علی',
      lastName: 'رضایی',
      fatherName: 'حسین',
      shenasnamehNumber: '0',
      birthDate_y: '۱۳۷۰',
      birthDate_m: '1',
      birthDate_d: '۱۵',
      gender: 'male',
    });
    assert.equal(page.status, 400);
    assert.match(fieldErrorText(page.html, 'shenasnamehNumber') ?? '', /صفر پذیرفته نیست/);
    assert.match(page.html, /value="۱۳۷۰"/);
    page = await tab2.submit({
      firstName: 'علی',
      lastName: 'رضایی',
      fatherName: 'حسین',
      shenasnamehNumber: '۱۵۲۳',
      birthDate_y: '1370',
      birthDate_m: '1',
      birthDate_d: '15',
      gender: 'male',
    });
    assert.match(page.url, /\/email\?/);
    // the first tab, refreshed, follows
    page = await c.get(`/registration/birth_certificate?flow=${flowId}`);
    assert.equal(page.status, 200);
    page = await c.get(`/registration/password?flow=${flowId}`);
    assert.match(page.url, /\/email\?/);
  });

  test('password policy and security questions are explained field by field', async () => {
    const { c } = await toCodeStep(t, '203.0.113.40');
    await c.submit({ code: await lastCode(t, ALI.mobile) });
    await c.submit({
      firstName: 'علی',
      lastName: 'رضایی',
      fatherName: 'حسین',
      shenasnamehNumber: '1523',
      birthDate_y: '1370',
      birthDate_m: '1',
      birthDate_d: '15',
      gender: 'male',
    });
    await c.submit({ email: '' });
    let page = await c.submit({
      password: '1abcdefgH',
      passwordRepeat: '1abcdefgH',
      ...QUESTIONS,
      question2: QUESTIONS.question1,
    });
    assert.equal(page.status, 400);
    assert.match(fieldErrorText(page.html, 'password') ?? '', /با یک حرف لاتین شروع/);
    assert.ok(fieldErrorText(page.html, 'question2'));
    page = await c.submit({ password: `A${ALI.nationalCode}b`, passwordRepeat: 'x', ...QUESTIONS });
    assert.match(fieldErrorText(page.html, 'password') ?? '', /کد ملی/);
    page = await c.submit({ password: PASSWORD, passwordRepeat: PASSWORD + 'x', ...QUESTIONS, answer3: 'آبی' });
    assert.ok(fieldErrorText(page.html, 'passwordRepeat'));
    assert.ok(fieldErrorText(page.html, 'answer3'));
    assert.doesNotMatch(page.html, new RegExp(PASSWORD.replace('!', '\\!')), 'passwords are never echoed back');
    page = await c.submit({ password: PASSWORD, passwordRepeat: PASSWORD, ...QUESTIONS });
    assert.match(page.url, /\/review\?/);
    const flow = await t.services.db
      .selectFrom('flows')
      .select('data')
      .where('id', '=', /flow=([^&]+)/.exec(page.url)![1]!)
      .executeTakeFirstOrThrow();
    assert.doesNotMatch(JSON.stringify(flow.data), /Hoviyat2024|کارخانه/, 'no password or answer in clear in the flow');
  });

  test('an expired flow offers a fresh start instead of an error', async () => {
    const { c, flowId } = await toCodeStep(t, '203.0.113.50');
    t.clock.advance(t.services.config.limits.flowTtlMs + 1000);
    let page = await c.get(`/registration/verify_mobile?flow=${flowId}`);
    assert.equal(page.status, 410);
    assert.match(page.html, /شروع دوباره/);
    page = await c.post(`/registration/verify_mobile?flow=${flowId}`, { code: '123456' });
    assert.equal(page.status, 410);
    page = await c.get('/registration/identity?flow=not-a-flow');
    assert.equal(page.status, 404);
  });

  test('CSRF: a post without the form token is refused and nothing moves', async () => {
    const { c, flowId } = await toCodeStep(t, '203.0.113.60');
    const page = await c.post(`/registration/verify_mobile?flow=${flowId}`, {
      code: await lastCode(t, ALI.mobile),
      _csrf: 'f'.repeat(64),
    });
    assert.equal(page.status, 400);
    assert.match(page.html, /اعتبار فرم تمام شده/);
    const row = await t.services.db
      .selectFrom('flows')
      .select('state')
      .where('id', '=', flowId)
      .executeTakeFirstOrThrow();
    assert.equal(row.state, 'verify_mobile');
  });
});

describe('registration: double submission', () => {
  test('the same code sent twice at once (a double click) moves the flow once, both land on the next step', async () => {
    const t = await createTestApp();
    try {
      const { c, flowId } = await toCodeStep(t, '203.0.113.70');
      const code = await lastCode(t, ALI.mobile);
      const [a, b] = await Promise.all([c.post(c.last!.url, { code }), c.post(c.last!.url, { code })]);
      for (const page of [a, b]) assert.match(page.url, /birth_certificate/, `status ${page.status}`);
      const row = await t.services.db
        .selectFrom('otp_codes')
        .select('consumed_at')
        .where('subject', '=', flowId)
        .execute();
      assert.equal(row.filter((r) => r.consumed_at).length, 1);
    } finally {
      await t.close();
    }
  });
});
