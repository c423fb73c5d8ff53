import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { FormClient, fieldErrorText, lastCode, lastSms, smsCount, type Page } from '../../../test/helpers/browser.js';
import { profileIn } from '../../../test/helpers/sejam.js';
import { findProfile, sectionsOf, type Profile } from '../../sejam/profiles.js';

/**
 * Editing a registered profile through its pages: ownership as in the profile view, a section
 * chosen, the registration's form prefilled, an SMS code to the registered mobile; the affected
 * check reruns as a job, the edit is applied only when it passes, the tracking code stays.
 */
describe('Sejam profile edit', () => {
  let t: TestApp;
  let ip = 0;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  const path = (p: Page) => p.url.split('?')[0];
  const main = (p: Page) => /<main[\s\S]*<\/main>/.exec(p.html)?.[0] ?? '';
  const fa = (s: string) => s.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

  /** فاطمه‌زهرا of the demo records: her Parsian account and Isfahan postal code are hers. */
  const fatemeh = {
    identity: {
      firstName: 'فاطمه‌زهرا',
      lastName: 'محمدی‌نژاد',
      fatherName: 'علی',
      birthDate: '1988-01-01',
      birthPlace: 'اصفهان',
      shenasnamehNumber: '1234',
      shenasnamehSerial: '',
      gender: 'female',
      fromRegistry: true,
    },
    contact: {
      province: 'isfahan',
      city: 'isfahan',
      address: 'اصفهان، خیابان چهارباغ',
      postalCode: '8174673111',
      landline: '03132221100',
      email: 'fatemeh@example.com',
    },
    bank: {
      accounts: [
        {
          sheba: 'IR820540102680020817909002',
          bankCode: '054',
          branch: 'مرکزی',
          accountType: 'short_term_deposit',
          isDefault: true,
        },
      ],
    },
  };

  /** Proves ownership through the pages and lands on the choice of section. */
  async function owned(profile: Profile): Promise<{ c: FormClient; page: Page }> {
    const c = new FormClient(t.app, `198.51.100.${++ip}`);
    await c.get('/sejam/edit');
    let page = await c.submit({ mobile: profile.mobile, captcha: '12345' });
    assert.equal(path(page), '/sejam/edit/code');
    const code = await lastCode(t, profile.mobile);
    page = await c.submit({ code, person_type: 'natural', national_code: profile.identifier, captcha: '12345' });
    assert.equal(path(page), '/sejam/edit/choose', main(page));
    assert.ok(main(page).includes(fa(profile.tracking_code!)), 'the tracking code is shown, not to change');
    return { c, page };
  }

  const history = (id: string) =>
    t.services.db
      .selectFrom('sejam_profile_history')
      .selectAll()
      .where('profile_id', '=', id)
      .where('action', 'like', 'edit.%')
      .orderBy('id')
      .execute();
  const jobs = (queue: string) =>
    t.services.db.selectFrom('jobs').select(['payload']).where('queue', '=', queue).execute();

  test('contact: prefilled form, SMS code, only the postal check reruns, history masked, tracking code kept', async () => {
    const profile = await profileIn(t, 'tracking_code', {
      identifier: '1279834064',
      mobile: '09127770001',
      sections: fatemeh,
    });
    const { c } = await owned(profile);
    let page = await c.submit({ section: 'contact' });
    assert.equal(path(page), '/sejam/edit/contact');
    assert.match(page.html, /name="postal_code"[^>]*value="8174673111"/, 'the form is prefilled from the profile');
    const jobsBefore = (await jobs('sejam.inquiry')).length;
    page = await c.submit({
      city: 'tehran',
      address: 'تهران، خیابان آزادی، پلاک ۱۲',
      postal_code: '1463743331',
      landline: '02188776655',
      email: 'zahra@example.org',
    });
    assert.equal(path(page), '/sejam/edit/confirm', main(page));
    assert.ok(main(page).includes('خیابان آزادی، پلاک'), 'the new values are shown to confirm');
    page = await c.submit({ code: await lastCode(t, profile.mobile) });
    assert.equal(path(page), '/sejam/edit/result');
    assert.match(main(page), /در حال استعلام/);
    // nothing is written before the check passes
    assert.deepEqual(sectionsOf((await findProfile(t.services.db, profile.id))!).contact, fatemeh.contact);
    const checks = await t.services.db.selectFrom('sejam_profile_edits').selectAll().execute();
    assert.deepEqual(
      checks.filter((e) => e.profile_id === profile.id).map((e) => [e.section, e.check_name, e.status]),
      [['contact', 'postal', 'checking']],
    );
    assert.equal((await jobs('sejam.inquiry')).length, jobsBefore, 'no full inquiry: only the postal check');
    await t.drain();
    page = await c.get(page.url);
    assert.match(main(page), /ویرایش انجام شد/);
    assert.ok(main(page).includes(fa(profile.tracking_code!)));
    const now = (await findProfile(t.services.db, profile.id))!;
    assert.equal(now.state, 'tracking_code');
    assert.equal(now.tracking_code, profile.tracking_code);
    const contact = sectionsOf(now).contact as Record<string, unknown>;
    assert.equal(contact.postalCode, '1463743331');
    assert.equal(contact.landline, '02188776655');
    assert.deepEqual(sectionsOf(now).bank, fatemeh.bank, 'other sections untouched');
    const rows = await history(profile.id);
    assert.deepEqual(
      rows.map((r) => [r.actor, r.action]),
      [
        ['self', 'edit.contact'],
        ['system', 'edit.contact.applied'],
      ],
    );
    const changes = new Map(
      (rows[0]!.changes as { field: string; from: string; to: string }[]).map((x) => [x.field, x]),
    );
    assert.deepEqual(changes.get('contact.landline'), {
      field: 'contact.landline',
      from: '031*****100',
      to: '021*****655',
    });
    assert.deepEqual(changes.get('contact.email'), {
      field: 'contact.email',
      from: 'f******@example.com',
      to: 'z****@example.org',
    });
    assert.deepEqual(changes.get('contact.postalCode'), {
      field: 'contact.postalCode',
      from: '8174673111',
      to: '1463743331',
    });
    assert.ok(!changes.has('contact.bankCode'), 'unchanged fields are not listed');
    assert.doesNotMatch(JSON.stringify(rows), /88776655|fatemeh@/, 'no sensitive value in clear');
  });

  test("bank: a Sheba that is not the person's own is refused; the profile keeps its accounts and its code", async () => {
    const profile = await profileIn(t, 'tracking_code', {
      identifier: '2271568439',
      mobile: '09127770002',
      sections: {
        ...fatemeh,
        bank: {
          accounts: [
            {
              sheba: 'IR320560000849000113456701',
              bankCode: '056',
              branch: 'ونک',
              accountType: 'short_term_deposit',
              isDefault: true,
            },
          ],
        },
      },
    });
    const { c } = await owned(profile);
    let page = await c.submit({ section: 'bank' });
    assert.equal(path(page), '/sejam/edit/bank');
    assert.match(page.html, /name="sheba_1"[^>]*value="IR320560000849000113456701"/);
    const same = await c.submit({
      sheba_1: 'IR320560000849000113456701',
      branch_1: 'ونک',
      account_type_1: 'short_term_deposit',
      default_account: '1',
    });
    assert.equal(path(same), '/sejam/edit/bank');
    assert.match(main(same), /چیزی تغییر نکرده است/, 'an unchanged form sends no code');
    // علی رضایی's Melli account (the demo records): a valid Sheba, not ملیکا's
    page = await c.submit({
      sheba_1: 'IR380170000000103456789001',
      branch_1: 'مرکزی',
      account_type_1: 'short_term_deposit',
      default_account: '1',
    });
    assert.equal(path(page), '/sejam/edit/confirm', main(page));
    page = await c.submit({ code: await lastCode(t, profile.mobile) });
    assert.equal(path(page), '/sejam/edit/result');
    await t.drain();
    page = await c.get(page.url);
    assert.match(main(page), /ویرایش ثبت نشد/);
    assert.match(main(page), /شماره شبای جدید به نام شما نیست/);
    assert.match((await lastSms(t, profile.mobile)) ?? '', /تایید نشد و ثبت نشد/, 'the outcome is told by SMS too');
    assert.match(main(page), /اطلاعات پیشین شما بدون تغییر/);
    assert.ok(main(page).includes(fa(profile.tracking_code!)));
    const now = (await findProfile(t.services.db, profile.id))!;
    assert.equal(now.state, 'tracking_code');
    assert.equal(now.tracking_code, profile.tracking_code);
    assert.equal(
      (sectionsOf(now).bank as { accounts: { sheba: string }[] }).accounts[0]!.sheba,
      'IR320560000849000113456701',
    );
    const rows = await history(profile.id);
    assert.deepEqual(
      rows.map((r) => [r.actor, r.action, r.changes]),
      [
        [
          'self',
          'edit.bank',
          [
            { field: 'bank.accounts.1.bankCode', from: '056', to: '017' },
            { field: 'bank.accounts.1.branch', from: 'ونک', to: 'مرکزی' },
            { field: 'bank.accounts.1.sheba', from: 'IR32056***************6701', to: 'IR38017***************9001' },
          ],
        ],
        ['system', 'edit.bank.refused', [{ field: 'bank', from: null, to: 'not_owned' }]],
      ],
    );
  });

  test('a wrong code, then an expired one: nothing changes, nothing is recorded', async () => {
    const profile = await profileIn(t, 'tracking_code', {
      identifier: '1364920751',
      mobile: '09127770003',
      sections: fatemeh,
    });
    const { c } = await owned(profile);
    await c.submit({ section: 'job' });
    let page = await c.submit({
      occupation: 'private_employee',
      employer: 'شرکت نمونه',
      position: 'کارشناس',
      work_address: '',
      work_phone: '',
    });
    assert.equal(path(page), '/sejam/edit/confirm', main(page));
    const code = await lastCode(t, profile.mobile);
    const wrong = code === '000000' ? '111111' : '000000';
    page = await c.submit({ code: wrong });
    assert.equal(path(page), '/sejam/edit/confirm');
    assert.match(fieldErrorText(page.html, 'code') ?? '', /درست نیست/);
    t.clock.advance(t.services.config.limits.registrationOtpTtlMs + 1000);
    page = await c.submit({ code });
    assert.equal(path(page), '/sejam/edit/confirm');
    assert.match(fieldErrorText(page.html, 'code') ?? '', /تمام شده/);
    assert.deepEqual(await history(profile.id), []);
    assert.equal(sectionsOf((await findProfile(t.services.db, profile.id))!).job, undefined);
    // a new code (resend) confirms: a job edit has no check and is applied at once
    page = await c.post(page.url, { _action: 'resend' });
    assert.equal(path(page), '/sejam/edit/confirm', main(page));
    assert.equal(await smsCount(t, profile.mobile), 3, 'the view code, the first edit code, the resent one');
    page = await c.submit({ code: await lastCode(t, profile.mobile) });
    assert.equal(path(page), '/sejam/edit/result', main(page));
    assert.match(main(page), /ویرایش انجام شد/);
    const job = sectionsOf((await findProfile(t.services.db, profile.id))!).job as Record<string, unknown>;
    assert.equal(job.employer, 'شرکت نمونه');
    assert.deepEqual(
      (await history(profile.id)).map((r) => [r.actor, r.action]),
      [['self', 'edit.job']],
    );
  });

  test('a postal code nobody has: refused, the old address kept, the later state (authenticated) kept', async () => {
    const profile = await profileIn(t, 'authenticated', {
      identifier: '4483057162',
      mobile: '09127770004',
      sections: fatemeh,
    });
    const { c } = await owned(profile);
    await c.submit({ section: 'contact' });
    let page = await c.submit({
      city: 'isfahan',
      address: 'اصفهان، خیابان چهارباغ',
      postal_code: '1193653471', // valid, and nobody's (docs/simulators.md)
      landline: '03132221100',
      email: 'fatemeh@example.com',
    });
    assert.equal(path(page), '/sejam/edit/confirm', main(page));
    page = await c.submit({ code: await lastCode(t, profile.mobile) });
    await t.drain();
    page = await c.get(page.url);
    assert.match(main(page), /کد پستی جدید در سامانه پست پیدا نشد/);
    const now = (await findProfile(t.services.db, profile.id))!;
    assert.equal(now.state, 'authenticated', 'a later state is kept too');
    assert.deepEqual(sectionsOf(now).contact, fatemeh.contact);
    const rows = await history(profile.id);
    assert.deepEqual(
      rows.map((r) => [r.actor, r.action, r.changes]),
      [
        ['self', 'edit.contact', [{ field: 'contact.postalCode', from: '8174673111', to: '1193653471' }]],
        ['system', 'edit.contact.refused', [{ field: 'postal', from: null, to: 'not_found' }]],
      ],
    );
    // one edit row, settled (its job's conditional update would find nothing left to do)
    const edits = await t.services.db
      .selectFrom('sejam_profile_edits')
      .selectAll()
      .where('profile_id', '=', profile.id)
      .execute();
    assert.deepEqual(
      edits.map((e) => e.status),
      ['refused'],
    );
  });

  test('a profile without its tracking code yet cannot be edited', async () => {
    const profile = await profileIn(t, 'under_inquiry', {
      identifier: '4197853025',
      mobile: '09127770005',
      sections: fatemeh,
    });
    const c = new FormClient(t.app, `198.51.100.${++ip}`);
    await c.get('/sejam/edit');
    await c.submit({ mobile: profile.mobile, captcha: '12345' });
    let page = await c.submit({
      code: await lastCode(t, profile.mobile),
      person_type: 'natural',
      national_code: profile.identifier,
      captcha: '12345',
    });
    assert.equal(path(page), '/sejam/edit/choose');
    assert.match(main(page), /هنوز کد پیگیری ندارد/);
    page = await c.submit({ section: 'contact' });
    assert.equal(path(page), '/sejam/edit/choose');
    assert.match(main(page), /پس از صدور کد پیگیری ممکن است/);
    assert.deepEqual(await history(profile.id), []);
  });

  test('the home page links to the edit by its name', async () => {
    const home = await t.app.inject({ method: 'GET', url: '/' });
    assert.match(
      home.body,
      /<a class="choice-card" href="\/sejam\/edit">\s*<span class="choice-card__title">ویرایش اطلاعات سجام/,
    );
  });

  test('the JSON API: the same steps; a job edit applied, its history written', async () => {
    const profile = await profileIn(t, 'tracking_code', {
      identifier: '3810425974',
      mobile: '09127770006',
      sections: fatemeh,
    });
    const addr = '198.51.100.251';
    const captcha = async () =>
      (await t.app.inject({ method: 'POST', url: '/api/v1/captcha', remoteAddress: addr })).json().id as string;
    const start = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sejam/edit',
      remoteAddress: addr,
      payload: { mobile: profile.mobile, captcha_id: await captcha(), captcha: '12345' },
    });
    assert.equal(start.statusCode, 201, start.body);
    const { flow, flowToken } = start.json() as { flow: { id: string }; flowToken: string };
    const post = (step: string, payload: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/sejam/edit/${flow.id}/${step}`,
        remoteAddress: addr,
        headers: { 'x-flow-token': flowToken },
        payload,
      });
    const code = await post('code', {
      code: await lastCode(t, profile.mobile),
      person_type: 'natural',
      national_code: profile.identifier,
      captcha_id: await captcha(),
      captcha: '12345',
    });
    assert.equal(code.statusCode, 200, code.body);
    assert.equal((await post('choose', { section: 'job' })).statusCode, 200);
    const form = await post('job', { occupation: 'student' });
    assert.equal(form.statusCode, 200, form.body);
    const wrong = await post('confirm', { code: '12' });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json().errors[0].code, 'otp.format');
    const done = await post('confirm', { code: await lastCode(t, profile.mobile) });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().flow.view.status, 'applied');
    assert.equal(
      (sectionsOf((await findProfile(t.services.db, profile.id))!).job as { occupation: string }).occupation,
      'student',
    );
    assert.deepEqual(
      (await history(profile.id)).map((r) => [r.actor, r.action]),
      [['self', 'edit.job']],
    );
  });
});
