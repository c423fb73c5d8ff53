/**
 * The pages whose words changed, seen in a 360 px browser: the code page while its SMS is on its
 * way and after the gateway refused it, the server's strength verdict without JavaScript, the
 * review with the person's own codes, the forced change in SAMT's words, the recovery code and
 * new-password pages, a foreign national's first step and the login page. Each is checked (axe,
 * phone layout) and kept as a screenshot in test-results/ for a person to look at.
 */
import assert from 'node:assert/strict';
import { createAccount } from '../helpers/accounts.js';
import { browserTest, checkPage, describeBrowser, screenshot, submitWith, type Page } from './harness.js';
import {
  expectPath,
  field,
  fillBirthCertificate,
  fillIdentity,
  fillQuestions,
  passCaptcha,
  type DemoPerson,
} from './flows.js';

/** حمید اکبری: Shahkar matches his mobile, the SMS gateway rejects it (sim/people.json). */
const HAMID = { nationalCode: '3284706518', mobile: '09990091234' };
/** امیرحسین کاظمی: shenasnameh number equal to the national code. */
const AMIR: DemoPerson = {
  nationalCode: '1364920751',
  mobile: '09129876543',
  firstName: 'امیرحسین',
  lastName: 'کاظمی',
  fatherName: 'مهدی',
  shenasnamehNumber: '1364920751',
  birth: { y: '1382', m: '2', d: '18' },
  gender: 'male',
};

async function look(page: Page, label: string, name: string) {
  await checkPage(page, label, { layout: true });
  await screenshot(page, name);
}

describeBrowser('changed pages at 360 px', (env) => {
  browserTest('the code page: on its way, then refused by the gateway', async () => {
    const page = await env.newPage();
    await page.goto(env.url('/registration'));
    await submitWith(page, /ثبت نام اشخاص حقیقی/);
    await fillIdentity(page, HAMID);
    await submitWith(page, 'مرحله بعد');
    expectPath(page, /^\/registration\/verify_mobile\?flow=/);
    assert.equal(await page.locator('[data-delivery="sending"]').count(), 1);
    await look(page, 'code page: sending', 'registration-code-sending');
    await env.t.drain();
    await page.reload();
    assert.equal(await page.locator('[data-delivery="failed"]').count(), 1);
    assert.equal(await page.getByRole('button', { name: 'ارسال دوباره کد' }).isEnabled(), true, 'resend at once');
    await look(page, 'code page: failed', 'registration-code-failed');
  });

  browserTest('without JavaScript: the refused password is weighed by the server; then the review', async () => {
    const page = await env.newPage({ javaScriptEnabled: false });
    await page.goto(env.url('/registration'));
    await submitWith(page, /ثبت نام اشخاص حقیقی/);
    await fillIdentity(page, AMIR);
    await submitWith(page, 'مرحله بعد');
    await page.getByLabel('کد تایید').fill(await env.smsCode(AMIR.mobile));
    await submitWith(page, 'مرحله بعد');
    await fillBirthCertificate(page, AMIR);
    await submitWith(page, 'مرحله بعد');
    await submitWith(page, 'مرحله بعد'); // no email
    expectPath(page, /^\/registration\/password\?flow=/);
    await field(page, 'گذرواژه').fill('abc');
    await field(page, 'تکرار گذرواژه').fill('abc');
    await fillQuestions(page);
    await submitWith(page, 'مرحله بعد');
    assert.equal(await page.locator('.password-meter-wrap').isVisible(), true, 'the verdict shows without JS');
    assert.match(await page.locator('.password-meter__value').innerText(), /[۰-۹]+٪/);
    await look(page, 'no-JS password refused', 'registration-password-refused-nojs');
    await field(page, 'گذرواژه').fill('Sepidar88Kooh');
    await field(page, 'تکرار گذرواژه').fill('Sepidar88Kooh');
    await fillQuestions(page);
    await submitWith(page, 'مرحله بعد');
    expectPath(page, /^\/registration\/review\?flow=/);
    await look(page, 'no-JS review', 'registration-review');
    // back to the password page: the boxes may stay empty
    await submitWith(page, 'مرحله قبل');
    expectPath(page, /^\/registration\/password\?flow=/);
    await look(page, 'no-JS password kept', 'registration-password-kept');
    await submitWith(page, 'مرحله بعد');
    expectPath(page, /^\/registration\/review\?flow=/);
  });

  browserTest('the forced change, the login page and a foreign national’s first step', async () => {
    const acc = await createAccount(env.t, {
      nationalCode: '0499370899',
      mobile: '09127654321',
      password: 'Initial1pass',
      passwordExpired: true,
    });
    const page = await env.newPage();
    await page.goto(env.url('/login'));
    await look(page, 'login', 'login');
    await page.getByLabel('کد ملی').fill(acc.nationalCode);
    await field(page, 'گذرواژه').fill(acc.password);
    await submitWith(page, 'ورود');
    expectPath(page, /^\/account\/password-expired$/);
    await look(page, 'forced change', 'forced-change');

    const foreign = await env.newPage();
    await foreign.goto(env.url('/registration'));
    await submitWith(foreign, /ثبت نام اتباع خارجی/);
    await look(foreign, 'foreign: identity', 'registration-foreign-identity');
  });

  browserTest('recovery: the code page, and the new password with «مرحله قبل»', async () => {
    const acc = await createAccount(env.t, { nationalCode: '1279834064', mobile: '09351234567' });
    const page = await env.newPage();
    await page.goto(env.url('/recovery'));
    await page.getByLabel('کد ملی').fill(acc.nationalCode);
    await passCaptcha(page);
    await submitWith(page, 'مرحله بعد');
    await page.getByRole('radio', { name: /پیامک/ }).check();
    await submitWith(page, 'مرحله بعد');
    await look(page, 'recovery code', 'recovery-code');
    await page.getByLabel('کد احراز هویت').fill(await env.smsCode(acc.mobile!));
    await submitWith(page, 'مرحله بعد');
    expectPath(page, /^\/recovery\/new_password\?flow=/);
    await look(page, 'recovery new password', 'recovery-new-password');
    await submitWith(page, 'مرحله قبل');
    expectPath(page, /^\/recovery\/method\?flow=/);
  });
});
