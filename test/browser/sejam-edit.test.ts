/**
 * Editing a registered Sejam profile as a person meets it in Chromium at 360 px, axe on every
 * page: ownership (mobile, then code, type and national code), the job form prefilled, a change
 * confirmed by the SMS code, the result; the tracking code untouched.
 */
import assert from 'node:assert/strict';
import { browserTest, checkPage, describeBrowser, screenshot, submitWith } from './harness.js';
import { expectPath, fa, field, passCaptcha } from './flows.js';
import { nationalCode, profileIn } from '../helpers/sejam.js';
import { findProfile, sectionsOf } from '../../src/sejam/profiles.js';

describeBrowser('Sejam edit in a browser', (env) => {
  browserTest('the job section: prefilled, changed, confirmed by SMS, applied; the tracking code kept', async () => {
    const profile = await profileIn(env.t, 'tracking_code', {
      identifier: nationalCode(901),
      mobile: '09127770009',
      sections: {
        job: { occupation: 'teacher', employer: 'دبیرستان البرز', position: 'دبیر', workAddress: '', workPhone: '' },
      },
    });
    const page = await env.newPage();
    await page.goto(env.url('/sejam/edit'));
    await checkPage(page, 'edit: mobile', { layout: true });
    await field(page, 'شماره همراه').fill(fa(profile.mobile));
    await passCaptcha(page);
    await submitWith(page, 'دریافت کد تایید');
    expectPath(page, /^\/sejam\/edit\/code\?flow=/);
    await checkPage(page, 'edit: code, type and national code', { layout: true });
    await field(page, 'کد تایید').fill(await env.smsCode(profile.mobile));
    await page.getByRole('radio', { name: 'حقیقی' }).check();
    await field(page, 'کد ملی / شناسه ملی').fill(profile.identifier);
    await passCaptcha(page);
    await submitWith(page, 'ادامه');
    expectPath(page, /^\/sejam\/edit\/choose\?flow=/);
    await checkPage(page, 'edit: which part', { layout: true });
    await page.getByRole('radio', { name: 'اطلاعات شغلی' }).check();
    await submitWith(page, 'ادامه');
    expectPath(page, /^\/sejam\/edit\/job\?flow=/);
    assert.equal(await field(page, 'نام محل کار').inputValue(), 'دبیرستان البرز', 'prefilled from the profile');
    await checkPage(page, 'edit: the job form', { layout: true });
    await field(page, 'نام محل کار').fill('دبیرستان خوارزمی');
    await submitWith(page, 'دریافت کد تایید');
    expectPath(page, /^\/sejam\/edit\/confirm\?flow=/);
    await checkPage(page, 'edit: confirm with the SMS code', { layout: true });
    await field(page, 'کد تایید').fill(await env.smsCode(profile.mobile));
    await submitWith(page, 'تایید ویرایش');
    expectPath(page, /^\/sejam\/edit\/result\?flow=/);
    await checkPage(page, 'edit: the result', { layout: true });
    await screenshot(page, 'sejam-edit-result');
    const after = await findProfile(env.t.services.db, profile.id);
    assert.equal((sectionsOf(after!).job as { employer: string }).employer, 'دبیرستان خوارزمی');
    assert.equal(after?.tracking_code, profile.tracking_code);
    assert.equal(after?.state, 'tracking_code');
  });
});
