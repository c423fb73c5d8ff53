/**
 * A whole natural-person Sejam registration in Chromium at 360 px, from the home page's
 * «ثبت نام سجام» to the tracking code: mobile and the SMS code, person type and national code,
 * the fee paid on the simulator's gateway page, the five forms, the review, the inquiry, the code.
 * Once with JavaScript and once without; axe and the phone layout on every page, a screenshot of
 * each step (in test-results/, and in $SEJAM_SHOTS_DIR when set).
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  browserTest,
  checkPage,
  describeBrowser,
  hasJavaScript,
  screenshot,
  submitWith,
  type Page,
} from './harness.js';
import { ALI, SARA, expectPath, fa, field, passCaptcha } from './flows.js';
import { lastSms } from '../helpers/browser.js';
import { findProfileByIdentifier } from '../../src/sejam/profiles.js';

/** A person from sim/people.json with the forms' answers that match the registries. */
interface Registrant {
  person: typeof ALI;
  contact: { city: string; address: string; postalCode: string; landline: string };
  birthPlace: string;
  bank: { sheba: string; branch: string };
}

const ali: Registrant = {
  person: ALI,
  contact: {
    city: 'tehran',
    address: 'خیابان ستارخان، کوچه بهار، پلاک ۱۲',
    postalCode: '1463743331',
    landline: '02166001234',
  },
  birthPlace: 'تهران',
  bank: { sheba: 'IR380170000000103456789001', branch: 'ستارخان' },
};

const sara: Registrant = {
  person: SARA,
  contact: {
    city: 'rasht',
    address: 'خیابان سعدی، کوچه ۱۵۷، پلاک ۹',
    postalCode: '4193833617',
    landline: '01333001234',
  },
  birthPlace: 'رشت',
  bank: { sheba: 'IR120160000000013579246801', branch: 'گلسار' },
};

async function shot(page: Page, name: string): Promise<void> {
  const path = await screenshot(page, name);
  const dir = process.env.SEJAM_SHOTS_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    copyFileSync(path, join(dir, `${name}.png`));
  }
}

describeBrowser('Sejam registration in a browser', (env) => {
  async function register(page: Page, r: Registrant, tag: string): Promise<void> {
    const js = hasJavaScript(page) ? 'js' : 'nojs';
    let n = 0;
    const look = async (label: string) => {
      await checkPage(page, `${tag}: ${label}`, { layout: true });
      await shot(page, `sejam-${js}-${String(++n).padStart(2, '0')}-${label}`);
    };

    await page.goto(env.url('/'));
    await Promise.all([page.waitForURL(/\/sejam(\?|$)/), page.getByRole('link', { name: /^ثبت نام سجام/ }).click()]);
    await look('mobile');
    await field(page, 'شماره همراه').fill(fa(r.person.mobile));
    await passCaptcha(page);
    await submitWith(page, 'دریافت کد تایید');
    expectPath(page, /^\/sejam\/verify\?flow=/);
    await look('code');
    await field(page, 'کد تایید').fill(await env.smsCode(r.person.mobile));
    await submitWith(page, 'تایید');

    expectPath(page, /^\/sejam\/person\?flow=/);
    await look('person');
    await page.getByRole('radio', { name: 'حقیقی' }).check();
    await field(page, 'کد ملی').fill(fa(r.person.nationalCode));
    await submitWith(page, 'مرحله بعد');

    expectPath(page, /^\/sejam\/fee\?flow=/);
    await look('fee');
    await submitWith(page, 'پرداخت');
    expectPath(page, /^\/sejam\/paying\?flow=/);
    await look('paying');
    await submitWith(page, 'رفتن به درگاه پرداخت');
    await look('gateway');
    await field(page, 'شماره کارت').fill('6037 9912 3456 7890');
    await submitWith(page, 'پرداخت');
    await look('gateway-paid');
    await submitWith(page, 'بازگشت به سایت پذیرنده');
    // the callback verifies the payment by a job; the paying page waits for it
    await env.t.drain();
    if (!/\/sejam\/identity/.test(page.url())) {
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'صفحه را تازه کنید' }).click()]);
    }

    expectPath(page, /^\/sejam\/identity\?flow=/);
    await look('identity');
    assert.ok(await page.getByText('فرم ۱ از ۵').isVisible(), 'the person is told which of the five forms this is');
    // filled from the civil registry: the person compares it with the certificate and confirms
    assert.ok(await page.getByText('از پایگاه ثبت احوال خوانده شد').isVisible());
    const p = r.person;
    assert.equal(await field(page, 'نام').inputValue(), p.firstName);
    assert.equal(await field(page, 'نام خانوادگی').inputValue(), p.lastName);
    assert.equal(await field(page, 'نام پدر').inputValue(), p.fatherName);
    assert.equal(await page.locator('[name="birth_date_y"]').inputValue(), p.birth.y);
    assert.equal(await page.locator('[name="birth_date_m"]').inputValue(), p.birth.m);
    assert.equal(await field(page, 'محل تولد').inputValue(), r.birthPlace);
    assert.equal(await field(page, 'شماره شناسنامه').inputValue(), p.shenasnamehNumber);
    assert.ok(await page.getByRole('radio', { name: p.gender === 'male' ? 'مرد' : 'زن' }).isChecked());
    await submitWith(page, 'مرحله بعد');

    expectPath(page, /^\/sejam\/contact\?flow=/);
    await look('contact');
    await page.locator('[name="city"]').selectOption(r.contact.city);
    await field(page, 'نشانی').fill(r.contact.address);
    await field(page, 'کد پستی').fill(fa(r.contact.postalCode));
    await field(page, 'تلفن ثابت با کد شهر').fill(fa(r.contact.landline));
    await submitWith(page, 'مرحله بعد');

    expectPath(page, /^\/sejam\/bank\?flow=/);
    await look('bank');
    await page.locator('[name="sheba_1"]').fill(r.bank.sheba);
    await page.locator('[name="branch_1"]').fill(r.bank.branch);
    await page.locator('[name="account_type_1"]').selectOption('current');
    await submitWith(page, 'مرحله بعد');

    expectPath(page, /^\/sejam\/job\?flow=/);
    await look('job');
    await field(page, 'شغل').selectOption('engineer');
    await field(page, 'نام محل کار').fill('شرکت نمونه');
    await submitWith(page, 'مرحله بعد');

    expectPath(page, /^\/sejam\/financial\?flow=/);
    await look('financial');
    for (const [name, value] of [
      ['income', '100m_to_300m'],
      ['assets', 'below_5b'],
      ['trading_value', 'below_1b'],
      ['knowledge', 'low'],
      ['experience', 'none'],
    ] as const) {
      await page.locator(`[name="${name}"]`).selectOption(value);
    }
    await page.locator('[name="source_salary"]').check();
    await page.locator('[name="instrument_stocks"]').check();
    await submitWith(page, 'مرحله بعد');

    expectPath(page, /^\/sejam\/review\?flow=/);
    await look('review');
    assert.ok(
      await page.getByText(fa(r.person.nationalCode)).or(page.getByText(r.person.nationalCode)).first().isVisible(),
    );
    await page.getByRole('checkbox').check();
    await submitWith(page, 'تایید نهایی و ارسال برای استعلام');

    expectPath(page, /^\/sejam\/checking\?flow=/);
    await look('checking');
    await env.t.drain();
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: /تازه کردن صفحه/ }).click()]);

    expectPath(page, /^\/sejam\/registered\?flow=/);
    await look('registered');
    const profile = await findProfileByIdentifier(env.t.services.db, r.person.nationalCode);
    assert.equal(profile?.state, 'tracking_code');
    assert.ok(profile.tracking_code);
    const body = (await page.locator('main').innerText()).replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)));
    assert.ok(body.includes(profile.tracking_code), 'the tracking code is on the page');
    assert.ok(body.includes('رسید پرداخت'), 'with the receipt');
    assert.ok(((await lastSms(env.t, r.person.mobile)) ?? '').includes(profile.tracking_code), 'and went by SMS');
  }

  browserTest('with JavaScript: home → «ثبت نام سجام» → … → the gateway page → … → the tracking code', async () => {
    await register(await env.newPage(), ali, 'with JS');
  });

  browserTest('without JavaScript: the same registration, every step a plain form', async () => {
    await register(await env.newPage({ javaScriptEnabled: false }), sara, 'without JS');
  });
});
