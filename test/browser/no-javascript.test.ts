/**
 * The same journey with JavaScript switched off in the browser: every page must work as plain
 * HTML forms (post/redirect/get), from the home page to the account page. Digits are typed in
 * Persian everywhere a number goes (only the server normalises them now), the email is left
 * empty (it is optional), and «مرحله قبل» is used on the password page.
 *
 * axe and the layout checks run on a copy of each page with scripts blocked (see harness.ts).
 */
import assert from 'node:assert/strict';
import { browserTest, checkPage, describeBrowser, submitWith } from './harness.js';
import {
  QUESTIONS,
  SARA,
  expectPath,
  expectedSummary,
  fa,
  field,
  fillBirthCertificate,
  fillIdentity,
  fillPasswords,
  fillQuestions,
  logIn,
  summaryRows,
} from './flows.js';

const PASSWORD = 'Sepidar88Kooh';

describeBrowser('registration and login without JavaScript', (env) => {
  browserTest('a person registers and logs in with scripts disabled', async () => {
    const page = await env.newPage({ javaScriptEnabled: false });
    const check = (label: string) => checkPage(page, `no-JS ${label}`, { layout: true });

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

    expectPath(page, /^\/registration\/identity\?flow=/);
    await check('registration: identity');
    await fillIdentity(page, { nationalCode: fa(SARA.nationalCode), mobile: fa(SARA.mobile) });
    assert.equal(await page.getByLabel('کد ملی').inputValue(), fa(SARA.nationalCode), 'no script rewrote the digits');
    await submitWith(page, 'مرحله بعد');

    expectPath(page, /^\/registration\/verify_mobile\?flow=/);
    await check('registration: verify mobile');
    await page.getByLabel('کد تایید').fill(fa(await env.smsCode(SARA.mobile)));
    await submitWith(page, 'مرحله بعد');

    expectPath(page, /^\/registration\/birth_certificate\?flow=/);
    await check('registration: birth certificate');
    await fillBirthCertificate(page, SARA, { persianDigits: true });
    await submitWith(page, 'مرحله بعد');

    expectPath(page, /^\/registration\/email\?flow=/);
    await check('registration: email');
    await submitWith(page, 'مرحله بعد'); // no email: optional

    expectPath(page, /^\/registration\/password\?flow=/);
    await check('registration: password');
    // Script-only parts stay hidden; the rules list is plain HTML and stays useful.
    assert.equal(await page.locator('.password-meter-wrap').isVisible(), false, 'strength meter hidden without JS');
    assert.equal(await page.getByLabel('نمایش گذرواژه').isVisible(), false, '«نمایش گذرواژه» hidden without JS');
    assert.equal(await page.locator('.rules').isVisible(), true);

    // questions chosen, then «مرحله قبل» and back: the choices are kept (passwords and answers,
    // secrets the server never stores in clear, are typed again)
    await fillQuestions(page);
    await fillPasswords(page, PASSWORD);
    await submitWith(page, 'مرحله قبل');
    expectPath(page, /^\/registration\/email\?flow=/);
    await submitWith(page, 'مرحله بعد');
    expectPath(page, /^\/registration\/password\?flow=/);
    const n = ['اول', 'دوم', 'سوم'];
    for (const [i, q] of QUESTIONS.entries()) {
      assert.equal(await field(page, `پرسش ${n[i]}`).inputValue(), q.id, `question ${i + 1} kept`);
      assert.equal(await field(page, `پاسخ ${n[i]}`).inputValue(), '', `answer ${i + 1} not stored`);
    }
    await fillQuestions(page);
    assert.equal(await field(page, 'گذرواژه').inputValue(), '', 'passwords are never sent back');
    await fillPasswords(page, PASSWORD);
    await submitWith(page, 'مرحله بعد');

    expectPath(page, /^\/registration\/review\?flow=/);
    await check('registration: review');
    assert.deepEqual(await summaryRows(page), expectedSummary(SARA, '—'));
    await submitWith(page, 'تایید و ارسال درخواست');

    expectPath(page, /^\/registration\/submitted\?flow=/);
    await check('registration: submitted (pending)');
    assert.equal(await page.locator('[data-status="pending"]').count(), 1);
    await env.t.drain();
    // the page's own «به‌روزرسانی وضعیت» link, rather than the browser's reload
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'به‌روزرسانی وضعیت' }).click()]);
    assert.equal(await page.locator('[data-status="activated"]').count(), 1, 'activated after the registry check');
    await check('registration: submitted (activated)');

    await Promise.all([
      page.waitForURL('**/login'),
      page.getByRole('main').getByRole('link', { name: 'ورود به سامانه' }).click(),
    ]);
    await check('login');
    await logIn(page, fa(SARA.nationalCode), PASSWORD);
    expectPath(page, /^\/account$/);
    assert.equal(
      (await page.getByRole('heading', { level: 1 }).innerText()).trim(),
      `${SARA.firstName} ${SARA.lastName}`,
    );
    await check('account');
  });
});
