import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { FormClient, smsCount, lastCode, lastSms, fieldErrorText, type Page } from '../helpers/browser.js';
import { createAccount, type TestAccount } from '../helpers/accounts.js';
import { accepted, refused } from '../helpers/prg.js';
import { passwordIs as passwordIsOf, recoveryFlowCount as recoveryFlowCountOf } from '../helpers/recovery.js';
import { nationalCodeCheckDigit } from '../../src/domain/national-code.js';
import { formatMessage } from '../../src/phrases/fa.js';

const NEW_PASSWORD = 'Tazeh2025Ramz';
/** The recovery pages call the SMS code «کد احراز هویت», and so do their messages. */
const CODE_LABEL = 'کد احراز هویت';
let serial = 0;

/** A fresh valid national code (and a matching mobile) for each account, so tests don't share budgets. */
function nextPerson() {
  serial += 1;
  const first9 = `55${String(serial).padStart(7, '0')}`;
  return {
    nationalCode: first9 + String(nationalCodeCheckDigit(first9)),
    mobile: `0935${String(serial).padStart(7, '0')}`,
  };
}

const toFa = (s: string) => s.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
const flowIdOf = (page: Page) => /flow=([0-9a-f-]{36})/.exec(page.url)?.[1] ?? '';
const unescape = (s: string) => s.replace(/&#38;/g, '&').replace(/&#39;/g, "'").replace(/&#34;/g, '"');
const fieldError = (page: Page, field: string) => unescape(fieldErrorText(page.html, field) ?? '');

describe('password recovery over HTTP', () => {
  let t: TestApp;
  let ip = 0;
  /** Every client comes from its own address, so the per-IP SMS budget never gets in the way. */
  const client = () => new FormClient(t.app, `198.51.100.${++ip}`);

  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await t.close();
  });

  async function account(p: Partial<Parameters<typeof createAccount>[1]> = {}): Promise<TestAccount> {
    const person = nextPerson();
    return createAccount(t, { nationalCode: person.nationalCode, mobile: person.mobile, ...p });
  }

  /** Opens /recovery and gets past the first page to the method page. */
  async function identify(c: FormClient, nationalCode: string): Promise<Page> {
    await c.get('/recovery');
    const page = await c.submit({ nationalCode, captcha: '12345' });
    assert.match(page.url, /\/recovery\/method\?flow=/, page.html.slice(0, 2000));
    return page;
  }

  async function toCode(c: FormClient, a: TestAccount): Promise<Page> {
    await identify(c, a.nationalCode);
    const page = await c.submit({ method: 'sms' });
    assert.match(page.url, /\/recovery\/code\?flow=/, page.html.slice(0, 3000));
    return page;
  }

  const passwordIs = (a: TestAccount, password: string) => passwordIsOf(t, a, password);

  const sentTo = (mobile: string) => smsCount(t, mobile);

  const recoveryFlowCount = () => recoveryFlowCountOf(t);

  test('SMS path: code from the inbox, new password set, sessions ended, SMS sent, flow spent', async () => {
    const a = await account();
    const session = await t.services.sessions.create(t.services.db, a.id, {});
    assert.ok(await t.services.sessions.lookup(session.token));

    const c = client();
    let page = await c.get('/recovery');
    assert.equal(page.status, 200);
    assert.match(page.html, /کد ملی \/ کد فیدا/);
    assert.match(page.html, /name="captcha_id"/);
    // Persian digits are accepted
    page = await c.submit({ nationalCode: toFa(a.nationalCode), captcha: '۱۲۳۴۵' });
    assert.match(page.url, /\/recovery\/method\?flow=/, page.html.slice(0, 2000));
    assert.match(page.html, /روش بازیابی گذرواژه را تعیین نمایید\./);
    assert.match(page.html, /بازیابی گذرواژه با استفاده از شناسه ارسال شده توسط پیامک/);
    assert.match(page.html, /بازیابی گذرواژه با استفاده از سوالات امنیتی/);
    assert.match(page.html, /روش بازنشانی گذرواژه/);
    // nothing of the account shows before something only its owner has (the code)
    assert.doesNotMatch(page.html, /\*\*\*|dir="ltr">[۰-۹]{4}/);

    page = await c.submit({ method: 'sms' });
    assert.match(page.url, /\/recovery\/code\?/);
    assert.match(page.html, /درج کد/);
    assert.match(page.html, /کد احراز هویت/);
    assert.match(page.html, /data-countdown="60"/);
    assert.match(page.html, /data-countdown="\d+"/);
    const sms = await lastSms(t, a.mobile!);
    assert.match(sms ?? '', /کد بازیابی گذرواژه/);
    const code = await lastCode(t, a.mobile!);

    page = await c.submit({ code: toFa(code) });
    assert.match(page.url, /\/recovery\/new_password\?/);
    assert.match(page.html, /تکرار گذرواژه جدید/);
    assert.match(page.html, /ثبت گذرواژه جدید/);
    const newPasswordUrl = page.url;

    page = await c.submit({ password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD });
    assert.match(page.url, /\/recovery\/done\?/);
    assert.match(page.html, /data-recovery="done"/);
    assert.match(page.html, /href="\/login"[^>]*>ورود به سامانه/);

    assert.equal(await passwordIs(a, NEW_PASSWORD), true);
    assert.equal(await passwordIs(a, a.password), false);
    assert.equal(await t.services.sessions.lookup(session.token), null);
    assert.match((await lastSms(t, a.mobile!)) ?? '', /گذرواژه حساب شما تغییر کرد/);

    // the finished flow can't set a password again, nor go back to any step
    const again = await c.post(newPasswordUrl, { password: 'Another2025x', passwordRepeat: 'Another2025x' }, false);
    assert.equal(again.status, 303);
    assert.match(again.location ?? '', /\/recovery\/done\?/);
    assert.equal(await passwordIs(a, NEW_PASSWORD), true);
    for (const step of ['identify', 'method', 'code', 'questions', 'new_password']) {
      const r = await c.get(`/recovery/${step}?flow=${flowIdOf(page)}`, false);
      assert.equal(r.status, 303, step);
      assert.match(r.location ?? '', /\/recovery\/done\?/, step);
    }
  });

  test('questions path: answers typed with Arabic ي/ك and extra spaces still match', async () => {
    const a = await account();
    const c = client();
    await identify(c, a.nationalCode);
    let page = await c.submit({ method: 'questions' });
    assert.match(page.url, /\/recovery\/questions\?/, page.html.slice(0, 2000));
    assert.match(page.html, /سوال امنیتی ۱:/);
    assert.match(page.html, /پاسخ سوال ۳:/);
    assert.match(page.html, /رنگ مورد علاقه‌ی شما چیست؟/);
    assert.match(page.html, /در چه شهری به دنیا آمده‌اید؟/);
    assert.match(page.html, /سوالات امنیتی/);

    page = await c.submit({ answer1: ' آبي ', answer2: 'تهـران  ', answer3: ' كار  خانه' });
    assert.match(page.url, /\/recovery\/new_password\?/, page.html.slice(0, 3000));
    page = await c.submit({ password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD });
    assert.match(page.url, /\/recovery\/done\?/);
    assert.equal(await passwordIs(a, NEW_PASSWORD), true);
  });

  test('the new password follows the registration policy; errors sit next to their fields', async () => {
    const a = await account({ firstName: 'Sara', lastName: 'Karimi' });
    const c = client();
    await toCode(c, a);
    let page = await c.submit({ code: await lastCode(t, a.mobile!) });
    assert.match(page.url, /new_password/);
    page = await refused(c, { password: 'short', passwordRepeat: 'short' });
    assert.equal(fieldError(page, 'password'), formatMessage('password.too_short'));
    assert.doesNotMatch(page.html, /value="short"/);
    page = await c.submit({ password: 'Karimi2025x', passwordRepeat: 'Karimi2025x' });
    assert.equal(fieldError(page, 'password'), formatMessage('password.contains_personal'));
    page = await c.submit({ password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD + 'x' });
    assert.equal(fieldError(page, 'passwordRepeat'), formatMessage('password.mismatch'));
    assert.equal(await passwordIs(a, a.password), true);
  });

  test('after many failed logins, a person recovers and logs straight in with the new password', async () => {
    const a = await account();
    const login = client();
    await login.get('/login');
    let page: Page = login.last!;
    for (let i = 0; i < 6; i++)
      page = await login.submit({ username: a.nationalCode, password: 'Wrong1234', captcha: '12345' });
    assert.equal(page.status, 400);
    assert.match(page.html, /name="captcha_id"/);

    const c = client();
    await toCode(c, a);
    page = await c.submit({ code: await lastCode(t, a.mobile!) });
    page = await c.submit({ password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD });
    assert.match(page.url, /\/recovery\/done\?/);
    await c.get('/login');
    page = await c.submit({ username: a.nationalCode, password: NEW_PASSWORD });
    assert.equal(page.url, '/account', page.html.slice(0, 3000));
  });

  test('a wrong code shows the guesses left; the right one then works', async () => {
    const a = await account();
    const c = client();
    await toCode(c, a);
    const code = await lastCode(t, a.mobile!);
    const wrong = code === '000000' ? '111111' : '000000';
    let page = await refused(c, { code: wrong });
    assert.equal(fieldError(page, 'code'), formatMessage('otp.wrong', { remaining: 4, label: CODE_LABEL }));
    assert.match(page.html, new RegExp(`value="${wrong}"`));
    page = await c.submit({ code });
    assert.match(page.url, /new_password/);
  });

  test('a code expires after 20 minutes; a new one can be asked for', async () => {
    const a = await account();
    const c = client();
    await toCode(c, a);
    const code = await lastCode(t, a.mobile!);
    t.clock.advance(20 * 60_000 + 1000);
    let page = await refused(c, { code });
    assert.equal(fieldError(page, 'code'), formatMessage('otp.expired'));
    page = accepted(await c.post(page.url, { _action: 'resend' }));
    assert.match(page.url, /\/recovery\/code\?/);
    const fresh = await lastCode(t, a.mobile!);
    page = await c.submit({ code: fresh });
    assert.match(page.url, /new_password/);
  });

  test('resend waits out the cooldown; the old code is void after a resend', async () => {
    const a = await account();
    const c = client();
    let page = await toCode(c, a);
    const first = await lastCode(t, a.mobile!);
    const codeUrl = page.url;
    page = await refused(c, { _action: 'resend' }, codeUrl);
    assert.match(fieldError(page, 'code'), /ثانیه صبر کنید/);
    assert.match(page.html, /data-countdown="60"/);

    t.clock.advance(30_000);
    page = await c.get(codeUrl);
    assert.match(page.html, /data-countdown="30"/);
    assert.match(page.html, /data-countdown="\d+"/);

    t.clock.advance(31_000);
    page = await c.get(codeUrl);
    assert.doesNotMatch(page.html, /data-countdown=/);
    assert.doesNotMatch(page.html, /data-countdown=/);
    page = accepted(await c.post(codeUrl, { _action: 'resend' }));
    const second = await lastCode(t, a.mobile!);
    const inbox = (await t.app.inject({ method: 'GET', url: `/dev/sms?to=${a.mobile}&format=json` })).json() as {
      messages: unknown[];
    };
    assert.equal(inbox.messages.length, 2);
    if (second !== first) {
      page = await refused(c, { code: first });
    }
    page = await c.submit({ code: second });
    assert.match(page.url, /new_password/);
  });

  test('too many wrong codes: the page says until when; then a fresh code works', async () => {
    const a = await account();
    const c = client();
    let page = await toCode(c, a);
    const codeUrl = page.url;
    const code = await lastCode(t, a.mobile!);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 4; i >= 1; i--) {
      page = await c.submit({ code: wrong });
      assert.equal(fieldError(page, 'code'), formatMessage('otp.wrong', { remaining: i, label: CODE_LABEL }));
    }
    page = await refused(c, { code: wrong });
    const window = t.services.config.limits.otpGuessWindowMs;
    assert.match(fieldError(page, 'code'), new RegExp(`پس از ${toFa(String(window / 60_000))} دقیقه`));

    // even the right code is refused now, and no SMS goes out for a code that could not be accepted
    page = await refused(c, { code }, codeUrl);
    const sent = await sentTo(a.mobile!);
    t.clock.advance(t.services.config.limits.otpResendCooldownMs + 1000);
    page = await refused(c, { _action: 'resend' }, codeUrl);
    assert.match(fieldError(page, 'code'), /کد تازه بخواهید/);
    assert.equal(await sentTo(a.mobile!), sent);

    // «مرحله قبل» leads to the method page, where the questions are still open
    page = await c.post(codeUrl, { _action: 'back' });
    assert.match(page.url, /\/recovery\/method\?/);
    page = await c.submit({ method: 'questions' });
    assert.match(page.url, /\/recovery\/questions\?/);

    // a new flow buys no fresh guesses; once the window is over a fresh code works
    const c2 = client();
    await toCode(c2, a);
    page = await refused(c2, { code });
    assert.match(fieldError(page, 'code'), /کد تازه بخواهید/);
    t.clock.advance(window);
    page = await c2.post(c2.last!.url, { _action: 'resend' });
    assert.match(page.url, /\/recovery\/code\?/);
    assert.equal(await sentTo(a.mobile!), sent + 1);
    page = await c2.submit({ code: await lastCode(t, a.mobile!) });
    assert.match(page.url, /new_password/);
  });

  test('wrong answers show the attempts left; the cap is per account and survives a new flow', async () => {
    const a = await account();
    const c = client();
    await identify(c, a.nationalCode);
    let page = await c.submit({ method: 'questions' });
    page = await refused(c, { answer1: 'آبی', answer2: '', answer3: 'کارخانه' });
    assert.equal(fieldError(page, 'answer2'), formatMessage('questions.answer_required', { field: 'پاسخ سوال ۲' }));
    for (let remaining = 4; remaining >= 2; remaining--) {
      page = await refused(c, { answer1: 'آبی', answer2: 'شیراز', answer3: 'کارخانه' });
      assert.match(
        unescape(page.html),
        new RegExp(formatMessage('recovery.wrong_answers', { remaining }).replace(/\./g, '\\.')),
      );
      assert.doesNotMatch(page.html, /value="آبی"/);
    }

    // a new flow doesn't reset the count
    const c2 = client();
    await identify(c2, a.nationalCode);
    page = await c2.submit({ method: 'questions' });
    page = await c2.submit({ answer1: 'آبی', answer2: 'شیراز', answer3: 'کارخانه' });
    assert.match(
      unescape(page.html),
      new RegExp(formatMessage('recovery.wrong_answers', { remaining: 1 }).replace(/\./g, '\\.')),
    );
    page = await c2.submit({ answer1: 'آبی', answer2: 'شیراز', answer3: 'کارخانه' });
    assert.match(unescape(page.html), new RegExp(formatMessage('recovery.too_many_attempts')));
    // from now on even the right answers are refused, in this flow and in others
    page = await refused(c2, { answer1: 'آبی', answer2: 'تهران', answer3: 'کارخانه' });
    assert.match(unescape(page.html), new RegExp(formatMessage('recovery.too_many_attempts')));
    const c3 = client();
    await identify(c3, a.nationalCode);
    page = await refused(c3, { method: 'questions' });
    assert.equal(fieldError(page, 'method'), formatMessage('recovery.too_many_attempts'));
    // the SMS path stays open
    page = await c3.submit({ method: 'sms' });
    assert.match(page.url, /\/recovery\/code\?/);

    // a day later the questions open again
    t.clock.advance(24 * 60 * 60_000 + 1000);
    const c4 = client();
    await identify(c4, a.nationalCode);
    page = await c4.submit({ method: 'questions' });
    page = await c4.submit({ answer1: 'آبی', answer2: 'تهران', answer3: 'کارخانه' });
    assert.match(page.url, /new_password/);
  });

  /** What a stranger sees for a national code: the method page, the code page, the questions. */
  async function walk(nationalCode: string) {
    const c = client();
    const method = await identify(c, nationalCode);
    const code = await c.submit({ method: 'sms' });
    assert.match(code.url, /\/recovery\/code\?/);
    const wrong = await c.submit({ code: '123456' });
    await c.post(code.url, { _action: 'back' });
    const questions = await c.submit({ method: 'questions' });
    assert.match(questions.url, /\/recovery\/questions\?/);
    const answered = await c.submit({ answer1: 'الف', answer2: 'ب ب', answer3: 'پ پ' });
    const strip = (p: Page) =>
      unescape(p.html).replace(/flow=[0-9a-f-]{36}|value="[0-9a-f-]{36,64}"|\/captcha\/[0-9a-f-]+/g, '');
    return {
      method: strip(method),
      code: strip(code),
      wrong: fieldError(wrong, 'code'),
      questionIds: [...questions.html.matchAll(/<legend>([^<]+)<\/legend>/g)].map((m) => m[1]).join('|'),
      answered: unescape(answered.html).match(/پاسخ یک یا چند پرسش درست نیست[^<]*/)?.[0],
    };
  }

  test('a stranger learns nothing from a national code: every account looks alike until the code', async () => {
    const full = await walk((await account()).nationalCode);
    const views = await Promise.all([
      walk((await account({ mobile: null })).nationalCode),
      walk((await account({ questions: null })).nationalCode),
      walk((await account({ mobile: null, questions: null })).nationalCode),
      walk((await account({ status: 'disabled' })).nationalCode),
      walk((await account({ status: 'pending_branch_visit' })).nationalCode),
      walk(nextPerson().nationalCode),
    ]);
    for (const v of views) {
      assert.equal(v.method, full.method);
      assert.equal(v.code, full.code);
      assert.equal(v.wrong, formatMessage('otp.wrong', { remaining: 4, label: CODE_LABEL }));
      assert.equal(v.answered, full.answered);
      assert.equal(v.questionIds.split('|').length, 3);
    }
    assert.equal(full.wrong, formatMessage('otp.wrong', { remaining: 4, label: CODE_LABEL }));
    assert.ok(full.answered);
  });

  test('no mobile on record: no SMS, the code page advises the questions or a branch; questions work', async () => {
    const a = await account({ mobile: null });
    const c = client();
    await identify(c, a.nationalCode);
    let page = await c.submit({ method: 'sms' });
    assert.match(page.url, /\/recovery\/code\?/);
    assert.match(page.html, /data-recovery="no-sms-advice"/);
    assert.match(page.html, /نزدیک‌ترین شعبه/);
    page = await c.post(page.url, { _action: 'back' });
    page = await c.submit({ method: 'questions' });
    page = await c.submit({ answer1: 'آبی', answer2: 'تهران', answer3: 'کارخانه' });
    assert.match(page.url, /new_password/);
  });

  test('no method chosen: asked to choose one', async () => {
    const a = await account({ questions: null });
    const c = client();
    await identify(c, a.nationalCode);
    const page = await c.submit({});
    assert.equal(fieldError(page, 'method'), formatMessage('recovery.method_required'));
  });

  test('an account that needs a branch visit, or is disabled, is told so only after the right code', async () => {
    for (const [status, code] of [
      ['pending_branch_visit', 'login.pending_branch_visit'],
      ['disabled', 'login.disabled'],
    ] as const) {
      const a = await account({ status });
      const c = client();
      await toCode(c, a);
      const page = await refused(c, { code: await lastCode(t, a.mobile!) });
      assert.match(unescape(page.html), new RegExp(formatMessage(code).replace(/\./g, '\\.')));
      assert.equal(await passwordIs(a, a.password), true);
    }
  });

  test('the first page: invalid, wrong captcha; no flow rows for failures', async () => {
    const before = await recoveryFlowCount();
    const c = client();
    await c.get('/recovery');
    let page = await c.submit({ nationalCode: '0012345678', captcha: '12345' });
    assert.equal(fieldError(page, 'nationalCode'), formatMessage('national_code.checksum'));
    page = await c.submit({ nationalCode: '12345', captcha: '12345' });
    assert.equal(fieldError(page, 'nationalCode'), formatMessage('recovery.identifier_format'));

    const a = await account();
    page = await refused(c, { nationalCode: a.nationalCode, captcha: '99999' });
    assert.equal(fieldError(page, 'captcha'), formatMessage('captcha.wrong'));
    assert.equal(fieldError(page, 'nationalCode'), '');
    page = await c.submit({ nationalCode: a.nationalCode, captcha: '' });
    assert.equal(fieldError(page, 'captcha'), formatMessage('captcha.required'));

    // a new captcha keeps what was typed
    page = accepted(await c.submit({ nationalCode: a.nationalCode, _action: 'new_captcha' }));
    assert.match(page.html, new RegExp(`value="${a.nationalCode}"`));
    assert.equal(await recoveryFlowCount(), before);

    // a forged form is refused
    page = await refused(c, { nationalCode: a.nationalCode, captcha: '12345', _csrf: 'forged' }, '/recovery');
    assert.match(unescape(page.html), new RegExp(formatMessage('csrf.invalid')));
    assert.equal(await recoveryFlowCount(), before);
  });

  test('a 12-digit FIDA code identifies a foreign national', async () => {
    const fida = `7${String(100_000_000_00 + ++serial).padStart(11, '0')}`;
    const a = await account({ nationalCode: fida, personKind: 'foreign' });
    const c = client();
    const page = await identify(c, `${fida.slice(0, 4)}-${fida.slice(4)}`);
    assert.match(page.html, /روش بازیابی گذرواژه/);
    assert.equal(a.nationalCode.length, 12);
  });

  test('new_password is closed before verification; back and refresh never dead-end', async () => {
    const a = await account();
    const c = client();
    let page = await identify(c, a.nationalCode);
    const id = flowIdOf(page);

    let r = await c.get(`/recovery/new_password?flow=${id}`, false);
    assert.equal(r.status, 303);
    assert.equal(r.location, `/recovery/method?flow=${id}`);
    r = await c.get(`/recovery/code?flow=${id}`, false);
    assert.equal(r.location, `/recovery/method?flow=${id}`);
    r = await c.get(`/recovery/nonsense?flow=${id}`, false);
    assert.equal(r.location, `/recovery/method?flow=${id}`);
    await c.get(`/recovery/method?flow=${id}`);
    r = await c.post(
      `/recovery/new_password?flow=${id}`,
      { password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD },
      false,
    );
    assert.equal(r.status, 303);
    assert.equal(r.location, `/recovery/method?flow=${id}`);
    assert.equal(await passwordIs(a, a.password), true);
    r = await c.get('/recovery/method', false);
    assert.equal(r.location, '/recovery');

    // back from the method page: the first page again, with the code filled in
    page = await c.get(`/recovery/method?flow=${id}`);
    page = await c.post(page.url, { _action: 'back' });
    assert.equal(page.url, `/recovery/identify?flow=${id}`);
    assert.match(page.html, new RegExp(`value="${a.nationalCode}"`));
    page = await c.submit({ nationalCode: a.nationalCode, captcha: '12345' });
    assert.equal(page.url, `/recovery/method?flow=${id}`);

    // to the code page and back: choosing SMS again sends no second SMS while the code is valid
    page = await c.submit({ method: 'sms' });
    assert.match(page.url, /\/recovery\/code\?/);
    page = await c.post(page.url, { _action: 'back' });
    assert.equal(page.url, `/recovery/method?flow=${id}`);
    assert.match(page.html, /value="sms" checked/);
    page = await c.submit({ method: 'sms' });
    assert.match(page.url, /\/recovery\/code\?/);
    await t.drain();
    const inbox = (await t.app.inject({ method: 'GET', url: `/dev/sms?to=${a.mobile}&format=json` })).json() as {
      messages: unknown[];
    };
    assert.equal(inbox.messages.length, 1);

    // a refresh of the code page is harmless; after the code, the earlier steps lead to new_password
    page = await c.get(page.url);
    page = await c.submit({ code: await lastCode(t, a.mobile!) });
    assert.match(page.url, /new_password/);
    r = await c.get(`/recovery/code?flow=${id}`, false);
    assert.equal(r.location, `/recovery/new_password?flow=${id}`);
    r = await c.get(`/recovery/identify?flow=${id}`, false);
    assert.equal(r.location, `/recovery/new_password?flow=${id}`);

    // another account typed on the first page of a flow starts a new flow
    const b = await account();
    const c2 = client();
    page = await identify(c2, a.nationalCode);
    const first = flowIdOf(page);
    page = await c2.post(page.url, { _action: 'back' });
    page = await c2.submit({ nationalCode: b.nationalCode, captcha: '12345' });
    assert.match(page.url, /\/recovery\/method\?/);
    assert.notEqual(flowIdOf(page), first);
  });

  test('an expired flow offers to start again', async () => {
    const a = await account();
    const c = client();
    const page = await identify(c, a.nationalCode);
    t.clock.advance(t.services.config.limits.flowTtlMs + 1000);
    const r = await c.get(page.url);
    assert.equal(r.status, 410);
    assert.match(r.html, /href="\/recovery"[^>]*>شروع دوباره/);
    const p = await c.post(page.url, { method: 'sms' });
    assert.equal(p.status, 410);
    const unknown = await c.get('/recovery/method?flow=00000000-0000-4000-8000-000000000000');
    assert.equal(unknown.status, 404);
    assert.match(unknown.html, /شروع دوباره/);
  });
});
