import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { fieldErrorText, lastSms } from '../../../test/helpers/browser.js';
import { flowIdOf, pathOf, sejamWalk } from '../../../test/helpers/sejam-walk.js';
import { findProfileByIdentifier } from '../../sejam/profiles.js';
import { inquiriesOf } from '../../sejam/inquiry.js';
import { parseTrackingCode } from '../../sejam/tracking-code.js';
import { ALI_FORMS } from '../../../test/helpers/sejam.js';

/**
 * A whole Sejam registration through the pages, as a person without JavaScript walks it: the
 * code read from the dev SMS inbox, the fee paid on the simulated gateway, the forms, the review,
 * the inquiry jobs, the tracking code by SMS.
 */
describe('Sejam registration', () => {
  let t: TestApp;
  const { toPerson, atGateway, step } = sejamWalk(() => t);
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  const flowId = flowIdOf;
  const path = pathOf;

  const ali = ALI_FORMS;

  test('a natural person: mobile, code, national code, fee on the gateway, five forms, review, inquiry, tracking code by SMS', async () => {
    const { c } = await toPerson('09121234567');
    let page = await c.submit({ person_type: 'natural', national_code: '0084575948' });
    assert.equal(path(page), '/sejam/fee');
    // no form opens before the fee
    const early = await c.get(`/sejam/identity?flow=${flowId(page)}`);
    assert.equal(path(early), '/sejam/fee');
    page = await c.submit({});
    page = await atGateway(c, page);
    assert.equal(path(page), '/sejam/identity', 'paid: the first form opens');
    page = await c.submit({ ...ali.identity, gender: 'male' });
    assert.equal(path(page), '/sejam/contact');
    page = await c.submit(ali.contact);
    assert.equal(path(page), '/sejam/bank');
    page = await c.submit(ali.bank);
    assert.equal(path(page), '/sejam/job');
    page = await c.submit(ali.job);
    assert.equal(path(page), '/sejam/financial');
    page = await c.submit(ali.financial);
    assert.equal(path(page), '/sejam/review');
    assert.match(page.html, /0084575948/, 'the review shows the person their own national code');
    assert.match(page.html, /IR38 0170/, 'and their Sheba');
    const unconfirmed = await c.submit({});
    assert.ok(fieldErrorText(unconfirmed.html, 'confirm'), 'the confirmation box must be ticked');
    page = await c.submit({ confirm: 'on' });
    assert.equal(path(page), '/sejam/checking');
    await t.drain();
    page = await c.get(page.url);
    assert.equal(path(page), '/sejam/registered');
    const profile = await findProfileByIdentifier(t.services.db, '0084575948');
    assert.equal(profile?.state, 'tracking_code');
    assert.ok(profile?.tracking_code && parseTrackingCode(profile.tracking_code));
    assert.match(page.html, new RegExp(profile.tracking_code));
    assert.match(page.html, /رسید پرداخت/, 'the receipt stays on the page');
    assert.match((await lastSms(t, '09121234567')) ?? '', new RegExp(profile.tracking_code), 'the code went by SMS');
  });

  test('one profile per national code: a second registration is sent to the existing profile, never a duplicate', async () => {
    // علی's profile exists from the test above; he comes back with the same mobile: his status
    const { c } = await toPerson('09121234567');
    const page = await c.submit({ person_type: 'natural', national_code: '0084575948' });
    assert.equal(path(page), '/sejam/registered');
    const rows = await t.services.db
      .selectFrom('sejam_profiles')
      .select('id')
      .where('identifier', '=', '0084575948')
      .execute();
    assert.equal(rows.length, 1);
  });

  test("a foreign national is told Sejam is not open to them; a mobile not the person's own is refused", async () => {
    const { c } = await toPerson('09351234567');
    let page = await c.submit({ person_type: 'foreign', national_code: '0084575948' });
    assert.match(fieldErrorText(page.html, 'person_type') ?? '', /اتباع خارجی/);
    page = await c.submit({ person_type: 'natural', national_code: '0084575948' });
    assert.match(fieldErrorText(page.html, 'national_code') ?? '', /به نام این کد ملی ثبت نشده/);
  });

  test('a failed inquiry names the failed part; only that part is corrected and checked again', async () => {
    // فاطمه‌زهرا (sim/people.json), whose father's name is typed wrong
    const fatemeh = {
      first_name: 'فاطمه‌زهرا',
      last_name: 'محمدی‌نژاد',
      father_name: 'محمد',
      birth_date_y: '1375',
      birth_date_m: '6',
      birth_date_d: '20',
      birth_place: 'اصفهان',
      shenasnameh_number: '348',
      gender: 'female',
    };
    const { c } = await toPerson('09351234567');
    await step(c, { person_type: 'natural', national_code: '1279834064' }, 'fee');
    assert.equal(path(await atGateway(c, await c.submit({}))), '/sejam/identity');
    await step(c, fatemeh, 'contact');
    await step(
      c,
      { city: 'isfahan', address: 'خیابان چهارباغ عباسی', postal_code: '8174673111', landline: '03132001234' },
      'bank',
    );
    await step(c, { sheba_1: 'IR820540102680020817909002', branch_1: 'چهارباغ', account_type_1: 'current' }, 'job');
    await step(c, { occupation: 'student' }, 'financial');
    await step(c, ali.financial, 'review');
    const sent = await step(c, { confirm: 'on' }, 'checking');
    await t.drain();
    const failed = await c.get(sent.url);
    assert.equal(path(failed), '/sejam/failed');
    assert.match(failed.html, /ثبت احوال/);
    await step(c, {}, 'identity', 'sent to the part that failed');
    await step(c, { ...fatemeh, father_name: 'محمدعلی' }, 'review', 'an edit returns to the review');
    const again = await step(c, { confirm: 'on' }, 'checking');
    const profile = await findProfileByIdentifier(t.services.db, '1279834064');
    const pending = (await inquiriesOf(t.services.db, profile!.id))
      .filter((r) => r.status === 'pending')
      .map((r) => r.check_name);
    assert.deepEqual(pending, ['identity'], 'only the failed check runs again');
    await t.drain();
    assert.equal(path(await c.get(again.url)), '/sejam/registered');
  });

  test('a cancelled payment brings the person back to the fee page, told what happened', async () => {
    const { c } = await toPerson('09011230000');
    await step(c, { person_type: 'natural', national_code: '0027613496' }, 'fee');
    const page = await atGateway(c, await c.submit({}), 'cancel');
    assert.equal(path(page), '/sejam/fee');
    assert.match(page.html, /لغو|انصراف/);
  });
});
