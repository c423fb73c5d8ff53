/**
 * Both ways back to a Sejam tracking code, as a person meets them in Chromium at 360 px, from the
 * home page's Sejam links: «بازیابی کد پیگیری» (with JavaScript: the automatic captcha) and the
 * profile view (without JavaScript: the image captcha), axe on every page, a refusal included.
 */
import assert from 'node:assert/strict';
import { browserTest, checkPage, describeBrowser, screenshot, submitWith, type Page } from './harness.js';
import { expectPath, fa, field, passCaptcha } from './flows.js';
import { lastSms } from '../helpers/browser.js';
import { nationalCode, profileIn } from '../helpers/sejam.js';

async function followHomeLink(page: Page, home: string, name: string, path: string): Promise<void> {
  await page.goto(home);
  await checkPage(page, 'home with the Sejam links', { layout: true });
  await Promise.all([page.waitForURL(`**${path}`), page.getByRole('link', { name: new RegExp(`^${name}`) }).click()]);
}

describeBrowser('Sejam tracking code in a browser', (env) => {
  browserTest('«بازیابی کد پیگیری»: national code and the automatic check, «بررسی», the SMS', async () => {
    const profile = await profileIn(env.t, 'tracking_code', { identifier: nationalCode(801), mobile: '09127770001' });
    const page = await env.newPage();
    await followHomeLink(page, env.url('/'), 'بازیابی کد پیگیری', '/sejam/tracking-code');
    await checkPage(page, 'tracking code: check', { layout: true });
    await field(page, 'کد ملی / شناسه ملی').fill('12');
    await passCaptcha(page);
    await submitWith(page, 'بررسی');
    expectPath(page, /^\/sejam\/tracking-code\/check\?flow=/);
    assert.equal(await field(page, 'کد ملی / شناسه ملی').getAttribute('aria-invalid'), 'true');
    await checkPage(page, 'tracking code: refused national code', { layout: true });
    await field(page, 'کد ملی / شناسه ملی').fill(fa(profile.identifier));
    await passCaptcha(page);
    await submitWith(page, 'بررسی');
    expectPath(page, /^\/sejam\/tracking-code\/answered\?flow=/);
    await checkPage(page, 'tracking code: the answer', { layout: true });
    await screenshot(page, 'sejam-tracking-code-answer');
    assert.ok(((await lastSms(env.t, '09127770001')) ?? '').includes(profile.tracking_code!));
  });

  browserTest('the profile view without JavaScript: mobile, then code, type and national code', async () => {
    const profile = await profileIn(env.t, 'tracking_code', {
      identifier: nationalCode(802),
      mobile: '09127770002',
      sections: { identity: { firstName: 'نرگس', lastName: 'کریمی', birthDate: '1995-08-10', gender: 'female' } },
    });
    const page = await env.newPage({ javaScriptEnabled: false });
    await followHomeLink(page, env.url('/'), 'مشاهده پرونده سجام', '/sejam/profile');
    await checkPage(page, 'profile view: mobile', { layout: true });
    await field(page, 'شماره همراه').fill('۰۹۱۲۷۷۷۰۰۰۲');
    await passCaptcha(page);
    await submitWith(page, 'دریافت کد تایید');
    expectPath(page, /^\/sejam\/profile\/code\?flow=/);
    await checkPage(page, 'profile view: code, type and national code', { layout: true });

    const code = await env.smsCode('09127770002');
    const fill = async (nc: string) => {
      await field(page, 'کد تایید').fill(code);
      await page.getByRole('radio', { name: 'حقیقی' }).check();
      await field(page, 'کد ملی / شناسه ملی').fill(nc);
      await passCaptcha(page);
      await submitWith(page, 'مشاهده پرونده');
    };
    await fill(nationalCode(803));
    expectPath(page, /^\/sejam\/profile\/code\?flow=/);
    assert.equal(await page.locator('.error-summary').count(), 1, 'one answer for a mismatch');
    await checkPage(page, 'profile view: no profile matches', { layout: true });

    await fill(profile.identifier);
    expectPath(page, /^\/sejam\/profile\/profile\?flow=/);
    const shown = page.locator('[data-tracking-code]');
    assert.equal(await shown.getAttribute('data-tracking-code'), profile.tracking_code);
    assert.ok(await page.getByText('کریمی').isVisible());
    await checkPage(page, 'profile view: the profile', { layout: true });
    await screenshot(page, 'sejam-profile-view');
    await submitWith(page, 'بستن پرونده');
    expectPath(page, /^\/$/);
  });
});
