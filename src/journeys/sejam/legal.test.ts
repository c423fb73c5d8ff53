import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { lastSms } from '../../../test/helpers/browser.js';
import { ALI_FORMS } from '../../../test/helpers/sejam.js';
import { pathOf, sejamWalk } from '../../../test/helpers/sejam-walk.js';
import { findProfileByIdentifier } from '../../sejam/profiles.js';
import { inquiriesOf } from '../../sejam/inquiry.js';

/**
 * A legal person registered through the pages by its representative (sim/companies.json):
 * شرکت داده‌پردازان آریا, national ID 10320894878, by its CEO علی رضایی (0084575948, 09121234567);
 * and somebody who is not its representative, refused by the companies registry.
 */
describe('Sejam registration of a legal person', () => {
  let t: TestApp;
  const { toPerson, atGateway, step } = sejamWalk(() => t, '198.51.101');
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  const ARIA = '10320894878';
  const company = {
    name: 'شرکت داده‌پردازان آریا',
    registration_number: '281934',
    registration_date_y: '1385',
    registration_date_m: '4',
    registration_date_d: '12',
    registration_place: 'تهران',
    company_type: 'private_joint_stock',
  };
  const contact = {
    city: 'tehran',
    address: 'خیابان ولیعصر، کوچه توانیر، پلاک ۱۱۰، ساختمان آریا، طبقه ۴',
    postal_code: '1517673111',
    landline: '02188001234',
  };
  const bank = { sheba_1: 'IR790120000000001010203040', branch_1: 'ونک', account_type_1: 'current' };

  /** Mobile, code, «حقوقی» with the representative's code and the company's ID, the fee: the company form. */
  async function toCompanyForm(mobile: string, representative: string) {
    const { c } = await toPerson(mobile);
    await step(c, { person_type: 'legal', national_code: representative, national_id: ARIA }, 'fee');
    const page = await atGateway(c, await c.submit({}));
    assert.equal(pathOf(page), '/sejam/company', 'paid: the first form of a legal person opens');
    return c;
  }

  test('the CEO registers the company: company, representatives, contact, bank, financial, review, the tracking code', async () => {
    const c = await toCompanyForm('09121234567', '0084575948');
    await step(c, company, 'representatives');
    await step(
      c,
      {
        national_code_1: '0084575948',
        first_name_1: 'علی',
        last_name_1: 'رضایی',
        position_1: 'ceo',
        signing_1: 'on',
        national_code_2: '0027613496',
        first_name_2: 'سید محمد',
        last_name_2: 'میرزایی',
        position_2: 'chairman',
        signing_2: 'on',
      },
      'contact',
    );
    await step(c, contact, 'bank');
    await step(c, bank, 'financial');
    let page = await step(c, ALI_FORMS.financial, 'review');
    assert.match(page.html, new RegExp(ARIA), 'the review shows the national ID');
    assert.match(page.html, /داده‌پردازان آریا/);
    assert.match(page.html, /IR79 0120/, "and the company's Sheba");
    page = await step(c, { confirm: 'on' }, 'checking');
    await t.drain();
    page = await c.get(page.url);
    assert.equal(pathOf(page), '/sejam/registered', page.html.slice(0, 2000));

    const profile = await findProfileByIdentifier(t.services.db, ARIA);
    assert.equal(profile?.person_type, 'legal');
    assert.equal(profile.representative_code, '0084575948');
    assert.equal(profile.state, 'tracking_code');
    assert.match(page.html, new RegExp(profile.tracking_code!));
    const checks = (await inquiriesOf(t.services.db, profile.id)).map((r) => [r.check_name, r.status]).sort();
    assert.deepEqual(checks, [
      ['bank', 'passed'],
      ['company', 'passed'],
      ['mobile', 'passed'],
      ['postal', 'passed'],
    ]);
    assert.match((await lastSms(t, '09121234567')) ?? '', new RegExp(profile.tracking_code!));
  });

  test('somebody who is not a representative of the company fails the companies-registry check', async () => {
    // سارا نوری (sim/people.json) names herself CEO of شرکت بازرگانی پارس‌نیک, whose registry lists others
    const PARSNIK = '10100302746';
    const { c } = await toPerson('09359871234');
    await step(c, { person_type: 'legal', national_code: '4483057162', national_id: PARSNIK }, 'fee');
    assert.equal(pathOf(await atGateway(c, await c.submit({}))), '/sejam/company');
    await step(
      c,
      {
        name: 'شرکت بازرگانی پارس‌نیک',
        registration_number: '45871',
        registration_date_y: '1392',
        registration_date_m: '11',
        registration_date_d: '5',
        registration_place: 'اصفهان',
        company_type: 'limited_liability',
      },
      'representatives',
    );
    await step(
      c,
      { national_code_1: '4483057162', first_name_1: 'سارا', last_name_1: 'نوری', position_1: 'ceo', signing_1: 'on' },
      'contact',
    );
    await step(
      c,
      {
        city: 'isfahan',
        address: 'خیابان هزارجریب، کوچه نسترن، پلاک ۵۲',
        postal_code: '8163873141',
        landline: '03132001234',
      },
      'bank',
    );
    await step(
      c,
      { sheba_1: 'IR810560000800010112233401', branch_1: 'هزارجریب', account_type_1: 'current' },
      'financial',
    );
    await step(c, ALI_FORMS.financial, 'review');
    const sent = await step(c, { confirm: 'on' }, 'checking');
    await t.drain();
    const failed = await c.get(sent.url);
    assert.equal(pathOf(failed), '/sejam/failed');
    assert.match(failed.html, /ثبت شرکت‌ها/, 'the page names the companies registry');

    const profile = await findProfileByIdentifier(t.services.db, PARSNIK);
    assert.equal(profile?.state, 'inquiry_failed');
    const checks = Object.fromEntries((await inquiriesOf(t.services.db, profile.id)).map((r) => [r.check_name, r]));
    assert.equal(checks.company?.status, 'failed');
    assert.equal(checks.company?.reason, 'not_representative');
    for (const other of ['bank', 'mobile', 'postal']) assert.equal(checks[other]?.status, 'passed', other);

    // no form can change this answer: the page sends her to none, and a new confirmation only asks the registry again
    assert.doesNotMatch(
      failed.html,
      /href="\/sejam\/company\?/,
      'no «اصلاح این بخش» link to a form that cannot fix it',
    );
    assert.match(failed.html, /با اصلاح فرم‌ها نمی‌توان درست کرد/);
    await step(c, {}, 'review');
    await step(c, { confirm: 'on' }, 'checking');
    const pending = (await inquiriesOf(t.services.db, profile.id)).filter((r) => r.status === 'pending');
    assert.deepEqual(
      pending.map((r) => r.check_name),
      ['company'],
    );
    await t.drain();
    assert.equal(pathOf(await c.get(sent.url)), '/sejam/failed', 'still not a representative');
  });
});
