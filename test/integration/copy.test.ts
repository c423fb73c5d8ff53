/**
 * Words on the pages: one name for each thing (the link, its messages, a code and its errors),
 * SAMT's words on the forced change, the seeds' notices on every registration step, the strength
 * verdict without JavaScript, foreign nationals' wording, durations from the configuration.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { FormClient, lastCode, lastSms, type Page } from '../helpers/browser.js';
import { createAccount } from '../helpers/accounts.js';
import { ALI, fillRegistration, registerFully } from '../helpers/registration.js';

const main = (p: Page) => /<main[\s\S]*<\/main>/.exec(p.html)?.[0] ?? '';
const summaryItems = (p: Page) => {
  const box = /<div class="error-summary"[\s\S]*?<\/ul>/.exec(p.html)?.[0] ?? '';
  return [...box.matchAll(/<li>(?:<a [^>]*>)?([^<]*)/g)].map((m) => m[1]!);
};
const fa = (s: string) => s.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
const NOTICE = 'کاربر گرامی توجه داشته باشید';
const DISCLOSURE = /پیامدهای آشکار شدن گذرواژه/;

describe('copy and labels', () => {
  let t: TestApp;
  let ip = 0;
  const client = () => new FormClient(t.app, `198.51.100.${120 + ++ip}`);
  before(async () => {
    t = await createTestApp({ limits: { recoveryOtpTtlMs: 15 * 60_000, registrationPendingMs: 36 * 60 * 60_000 } });
  });
  after(async () => {
    await t.close();
  });

  test('the login page links to «بازیابی گذرواژه», the name every message uses', async () => {
    const page = await client().get('/login');
    assert.match(page.html, /<a href="\/recovery">بازیابی گذرواژه<\/a>/);
    assert.doesNotMatch(page.html, /گذرواژه را فراموش کرده‌ام/);
  });

  test('the home page links to recovery by the same name', async () => {
    const page = await client().get('/');
    assert.match(page.html, /<a href="\/recovery">بازیابی گذرواژه<\/a>/);
    assert.doesNotMatch(page.html, /گذرواژه را فراموش کرده‌ام/);
  });

  test('the forced change speaks SAMT: «کلمه عبور» throughout, with its advice and a way to recovery', async () => {
    const acc = await createAccount(t, { nationalCode: '2271568439', passwordExpired: true, password: 'Initial1pass' });
    const c = client();
    await c.get('/login');
    let page = await c.submit({ username: acc.nationalCode, password: acc.password });
    assert.equal(page.url, '/account/password-expired');
    for (const p of [page, await c.submit({ currentPassword: 'wrong', password: 'abc', passwordRepeat: 'x' })]) {
      const m = main(p);
      assert.doesNotMatch(m, /گذرواژه/, 'no «گذرواژه» on this page, errors included');
      for (const w of ['کلمه عبور قدیم', 'کلمه عبور جدید', 'تکرار کلمه عبور جدید', 'Caps Lock', 'انگلیسی', 'محفوظ'])
        assert.ok(m.includes(w), w);
      assert.match(m, /<button type="submit" class="button">تغییر کلمه عبور<\/button>/);
      assert.match(m, /href="\/recovery"/);
    }
    page = c.last!;
    assert.equal(page.status, 400);
    assert.match(main(page), /کلمه عبور فعلی درست نیست/);
  });

  test('the recovery code is «کد احراز هویت», and so are its errors', async () => {
    const acc = await createAccount(t, { nationalCode: '1279834064', mobile: '09351234567' });
    const c = client();
    await c.get('/recovery');
    await c.submit({ nationalCode: acc.nationalCode, captcha: '12345' });
    await c.submit({ method: 'sms' });
    for (const code of ['', '12', '000000']) {
      const page = await c.submit({ code });
      const items = summaryItems(page);
      assert.equal(items.length, 1);
      assert.match(items[0]!, /کد احراز هویت/);
      assert.doesNotMatch(main(page), /کد تایید/);
    }
    // the SMS states the configured validity
    assert.match((await lastSms(t, acc.mobile!)) ?? '', /تا ۱۵ دقیقه معتبر/);
    assert.match(main(await c.get(c.last!.url)), /۱۵ دقیقه معتبر است/);
  });

  test('every registration step shows the notice box; step 1 advises care with mobile and email', async () => {
    const c = client();
    await c.get('/registration');
    const identity = await c.submit({ personKind: 'iranian' });
    assert.match(main(identity), /شماره همراه و ایمیل را با دقت وارد کنید/);
    const { page: review } = await fillRegistration(t, ALI, c);
    const flowId = /flow=([0-9a-f-]{36})/.exec(review.url)![1]!;
    for (const step of ['identity', 'verify_mobile', 'birth_certificate', 'email', 'password', 'review']) {
      const page = await c.get(`/registration/${step}?flow=${flowId}`);
      assert.ok(main(page).includes(NOTICE), `notice on ${step}`);
      assert.match(main(page), DISCLOSURE, `disclosure notice on ${step}`);
    }
    // the review shows the person's own codes in full; answers stay hidden
    assert.ok(main(review).includes(`<dd dir="ltr">${fa(ALI.nationalCode)}</dd>`));
    assert.ok(main(review).includes(`<dd dir="ltr">${fa(ALI.mobile)}</dd>`));
    assert.doesNotMatch(main(review), /آبی|تهران|کارخانه/);
  });

  test('empty names: each line of the summary names its field', async () => {
    const c = client();
    await c.get('/registration');
    await c.submit({ personKind: 'iranian' });
    const p = { nationalCode: '1364920751', mobile: '09129876543' };
    await c.submit({ ...p, captcha: '12345' });
    await c.submit({ code: await lastCode(t, p.mobile) });
    const page = await c.submit({ firstName: '', lastName: '', fatherName: '', gender: 'male' });
    const items = summaryItems(page);
    for (const w of ['نام را وارد کنید.', 'نام خانوادگی را وارد کنید.', 'نام پدر را وارد کنید.'])
      assert.ok(items.includes(w), `${w} in ${items.join(' | ')}`);
    assert.doesNotMatch(page.html, /این بخش را پر کنید/);
    assert.equal(new Set(items).size, items.length, 'no line twice');
  });

  test('without JavaScript the server states the strength (percent and word) and every broken rule', async () => {
    const c = client();
    await c.get('/registration');
    await c.submit({ personKind: 'iranian' });
    // غلامرضا احمدی (sim/people.json): Shahkar knows his mobile; the registry is asked only later
    const p = { nationalCode: '0458132608', mobile: '09121112233' };
    let page = await c.submit({ ...p, captcha: '12345' });
    page = await c.submit({ code: await lastCode(t, p.mobile) });
    page = await c.submit({
      firstName: 'غلامرضا',
      lastName: 'احمدی',
      fatherName: 'عباس',
      shenasnamehNumber: '87',
      birthDate_y: '1320',
      birthDate_m: '3',
      birthDate_d: '10',
      gender: 'male',
    });
    page = await c.submit({ email: '' });
    page = await c.submit({ password: 'abc', passwordRepeat: 'abc' });
    assert.equal(page.status, 400);
    const m = main(page);
    assert.match(m, /<div class="password-meter-wrap" data-server-strength="\d+">/, 'shown, not hidden');
    assert.match(m, /[۰-۹]+٪/);
    assert.match(m, /ضعیف/);
    for (const rule of ['too_short', 'needs_upper', 'needs_digit'])
      assert.match(m, new RegExp(`<li data-rule="${rule}" class="rule--bad">`), rule);
    assert.match(m, /<li data-rule="needs_lower" class="rule--ok">/);
    assert.match(m, /رعایت نشد/);
    assert.doesNotMatch(m, /value="abc"/);
  });

  test('recovery: «مرحله قبل» on the new password gives up the proof; it must be given again', async () => {
    const acc = await createAccount(t, { nationalCode: '0499370899', mobile: '09127654321' });
    const c = client();
    await c.get('/recovery');
    await c.submit({ nationalCode: acc.nationalCode, captcha: '12345' });
    await c.submit({ method: 'sms' });
    let page = await c.submit({ code: await lastCode(t, acc.mobile!) });
    assert.match(page.url, /new_password/);
    const flowId = /flow=([0-9a-f-]{36})/.exec(page.url)![1]!;
    assert.match(main(page), /value="back"[^>]*>مرحله قبل/);
    assert.match(main(page), /data-recovery="back-note"/);
    page = await c.submit({ _action: 'back' });
    assert.equal(page.url, `/recovery/method?flow=${flowId}`);
    const r = await c.get(`/recovery/new_password?flow=${flowId}`, false);
    assert.equal(r.location, `/recovery/method?flow=${flowId}`, 'new_password is closed again');
    // the page's client secret stands in as the flow token: the same client, over the API
    const api = await t.app.inject({
      method: 'POST',
      url: `/api/v1/recovery/${flowId}/new_password`,
      headers: { 'x-flow-token': c.cookies.get('hv_client')! },
      payload: { password: 'Tazeh2025Ramz', passwordRepeat: 'Tazeh2025Ramz' },
    });
    assert.equal(api.statusCode, 409);
  });

  test('foreign nationals: the stepper names the FIDA code, step 2 is identity data, the FIDA code is masked', async () => {
    const c = client();
    await c.get('/registration');
    const page = await c.submit({ personKind: 'foreign' });
    assert.match(main(page), /<span class="stepper__label">کد فیدا و شماره همراه<\/span>/);
    assert.match(main(page), /<span class="stepper__label">اطلاعات هویتی<\/span>/);
    assert.doesNotMatch(main(page), /شناسنامه/);

    const fida = '270112345678';
    const acc = await createAccount(t, { nationalCode: fida, personKind: 'foreign', mobile: '09357654321' });
    const l = client();
    await l.get('/login');
    const account = await l.submit({ username: acc.nationalCode, password: acc.password });
    assert.equal(account.url, '/account');
    assert.doesNotMatch(account.html, new RegExp(fa(fida)));
    assert.match(account.html, new RegExp(`${fa('270')}\\*+${fa('678')}`));
  });

  test('durations come from the configuration: the pending request says 36 hours', async () => {
    const p = { ...ALI, nationalCode: '4483057162', mobile: '09359871234', firstName: 'سارا', lastName: 'نوری' };
    await registerFully(t, {
      ...p,
      fatherName: 'کامبیز',
      shenasnamehNumber: '4483057162',
      birth: ['1384', '7', '7'],
      gender: 'female',
    });
    const c = client();
    await c.get('/registration');
    await c.submit({ personKind: 'iranian' });
    const page = await c.submit({ nationalCode: p.nationalCode, mobile: p.mobile, captcha: '12345' });
    assert.match(main(page), /۳۶ ساعت/);
    assert.doesNotMatch(main(page), /۴۸ ساعت/);
  });
});
