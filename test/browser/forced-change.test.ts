/**
 * An account whose password has expired: after logging in, the forced change page comes first,
 * the rest of the account stays out of reach until a new password is set, and then /account opens.
 */
import assert from 'node:assert/strict';
import { createAccount } from '../helpers/accounts.js';
import { browserTest, checkPage, describeBrowser, submitWith } from './harness.js';
import { expectPath, field, fillPasswords, logIn } from './flows.js';

describeBrowser('forced password change in a browser', (env) => {
  browserTest('an expired password must be changed before the account opens', async () => {
    const acc = await createAccount(env.t, {
      nationalCode: '2271568439',
      mobile: '09123456789',
      firstName: 'ملیکا',
      lastName: 'کریمی',
      password: 'Initial1pass',
      passwordExpired: true,
    });
    const page = await env.newPage();

    await page.goto(env.url('/login'));
    await checkPage(page, 'login', { layout: true });
    await logIn(page, acc.nationalCode, acc.password);
    expectPath(page, /^\/account\/password-expired$/);
    await checkPage(page, 'forced change', { layout: true });
    const notice = page.locator('.notice', { hasText: 'کلمه عبور شما منقضی شده است' });
    assert.equal(await notice.count(), 1, 'the expiry notice is shown');

    // nothing else in the account is reachable yet
    for (const path of ['/account', '/account/email', '/account/mobile']) {
      await page.goto(env.url(path));
      expectPath(page, /^\/account\/password-expired$/);
    }

    // the old password again is refused, with an error summary that is itself accessible
    await field(page, 'کلمه عبور قدیم').fill(acc.password);
    await fillPasswords(page, acc.password, { samt: true });
    await submitWith(page, 'تغییر کلمه عبور');
    expectPath(page, /^\/account\/password-expired$/);
    assert.equal(await page.locator('.error-summary').count(), 1, 'an error summary explains the refusal');
    assert.equal(await field(page, 'کلمه عبور جدید').getAttribute('aria-invalid'), 'true');
    await checkPage(page, 'forced change (error)', { layout: true });

    const fresh = 'Fresh2Start!';
    await field(page, 'کلمه عبور قدیم').fill(acc.password);
    await fillPasswords(page, fresh, { samt: true });
    await submitWith(page, 'تغییر کلمه عبور');
    expectPath(page, /^\/account\?done=password$/);
    assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), 'ملیکا کریمی');
    assert.equal(await page.locator('.notice--success').count(), 1);
    await checkPage(page, 'account after the change', { layout: true });

    // the new password is the one that works from now on
    await page.goto(env.url('/account/email'));
    expectPath(page, /^\/account\/email$/);
    await submitWith(page, 'خروج');
    expectPath(page, /^\/login\?done=logout$/);
    await logIn(page, acc.nationalCode, fresh);
    expectPath(page, /^\/account$/);
  });
});
