/**
 * With JavaScript: a demo person registers from the home page, the registry activates the account,
 * and they log in. Every page is checked with axe and for the 360 px phone layout (RTL, Persian,
 * no sideways scrolling, Vazirmatn loaded); the script's enhancements (digit normalising, the
 * strength meter, «نمایش گذرواژه») are exercised on the way.
 */
import assert from 'node:assert/strict';
import { browserTest, checkPage, describeBrowser, isFocused, screenshot, submitWith } from './harness.js';
import {
  ALI,
  expectBirthCertificate,
  expectPath,
  expectedSummary,
  fillBirthCertificate,
  fillIdentity,
  fillPasswords,
  fillQuestions,
  fa,
  field,
  logIn,
  summaryRows,
} from './flows.js';

const PASSWORD = 'Hoviyat2024!';
const EMAIL = 'ali.rezaei@example.com';

describeBrowser('registration and login in a browser with JavaScript', (env) => {
  browserTest('a person registers from the home page, is activated and logs in', async () => {
    const page = await env.newPage();
    const check = (label: string) => checkPage(page, label, { layout: true });

    // home → «ثبت نام» → «ثبت نام اشخاص حقیقی»
    await page.goto(env.url('/'));
    await check('home');
    await Promise.all([
      page.waitForURL('**/registration'),
      page
        .getByRole('main')
        .getByRole('link', { name: /^ثبت نام اشخاص حقیقی/ }) // not «ثبت نام سجام»
        .click(),
    ]);
    await check('registration: choose person kind');
    await submitWith(page, /ثبت نام اشخاص حقیقی/);

    // identity: national code typed in Persian digits (the script turns them into ASCII as typed)
    expectPath(page, /^\/registration\/identity\?flow=/);
    await check('registration: identity');
    // first a slip: no mobile → error summary (focused by the script), typed code kept; the
    // automatic check stands in for the image captcha, nothing to type
    await fillIdentity(page, { nationalCode: fa(ALI.nationalCode), mobile: '' });
    await submitWith(page, 'مرحله بعد');
    expectPath(page, /^\/registration\/identity\?flow=/);
    const summary = page.locator('.error-summary');
    assert.equal(await summary.count(), 1, 'an error summary is shown');
    assert.equal(await isFocused(summary), true, 'the script moves focus to the error summary');
    await summary.getByRole('link', { name: /شماره تلفن همراه/ }).click();
    assert.equal(await isFocused(page.getByLabel('شماره تلفن همراه')), true, 'an error link focuses its field');
    assert.equal(await page.getByLabel('شماره تلفن همراه').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('کد ملی').inputValue(), ALI.nationalCode, 'the national code typed is kept');
    await check('registration: identity (errors)');
    await fillIdentity(page, { nationalCode: fa(ALI.nationalCode), mobile: ALI.mobile });
    assert.equal(await page.getByLabel('کد ملی').inputValue(), ALI.nationalCode, 'Persian digits normalised by app.js');
    await submitWith(page, 'مرحله بعد');

    // the code from the simulated phone's inbox
    expectPath(page, /^\/registration\/verify_mobile\?flow=/);
    await check('registration: verify mobile');
    await page.getByLabel('کد تایید').fill(await env.smsCode(ALI.mobile));
    await submitWith(page, 'مرحله بعد');

    // birth certificate: names, shenasnameh, day/month/year, gender radio
    expectPath(page, /^\/registration\/birth_certificate\?flow=/);
    await check('registration: birth certificate');
    await fillBirthCertificate(page, ALI);
    await submitWith(page, 'مرحله بعد');

    // email; then «مرحله قبل» and forward again: nothing typed is lost
    expectPath(page, /^\/registration\/email\?flow=/);
    await check('registration: email');
    await page.getByLabel('ایمیل').fill(EMAIL);
    await submitWith(page, 'مرحله قبل');
    expectPath(page, /^\/registration\/birth_certificate\?flow=/);
    await expectBirthCertificate(page, ALI);
    await submitWith(page, 'مرحله بعد');
    expectPath(page, /^\/registration\/email\?flow=/);
    assert.equal(await page.getByLabel('ایمیل').inputValue(), EMAIL, 'the email typed before «مرحله قبل» is kept');
    await submitWith(page, 'مرحله بعد');

    // password + security questions
    expectPath(page, /^\/registration\/password\?flow=/);
    await check('registration: password');
    const password = field(page, 'گذرواژه');
    const repeat = field(page, 'تکرار گذرواژه');
    const meter = page.locator('.password-meter-wrap');
    const meterLabel = page.locator('.password-meter__label');
    const bar = page.locator('.password-meter__bar');
    assert.equal(await meter.isVisible(), true, 'the script reveals the strength meter');
    assert.equal((await meterLabel.innerText()).trim(), '', 'no verdict before typing');
    await password.fill('abc');
    const weak = {
      label: (await meterLabel.innerText()).trim(),
      width: await bar.evaluate((el: { style: { width: string } }) => el.style.width),
    };
    assert.equal(weak.label, 'ضعیف');
    // a percentage beside the word (not read out on every key: the word is the live region)
    assert.match((await page.locator('.password-meter__value').innerText()).trim(), /^[۰-۹]+٪$/);
    assert.equal(await page.locator('li[data-rule="needs_upper"]').getAttribute('class'), 'rule--bad');
    await password.fill(PASSWORD);
    const strong = {
      label: (await meterLabel.innerText()).trim(),
      width: await bar.evaluate((el: { style: { width: string } }) => el.style.width),
    };
    assert.ok(['خوب', 'خیلی قوی'].includes(strong.label), `strength label for a good password: «${strong.label}»`);
    assert.notEqual(strong.width, weak.width, 'the bar moves');
    assert.ok(parseFloat(strong.width) > parseFloat(weak.width), `bar ${weak.width} → ${strong.width}`);
    assert.equal(await page.locator('li[data-rule="needs_upper"]').getAttribute('class'), 'rule--ok');

    const toggle = page.getByLabel('نمایش گذرواژه');
    assert.equal(await toggle.isVisible(), true, 'the script reveals «نمایش گذرواژه»');
    assert.equal(await password.getAttribute('type'), 'password');
    await toggle.check();
    assert.equal(await password.getAttribute('type'), 'text');
    assert.equal(await repeat.getAttribute('type'), 'text');
    await toggle.uncheck();
    assert.equal(await password.getAttribute('type'), 'password');
    assert.equal(await repeat.getAttribute('type'), 'password');

    await fillPasswords(page, PASSWORD);
    await fillQuestions(page);
    await screenshot(page, 'registration-password-page');
    await submitWith(page, 'مرحله بعد');

    // review shows what was typed (codes masked, digits Persian), then submit
    expectPath(page, /^\/registration\/review\?flow=/);
    await check('registration: review');
    assert.deepEqual(await summaryRows(page), expectedSummary(ALI, EMAIL));
    await submitWith(page, 'تایید و ارسال درخواست');

    // status page: pending until the registry answers (the job runs on drain)
    expectPath(page, /^\/registration\/submitted\?flow=/);
    await check('registration: submitted (pending)');
    assert.equal(await page.locator('[data-status="pending"]').count(), 1);
    await env.t.drain();
    await page.reload();
    assert.equal(await page.locator('[data-status="activated"]').count(), 1, 'activated after the registry check');
    await check('registration: submitted (activated)');

    // log in with the new account
    await Promise.all([
      page.waitForURL('**/login'),
      page.getByRole('main').getByRole('link', { name: 'ورود به سامانه' }).click(),
    ]);
    await check('login');
    await logIn(page, ALI.nationalCode, PASSWORD);
    expectPath(page, /^\/account$/);
    assert.equal(
      (await page.getByRole('heading', { level: 1 }).innerText()).trim(),
      `${ALI.firstName} ${ALI.lastName}`,
    );
    await check('account');
    await screenshot(page, 'account-page');
  });

  browserTest('dead ends (unknown flow, unknown page) are accessible pages with a way on', async () => {
    const page = await env.newPage();
    await page.goto(env.url('/registration/identity?flow=00000000-0000-4000-8000-000000000000'));
    await checkPage(page, 'registration: lost flow', { layout: true });
    await Promise.all([
      page.waitForURL('**/registration'),
      page.getByRole('main').getByRole('link', { name: 'شروع دوباره' }).click(),
    ]);
    await page.goto(env.url('/no-such-page'));
    await checkPage(page, 'not found', { layout: true });
    assert.equal(await page.getByRole('main').getByRole('link', { name: 'بازگشت به صفحه نخست' }).count(), 1);
  });
});
