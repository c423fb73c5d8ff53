import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { FormClient, lastCode, lastSms, fieldErrorText, smsCount } from '../helpers/browser.js';
import { isValidNationalCode, nationalCodeCheckDigit } from '../../src/domain/national-code.js';
import { formatMessage } from '../../src/phrases/fa.js';
import { loadPopulation } from '../../src/registries/simulation/population.js';

// Demo person from sim/people.json: علی رضایی, mobile 09121234567
const ALI = { nationalCode: '0084575948', mobile: '09121234567' };
const ALI_BIRTH = {
  firstName: 'علی',
  lastName: 'رضایی',
  fatherName: 'حسین',
  shenasnamehNumber: '1523',
  birthDate_y: '1370',
  birthDate_m: '1',
  birthDate_d: '15',
  gender: 'male',
};
const GOOD_PASSWORD = 'Hoviyat2024!';
const QUESTIONS = {
  question1: 'favourite_color',
  answer1: 'آبی',
  question2: 'birth_city',
  answer2: 'تهران',
  question3: 'first_workplace',
  answer3: 'کارخانه',
};

describe('registration over HTTP', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await t.close();
  });

  test('a person registers step by step and the registry activates the account', async () => {
    const c = new FormClient(t.app);
    let page = await c.get('/registration');
    assert.equal(page.status, 200);
    assert.match(page.html, /lang="fa" dir="rtl"/);
    page = await c.submit({ personKind: 'iranian' });
    assert.match(page.url, /\/registration\/identity\?flow=/);
    assert.match(page.html, /کد ملی/);

    // Persian digits are accepted
    page = await c.submit({ nationalCode: '۰۰۸۴۵۷۵۹۴۸', mobile: '۰۹۱۲۱۲۳۴۵۶۷', captcha: '12345' });
    assert.match(page.url, /verify_mobile/, page.html);
    const code = await lastCode(t, ALI.mobile);
    page = await c.submit({ code });
    assert.match(page.url, /birth_certificate/);
    page = await c.submit(ALI_BIRTH);
    assert.match(page.url, /\/email\?/, page.html.slice(0, 3000));
    page = await c.submit({ email: 'ali@example.com' });
    assert.match(page.url, /\/password\?/);
    page = await c.submit({ password: GOOD_PASSWORD, passwordRepeat: GOOD_PASSWORD, ...QUESTIONS });
    assert.match(page.url, /\/review\?/, page.html.slice(0, 3000));
    assert.match(page.html, /تایید و ارسال درخواست/);
    assert.match(page.html, /علی/);
    page = await c.submit({});
    assert.match(page.url, /\/submitted\?/);
    assert.match(page.html, /data-status="pending"/);

    await t.drain();
    const account = await t.services.db
      .selectFrom('accounts')
      .selectAll()
      .where('national_code', '=', ALI.nationalCode)
      .executeTakeFirst();
    assert.ok(account);
    assert.equal(account.status, 'active');
    assert.match(account.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const welcome = await lastSms(t, ALI.mobile);
    assert.match(welcome ?? '', /خوش آمدید/);
    page = await c.get(page.url);
    assert.match(page.html, /data-status="activated"/);

    // registering again is refused with advice to log in
    const c2 = new FormClient(t.app);
    await c2.get('/registration');
    page = await c2.submit({ personKind: 'iranian' });
    page = await c2.submit({ nationalCode: ALI.nationalCode, mobile: ALI.mobile, captcha: '12345' });
    assert.equal(page.status, 400);
    assert.match(fieldErrorText(page.html, 'nationalCode') ?? '', /ورود به سامانه/);
  });

  test('bad input keeps what was typed and explains each field', async () => {
    const c = new FormClient(t.app);
    await c.get('/registration');
    await c.submit({ personKind: 'iranian' });
    const page = await c.submit({ nationalCode: '0012345678', mobile: '0912', captcha: '12345' });
    assert.equal(page.status, 400);
    assert.match(page.html, /class="error-summary"/);
    assert.equal(fieldErrorText(page.html, 'nationalCode'), formatMessage('national_code.checksum'));
    assert.equal(fieldErrorText(page.html, 'mobile'), formatMessage('mobile.format'));
    assert.match(page.html, /value="0012345678"/);
  });

  test("a mobile that is not the person's own is refused with the branch advice", async () => {
    // a valid national code that is not Ali's (first digit changed, check digit recomputed) and
    // that nobody in the simulated population has: Shahkar knows no mobile of it
    const first9 = '1' + ALI.nationalCode.slice(1, 9);
    const code = first9 + String(nationalCodeCheckDigit(first9));
    assert.ok(isValidNationalCode(code));
    assert.notEqual(code, ALI.nationalCode);
    assert.equal(loadPopulation().byNationalCode(code), undefined);
    const mobile = '09351234567'; // someone else's (sim/people.json)
    const c = new FormClient(t.app);
    await c.get('/registration');
    await c.submit({ personKind: 'iranian' });
    const page = await c.submit({ nationalCode: code, mobile, captcha: '12345' });
    assert.equal(page.status, 400);
    assert.match(page.url, /\/registration\/identity\?flow=/);
    assert.match(
      fieldErrorText(page.html, 'mobile') ?? '',
      /برای فعال‌سازی حساب با مدارک هویتی به نزدیک‌ترین شعبه مراجعه کنید/,
    );
    assert.equal(fieldErrorText(page.html, 'nationalCode'), undefined);
    assert.equal(await smsCount(t, mobile), 0, 'no code went to a mobile that is not theirs');
  });

  test("a known person's code with a mobile Shahkar does not give them: mobile.not_owner beside the mobile", async () => {
    // فاطمه‌زهرا محمدی‌نژاد in sim/people.json has only 09351234567; Ali's mobile is not hers
    const FATEMEH = '1279834064';
    assert.deepEqual(loadPopulation().byNationalCode(FATEMEH)?.mobiles, ['09351234567']);
    const before = await smsCount(t, ALI.mobile);
    const c = new FormClient(t.app);
    await c.get('/registration');
    await c.submit({ personKind: 'iranian' });
    const page = await c.submit({ nationalCode: FATEMEH, mobile: ALI.mobile, captcha: '12345' });
    assert.equal(page.status, 400);
    assert.match(page.url, /\/registration\/identity\?flow=/);
    assert.equal(fieldErrorText(page.html, 'mobile'), formatMessage('mobile.not_owner'));
    assert.equal(fieldErrorText(page.html, 'nationalCode'), undefined);
    assert.match(page.html, new RegExp(`value="${FATEMEH}"`), 'what was typed is kept');
    assert.equal(await smsCount(t, ALI.mobile), before, 'no code went out');
  });
});
