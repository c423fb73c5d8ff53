import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { FormClient, fieldErrorText, lastCode, smsCount, type Page } from '../../../test/helpers/browser.js';
import { legalId, nationalCode, profileIn } from '../../../test/helpers/sejam.js';

/**
 * The profile view: mobile + captcha → a code (sent only if a profile has the mobile, the same
 * answer either way); code + person type + national code + captcha → the profile, its tracking
 * code at the top, only when all of them are one profile's; readable for minutes, never cached.
 */
describe('Sejam profile view', () => {
  let t: TestApp;
  let ip = 0;
  const client = () => new FormClient(t.app, `198.51.100.${++ip}`);
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  const fa = (s: string) => s.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
  const main = (p: Page) => /<main[\s\S]*<\/main>/.exec(p.html)?.[0] ?? '';
  /** A page's content without what differs between any two visits (ids, tokens, challenges, the mobile typed). */
  const shape = (p: Page, mobile: string) =>
    main(p)
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ID')
      .replace(/value="[0-9a-f]{64}"/g, 'CSRF')
      .replace(/data-altcha="[^"]*"/g, 'ALTCHA')
      .replaceAll(fa(mobile), 'M')
      .replaceAll(mobile, 'M');
  const formSummary = (p: Page) => /<div class="error-summary"[\s\S]*?<\/ul>/.exec(p.html)?.[0] ?? '';

  async function askCode(mobile: string, c = client()) {
    await c.get('/sejam/profile');
    const page = await c.submit({ mobile, captcha: '12345' });
    return { c, page };
  }
  const open = (c: FormClient, code: string, type: string, nc: string) =>
    c.submit({ code, person_type: type, national_code: nc, captcha: '12345' });

  const sections = {
    identity: {
      firstName: 'مریم',
      lastName: 'احمدی',
      fatherName: 'رضا',
      birthDate: '1990-03-21',
      birthPlace: 'تبریز',
      shenasnamehNumber: '4521',
      shenasnamehSerial: '12ب345678',
      gender: 'female',
      fromRegistry: true,
    },
    contact: {
      province: '01',
      city: '0101',
      address: 'تهران، خیابان آزادی',
      postalCode: '1234567890',
      landline: '02166554433',
      email: null,
    },
    bank: {
      accounts: [
        {
          sheba: 'IR820540102680020817909002',
          bankCode: '054',
          branch: 'مرکزی',
          accountType: 'saving',
          isDefault: true,
        },
      ],
    },
  };

  test('mobile, then code, type and national code: the profile with its tracking code at the top', async () => {
    const profile = await profileIn(t, 'tracking_code', {
      identifier: nationalCode(11),
      mobile: '09126660001',
      sections,
    });
    assert.equal(await smsCount(t, '09126660001'), 0, 'the tracking-code SMS never went: the view still works');
    const { c, page: codePage } = await askCode('۰۹۱۲۶۶۶۰۰۰۱');
    assert.match(codePage.url, /^\/sejam\/profile\/code\?flow=/);
    assert.doesNotMatch(codePage.html, /data-delivery/, 'nothing says whether an SMS went');
    const page = await open(c, await lastCode(t, '09126660001'), 'natural', fa(profile.identifier));
    assert.match(page.url, /^\/sejam\/profile\/profile\?flow=/);
    const m = main(page);
    const at = (s: string) => m.indexOf(s);
    assert.ok(at(fa(profile.tracking_code!)) > 0, 'the tracking code is shown');
    assert.ok(at(fa(profile.tracking_code!)) < at('مریم'), 'at the top, before the identity data');
    for (const s of [
      'احمدی',
      'تبریز',
      '۱۳۶۹/۰۱/۰۱',
      'زن',
      'تهران، خیابان آزادی',
      '۱۲۳۴۵۶۷۸۹۰',
      'مرکزی',
      'وضعیت پرونده',
    ])
      assert.ok(m.includes(s), s);
    assert.match(m, /<dd>کد پیگیری<\/dd>/, 'the state in words');
    const res = await t.app.inject({ method: 'GET', url: page.url, headers: { cookie: cookieOf(c) } });
    assert.equal(res.headers['cache-control'], 'no-store');
    // «بستن پرونده» ends it; the old address leads nowhere near the profile
    const closed = await c.submit({});
    assert.equal(closed.url, '/');
    assert.doesNotMatch((await c.get(page.url)).html, new RegExp(fa(profile.tracking_code!)));
  });

  const cookieOf = (c: FormClient) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

  test('the profile stays readable only minutes after it was opened', async () => {
    const profile = await profileIn(t, 'awaiting_authentication', {
      identifier: nationalCode(12),
      mobile: '09126660002',
    });
    const { c } = await askCode('09126660002');
    const page = await open(c, await lastCode(t, '09126660002'), 'natural', profile.identifier);
    assert.ok(main(page).includes(fa(profile.tracking_code!)));
    assert.match(main(page), /در انتظار نتیجه احراز هویت/);
    t.clock.advance(t.services.config.limits.sejamProfileViewMs + 1000);
    const later = await c.get(page.url);
    assert.equal(later.status, 410);
    assert.ok(!later.html.includes(fa(profile.tracking_code!)));
  });

  test('a mobile no profile has gets the same code page, cooldown and guesses, and no SMS', async () => {
    await profileIn(t, 'forms', { identifier: nationalCode(13), mobile: '09126660003' });
    const held = await askCode('09126660003');
    const none = await askCode('09126669999');
    assert.equal(await smsCount(t, '09126660003'), 1);
    assert.equal(await smsCount(t, '09126669999'), 0, 'nothing is sent when no profile has the mobile');
    for (const x of [held, none]) assert.match(x.page.url, /^\/sejam\/profile\/code\?flow=/);
    assert.equal(shape(held.page, '09126660003'), shape(none.page, '09126669999'));
    // the same answers all the way: a resend too soon, then wrong codes until the budget is spent
    const resend = async (x: typeof held) => x.c.post(x.page.url, { _action: 'resend' });
    assert.equal(shape(await resend(held), '09126660003'), shape(await resend(none), '09126669999'));
    const answers: [string, string][] = [];
    for (let i = 0; i < t.services.config.limits.otpMaxAttempts + 1; i++) {
      const a = await open(held.c, '000000', 'natural', nationalCode(13));
      const b = await open(none.c, '000000', 'natural', nationalCode(13));
      answers.push([fieldErrorText(a.html, 'code') ?? '', fieldErrorText(b.html, 'code') ?? '']);
    }
    for (const [a, b] of answers) assert.equal(a, b);
    assert.match(answers.at(-1)![0], /بیش از اندازه/, 'wrong guesses are counted and run out');
  });

  test('mobile, type and national code must be one profile’s: one answer for every mismatch, nothing shown', async () => {
    const mine = await profileIn(t, 'tracking_code', { identifier: nationalCode(14), mobile: '09126660004', sections });
    const other = await profileIn(t, 'tracking_code', { identifier: nationalCode(15), mobile: '09126660005' });
    const legal = await profileIn(t, 'tracking_code', {
      identifier: legalId(16),
      mobile: '09126660004',
      personType: 'legal',
    });
    const { c } = await askCode('09126660004');
    const code = await lastCode(t, '09126660004');
    const misses = [
      ['legal', mine.identifier], // the right national code with the wrong type (as a national ID it is malformed)
      ['natural', other.identifier], // somebody else's profile (another mobile)
      ['natural', nationalCode(17)], // no profile at all
      ['legal', legalId(18)], // no legal person either
    ] as const;
    const errors = [];
    for (const [type, nc] of misses) {
      const page = await open(c, code, type, nc);
      assert.match(page.url, /\/sejam\/profile\/code\?/);
      for (const p of [mine, other, legal]) assert.ok(!page.html.includes(fa(p.tracking_code!)), 'no tracking code');
      assert.ok(!main(page).includes('مریم'));
      errors.push(fieldErrorText(page.html, 'national_code') ?? formSummary(page).replace(/\d|[۰-۹]/g, ''));
    }
    // the wrong type is the one caught by the national ID's own rule; the others are one answer
    assert.match(errors[0]!, /شناسه ملی/);
    assert.equal(new Set(errors.slice(1)).size, 1);
    assert.match(errors[1]!, /پیدا نشد؛ هر سه باید از یک پرونده باشند/);
    // the code was not used up by the misses: the right three open the profile
    const page = await open(c, code, 'natural', mine.identifier);
    assert.ok(main(page).includes(fa(mine.tracking_code!)));
  });

  test('misses cost guesses: the form is no oracle for national codes', async () => {
    await profileIn(t, 'tracking_code', { identifier: nationalCode(19), mobile: '09126660006' });
    const { c } = await askCode('09126660006');
    const code = await lastCode(t, '09126660006');
    let page: Page | undefined;
    for (let i = 0; i < t.services.config.limits.otpMaxAttempts; i++)
      page = await open(c, code, 'natural', nationalCode(100 + i));
    assert.match(fieldErrorText(page!.html, 'code') ?? '', /بیش از اندازه/);
    page = await open(c, code, 'natural', nationalCode(19));
    assert.match(
      fieldErrorText(page.html, 'code') ?? '',
      /بیش از اندازه/,
      'not even the right three, until the window ends',
    );
  });

  test("a legal person: its national ID, the representative's mobile, the company's data", async () => {
    const id = legalId(20);
    const company = {
      name: 'شرکت نمونه',
      registrationNumber: '12345',
      registrationDate: '2010-05-01',
      registrationPlace: 'تهران',
      companyType: 'pjs',
    };
    const profile = await profileIn(t, 'tracking_code', {
      identifier: id,
      mobile: '09126660007',
      personType: 'legal',
      representativeCode: nationalCode(21),
      sections: { company },
    });
    const { c } = await askCode('09126660007');
    const page = await open(c, await lastCode(t, '09126660007'), 'legal', id);
    const m = main(page);
    for (const s of [fa(profile.tracking_code!), 'شرکت نمونه', 'شناسه ملی', fa(nationalCode(21)), 'حقوقی'])
      assert.ok(m.includes(s), s);
  });

  test('a code asked for by somebody else works in the owner’s own flow; sends are budgeted per mobile', async () => {
    const L = t.services.config.limits;
    const profile = await profileIn(t, 'tracking_code', { identifier: nationalCode(22), mobile: '09126660008' });
    const owner = await askCode('09126660008');
    for (let i = 0; i < L.smsPerMobile + 2; i++) {
      t.clock.advance(L.otpResendCooldownMs);
      await askCode('09126660008'); // a stranger, each time from another address
    }
    assert.equal(await smsCount(t, '09126660008'), L.smsPerMobile, 'the phone got no more than its budget');
    const page = await open(owner.c, await lastCode(t, '09126660008'), 'natural', profile.identifier);
    assert.ok(main(page).includes(fa(profile.tracking_code!)), 'the newest code on the phone opens the owner’s flow');
  });

  test('the JSON API: the same steps, one answer for a held and an unheld mobile, the profile in the view', async () => {
    const profile = await profileIn(t, 'tracking_code', {
      identifier: nationalCode(23),
      mobile: '09126660009',
      sections,
    });
    const addr = '198.51.100.250';
    const captcha = async () =>
      (await t.app.inject({ method: 'POST', url: '/api/v1/captcha', remoteAddress: addr })).json().id as string;
    const start = async (mobile: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/sejam/profile',
        remoteAddress: addr,
        payload: { mobile, captcha_id: await captcha(), captcha: '12345' },
      });
    const a = await start('09126660009');
    const b = await start('09126669998');
    for (const r of [a, b]) assert.equal(r.statusCode, 201, r.body);
    const strip = (r: typeof a) => {
      const { flow } = r.json() as { flow: { view: Record<string, unknown> } };
      return JSON.stringify({ ...flow, id: 'x', expiresAt: 'x', view: { ...flow.view, mobile: 'M', captcha: 'C' } });
    };
    assert.equal(strip(a), strip(b));
    const { flow, flowToken } = a.json() as { flow: { id: string }; flowToken: string };
    const submit = async (nc: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/sejam/profile/${flow.id}/code`,
        remoteAddress: addr,
        headers: { 'x-flow-token': flowToken },
        payload: {
          code: await lastCode(t, '09126660009'),
          person_type: 'natural',
          national_code: nc,
          captcha_id: await captcha(),
          captcha: '12345',
        },
      });
    const miss = await submit(nationalCode(24));
    assert.equal(miss.statusCode, 400);
    assert.equal(miss.json().errors[0].code, 'sejam.profile_not_matched');
    assert.doesNotMatch(miss.body, new RegExp(profile.tracking_code!));
    const shown = await submit(profile.identifier);
    assert.equal(shown.statusCode, 200, shown.body);
    assert.equal(shown.headers['cache-control'], 'no-store');
    const view = shown.json().flow.view.profile;
    assert.equal(view.trackingCode, profile.tracking_code);
    assert.equal(view.stateLabel, 'کد پیگیری');
    assert.equal(view.sections.identity.firstName, 'مریم');
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/sejam/profile/${flow.id}`,
      headers: { 'x-flow-token': flowToken },
    });
    assert.equal(read.json().flow.view.profile.trackingCode, profile.tracking_code);
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/sejam/profile/${flow.id}` })).statusCode, 404);
  });
});
