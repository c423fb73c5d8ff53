/**
 * Password recovery in a browser, both ways: a code sent by SMS (read from the dev inbox) and the
 * three security questions. Each ends with logging in with the new password. axe on every page,
 * including an error page (wrong answers).
 */
import assert from 'node:assert/strict';
import { createAccount } from '../helpers/accounts.js';
import { browserTest, checkPage, describeBrowser, screenshot, submitWith, type Page } from './harness.js';
import { expectPath, field, fillPasswords, logIn, passCaptcha } from './flows.js';

/** createAccount's default questions and answers (test/helpers/accounts.ts), in position order. */
const DEFAULT_QUESTIONS = [
  { text: 'رنگ مورد علاقه‌ی شما چیست؟', answer: 'آبی' },
  { text: 'در چه شهری به دنیا آمده‌اید؟', answer: 'تهران' },
  { text: 'نام نخستین محل کار شما چه بود؟', answer: 'کارخانه' },
];
const BY_SMS = 'بازیابی گذرواژه با استفاده از شناسه ارسال شده توسط پیامک';
const BY_QUESTIONS = 'بازیابی گذرواژه با استفاده از سوالات امنیتی';
const FA = '۰۱۲۳۴۵۶۷۸۹';

/** From the login page's «بازیابی گذرواژه» link to the method page. */
async function startRecovery(page: Page, loginUrl: string, nationalCode: string): Promise<void> {
  await page.goto(loginUrl);
  await Promise.all([
    page.waitForURL('**/recovery'),
    page.getByRole('link', { name: 'بازیابی گذرواژه', exact: true }).click(),
  ]);
  await checkPage(page, 'recovery: identify', { layout: true });
  await page.getByLabel('کد ملی').fill(nationalCode);
  await passCaptcha(page);
  await submitWith(page, 'مرحله بعد');
  expectPath(page, /^\/recovery\/method\?flow=/);
  await checkPage(page, 'recovery: method', { layout: true });
}

/** New password page → done page → login with it → account. */
async function finishWithNewPassword(page: Page, nationalCode: string, password: string, label: string): Promise<void> {
  expectPath(page, /^\/recovery\/new_password\?flow=/);
  await checkPage(page, `recovery (${label}): new password`, { layout: true });
  await fillPasswords(page, password, { newPassword: true });
  await submitWith(page, 'ثبت گذرواژه جدید');
  expectPath(page, /^\/recovery\/done\?flow=/);
  assert.equal(await page.locator('[data-recovery="done"]').count(), 1);
  await checkPage(page, `recovery (${label}): done`, { layout: true });
  await Promise.all([
    page.waitForURL('**/login'),
    page.getByRole('main').getByRole('link', { name: 'ورود به سامانه' }).click(),
  ]);
  await logIn(page, nationalCode, password);
  expectPath(page, /^\/account$/);
}

describeBrowser('password recovery in a browser', (env) => {
  browserTest('by a code sent by SMS, then log in with the new password', async () => {
    const acc = await createAccount(env.t, {
      nationalCode: '1279834064',
      mobile: '09351234567',
      firstName: 'فاطمه‌زهرا',
      lastName: 'محمدی‌نژاد',
      password: 'OldSecret1pass',
    });
    const page = await env.newPage();
    await startRecovery(page, env.url('/login'), acc.nationalCode);

    await page.getByRole('radio', { name: BY_SMS }).check();
    await submitWith(page, 'مرحله بعد');
    expectPath(page, /^\/recovery\/code\?flow=/);
    await checkPage(page, 'recovery (sms): code', { layout: true });
    await screenshot(page, 'recovery-code-page');
    await page.getByLabel('کد احراز هویت').fill(await env.smsCode(acc.mobile!));
    await submitWith(page, 'مرحله بعد');

    const fresh = 'Bahar2025Now';
    await finishWithNewPassword(page, acc.nationalCode, fresh, 'sms');

    // the old password is gone
    const other = await env.newPage();
    await other.goto(env.url('/login'));
    await logIn(other, acc.nationalCode, acc.password);
    expectPath(other, /^\/login/);
    assert.equal(await other.locator('.error-summary').count(), 1, 'the old password is refused');
  });

  browserTest('by the security questions, then log in with the new password', async () => {
    const acc = await createAccount(env.t, {
      nationalCode: '0027613496',
      mobile: '09121230000',
      firstName: 'سید محمد',
      lastName: 'میرزایی',
      password: 'OldSecret2pass',
    });
    const page = await env.newPage();
    await startRecovery(page, env.url('/login'), acc.nationalCode);

    await page.getByRole('radio', { name: BY_QUESTIONS }).check();
    await submitWith(page, 'مرحله بعد');
    expectPath(page, /^\/recovery\/questions\?flow=/);
    await checkPage(page, 'recovery (questions): questions', { layout: true });
    const answer = (i: number) => field(page, `پاسخ سوال ${FA[i + 1]}:`);
    for (const [i, q] of DEFAULT_QUESTIONS.entries()) {
      const group = page.getByRole('group', { name: new RegExp(q.text.replace(/[?؟]/g, '.')) });
      assert.equal(await group.count(), 1, `question ${i + 1} is shown: ${q.text}`);
    }

    // one wrong answer: refused, nothing says which, and the error page is accessible too
    await answer(0).fill(DEFAULT_QUESTIONS[0]!.answer);
    await answer(1).fill('شیراز');
    await answer(2).fill(DEFAULT_QUESTIONS[2]!.answer);
    await submitWith(page, 'مرحله بعد');
    expectPath(page, /^\/recovery\/questions\?flow=/);
    assert.equal(await page.locator('.error-summary').count(), 1, 'an error summary is shown');
    assert.equal(await answer(0).inputValue(), '', 'answers are not sent back');
    await checkPage(page, 'recovery (questions): wrong answers', { layout: true });

    for (const [i, q] of DEFAULT_QUESTIONS.entries()) await answer(i).fill(q.answer);
    await submitWith(page, 'مرحله بعد');
    await finishWithNewPassword(page, acc.nationalCode, 'Paeez2025Now', 'questions');
  });
});
