import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { FormClient, lastSms, fieldErrorText } from '../helpers/browser.js';
import { ALI, AMIR, fillRegistration, registerFully, requestStatus, type Person } from '../helpers/registration.js';

const person = (p: Partial<Person> & Pick<Person, 'nationalCode' | 'mobile'>): Person => ({ ...ALI, ...p });

describe('registration outcomes from the civil registry', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await t.close();
  });

  test('data that differ from the registry: mismatch SMS, no account, may register again', async () => {
    const p = person({
      nationalCode: '4483057162',
      mobile: '09359871234',
      firstName: 'سمیرا',
      lastName: 'نوری',
      fatherName: 'کامبیز',
      shenasnamehNumber: '4483057162',
      birth: ['1384', '7', '7'],
      gender: 'female',
    });
    const { c, page } = await registerFully(t, p);
    await t.drain();
    assert.equal((await requestStatus(t, p.nationalCode))?.status, 'mismatch');
    assert.match((await lastSms(t, p.mobile)) ?? '', /هم‌خوانی ندارد/);
    const status = await c.get(page.url);
    assert.match(status.html, /data-status="mismatch"/);
    const accounts = await t.services.db
      .selectFrom('accounts')
      .select('id')
      .where('national_code', '=', p.nationalCode)
      .execute();
    assert.equal(accounts.length, 0);
    // correct data this time
    t.clock.advance(60_000);
    await registerFully(t, { ...p, firstName: 'سارا' });
    await t.drain();
    assert.equal((await requestStatus(t, p.nationalCode))?.status, 'activated');
  });

  test('approved but needs a branch visit: SMS says so, login explains', async () => {
    const p = person({
      nationalCode: '3810425974',
      mobile: '09011234567',
      firstName: 'مریم',
      lastName: 'حسینی',
      fatherName: 'رضا',
      shenasnamehNumber: '1190',
      birth: ['1365', '11', '2'],
      gender: 'female',
    });
    await registerFully(t, p);
    await t.drain();
    assert.equal((await requestStatus(t, p.nationalCode))?.status, 'branch_visit');
    assert.match((await lastSms(t, p.mobile)) ?? '', /شعبه/);
    assert.match((await lastSms(t, p.mobile)) ?? '', /سرکار خانم مریم حسینی/);
    const c = new FormClient(t.app);
    await c.get('/login');
    const page = await c.submit({ username: p.nationalCode, password: 'Hoviyat2024!' });
    assert.match(page.html, /به نزدیک‌ترین شعبه مراجعه کنید/);
  });

  test('registry outage: the request waits and retries with backoff, then succeeds', async () => {
    const p = person({
      nationalCode: '9990100276',
      mobile: '09121000002',
      firstName: 'نرگس',
      lastName: 'جعفری',
      fatherName: 'اکبر',
      shenasnamehNumber: '4410',
      birth: ['1366', '10', '10'],
      gender: 'female',
    });
    await registerFully(t, p);
    await t.drain();
    assert.equal((await requestStatus(t, p.nationalCode))?.status, 'pending');
    const job = await t.services.db
      .selectFrom('jobs')
      .selectAll()
      .where('queue', '=', 'registration.verify')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(job.state, 'pending');
    assert.ok(job.run_at > t.clock.now(), 'retry is scheduled in the future');
    assert.match(job.last_error ?? '', /outage/);
    for (let i = 0; i < 5 && (await requestStatus(t, p.nationalCode))?.status === 'pending'; i++) {
      t.clock.advance(60 * 60_000);
      await t.drain();
    }
    assert.equal((await requestStatus(t, p.nationalCode))?.status, 'activated');
  });

  test('no outcome within 48 hours: the request expires, the person is told and may register again', async () => {
    const p = person({
      nationalCode: '9990000158',
      mobile: '09121000001',
      firstName: 'بهرام',
      lastName: 'صادقی',
      fatherName: 'منصور',
      shenasnamehNumber: '631',
      birth: ['1360', '5', '5'],
      gender: 'male',
    });
    await registerFully(t, p);
    // meanwhile a second registration is refused: one is under review
    const c2 = new FormClient(t.app);
    await c2.get('/registration');
    await c2.submit({ personKind: 'iranian' });
    let page = await c2.submit({ nationalCode: p.nationalCode, mobile: p.mobile, captcha: '12345' });
    assert.match(fieldErrorText(page.html, 'nationalCode') ?? '', /در حال بررسی/);
    for (let h = 0; h < 52; h += 4) {
      t.clock.advance(4 * 60 * 60_000);
      await t.drain();
    }
    assert.equal((await requestStatus(t, p.nationalCode))?.status, 'expired');
    assert.match((await lastSms(t, p.mobile)) ?? '', /۴۸ ساعت/);
    page = await c2.get('/registration');
    await c2.submit({ personKind: 'iranian' });
    page = await c2.submit({ nationalCode: p.nationalCode, mobile: p.mobile, captcha: '12345' });
    assert.match(page.url, /verify_mobile/);
  });

  test('a deceased person is refused as a mismatch', async () => {
    const p = person({
      nationalCode: '0458132608',
      mobile: '09121112233',
      firstName: 'غلامرضا',
      lastName: 'احمدی',
      fatherName: 'عباس',
      shenasnamehNumber: '87',
      birth: ['1320', '3', '10'],
      gender: 'male',
    });
    await registerFully(t, p);
    await t.drain();
    const r = await requestStatus(t, p.nationalCode);
    assert.equal(r?.status, 'mismatch');
    // every field typed matches the record: the refusal is for the death alone
    assert.deepEqual(r?.outcome, { fields: ['deceased'] });
    assert.match((await lastSms(t, p.mobile)) ?? '', /هم‌خوانی ندارد/);
  });

  test('Shahkar outage and slowness are told, not crashed on; input is kept', async () => {
    for (const [nationalCode, mobile] of [
      ['0672198347', '09990001234'],
      ['4197853025', '09990011234'],
    ] as const) {
      const c = new FormClient(t.app);
      await c.get('/registration');
      await c.submit({ personKind: 'iranian' });
      const page = await c.submit({ nationalCode, mobile, captcha: '12345' });
      // the fault is the registry's: 503, as the API answers (src/journeys/registration/identity.test.ts)
      assert.equal(page.status, 503);
      assert.match(page.html, /سامانه استعلام در این لحظه پاسخ نمی‌دهد/);
      assert.match(page.html, new RegExp(`value="${mobile}"`));
    }
  });

  test('two registrations for one national code at once end in one account', async () => {
    const p = AMIR;
    // both reach the review page (codes are per flow), then confirm at the same moment
    const a = await fillRegistration(t, p);
    const b = await fillRegistration(t, p, new FormClient(t.app, '203.0.113.99'));
    const [ra, rb] = await Promise.all([a.c.submit({}), b.c.submit({})]);
    const ok = [ra, rb].filter((r) => /\/submitted\?/.test(r.url));
    assert.equal(ok.length, 1, 'exactly one request is accepted');
    const loser = [ra, rb].find((r) => !/\/submitted\?/.test(r.url))!;
    assert.match(loser.html, /در حال بررسی/);
    await t.drain();
    const accounts = await t.services.db
      .selectFrom('accounts')
      .select('id')
      .where('national_code', '=', p.nationalCode)
      .execute();
    assert.equal(accounts.length, 1);
  });
});
