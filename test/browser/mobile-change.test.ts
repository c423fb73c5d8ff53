/**
 * Mobile change, the first journey on the engine, as a person meets it in Chromium at 360 px:
 * an error comes back by redirect with the number kept, the code page, the account afterwards.
 */
import assert from 'node:assert/strict';
import { createAccount } from '../helpers/accounts.js';
import { browserTest, checkPage, describeBrowser, screenshot, submitWith } from './harness.js';
import { expectPath, field, logIn } from './flows.js';

describeBrowser('mobile change in a browser', (env) => {
  browserTest('a wrong number is refused beside the field, then a code changes the number', async () => {
    // a demo person with two mobiles in sim/people.json
    const acc = await createAccount(env.t, { nationalCode: '0027613496', mobile: '09121230000' });
    const page = await env.newPage();
    await page.goto(env.url('/login'));
    await logIn(page, acc.nationalCode, acc.password);
    await page.goto(env.url('/account/mobile'));
    await checkPage(page, 'mobile change: number', { layout: true });
    await field(page, 'شماره تلفن همراه جدید').fill('09350000000');
    await submitWith(page, 'مرحله بعد');
    expectPath(page, /^\/account\/mobile\/number\?flow=/);
    assert.equal(await field(page, 'شماره تلفن همراه جدید').inputValue(), '09350000000', 'what was typed is kept');
    assert.equal(await field(page, 'شماره تلفن همراه جدید').getAttribute('aria-invalid'), 'true');
    await checkPage(page, 'mobile change: refused number', { layout: true });
    await screenshot(page, 'mobile-change-refused');

    await field(page, 'شماره تلفن همراه جدید').fill('۰۹۰۱۱۲۳۰۰۰۰');
    await submitWith(page, 'مرحله بعد');
    expectPath(page, /^\/account\/mobile\/verify\?flow=/);
    await checkPage(page, 'mobile change: code', { layout: true });
    await screenshot(page, 'mobile-change-code');
    await field(page, 'کد تایید').fill(await env.smsCode('09011230000'));
    await submitWith(page, 'تایید');
    expectPath(page, /^\/account\?done=mobile$/);
    await checkPage(page, 'account after the mobile change', { layout: true });
  });
});
