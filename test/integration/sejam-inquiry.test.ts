import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createProfile, findProfile, moveProfile, saveSection, type Profile } from '../../src/sejam/profiles.js';
import { inquiriesOf, startInquiry } from '../../src/sejam/inquiry.js';
import type { Section } from '../../src/sejam/sections.js';
import { parseTrackingCode } from '../../src/sejam/tracking-code.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => t.close());

// علی رضایی of the shipped simulated population (sim/people.json)
const ali: Section<'identity'> = {
  firstName: 'علی',
  lastName: 'رضایی',
  fatherName: 'حسین',
  birthDate: '1991-04-04',
  birthPlace: 'تهران',
  shenasnamehNumber: '1523',
  shenasnamehSerial: '',
  gender: 'male',
  fromRegistry: false,
};

async function confirmedProfile(identity: Section<'identity'>): Promise<Profile> {
  const s = t.services;
  const { profile } = await createProfile(s.db, s.clock, {
    personType: 'natural',
    identifier: '0084575948',
    representativeCode: null,
    mobile: '09121234567',
    feeRial: 0,
    channel: null,
  });
  await moveProfile(s.db, s.clock, profile.id, 'fee_paid');
  await saveSection(s.db, s.clock, profile.id, 'identity', identity);
  // his account and address in the simulated bank and post (sim/people.json)
  await saveSection(s.db, s.clock, profile.id, 'contact', {
    province: 'tehran',
    city: 'tehran',
    address: 'خیابان ستارخان، کوچه بهار، پلاک 12',
    postalCode: '1463743331',
    landline: '02166001234',
    email: null,
  });
  await saveSection(s.db, s.clock, profile.id, 'bank', {
    accounts: [
      {
        sheba: 'IR380170000000103456789001',
        bankCode: '017',
        branch: 'مرکزی',
        accountType: 'current',
        isDefault: true,
      },
    ],
  });
  return (await moveProfile(s.db, s.clock, profile.id, 'confirmed'))!;
}

const smsTo = async (mobile: string) =>
  (await t.services.db.selectFrom('dev_sms_inbox').select('body').where('to_mobile', '=', mobile).execute()).map(
    (r) => r.body,
  );

test('a failed check is shown by part; correcting it reruns only that check, then the tracking code is issued and sent', async () => {
  const s = t.services;
  const profile = await confirmedProfile({ ...ali, fatherName: 'محمد' });
  const first = await s.db.transaction().execute((trx) => startInquiry(s, trx, profile));
  assert.deepEqual(first.sort(), ['bank', 'identity', 'mobile', 'postal']);
  await t.drain();
  let rows = await inquiriesOf(s.db, profile.id);
  assert.equal(rows.find((r) => r.check_name === 'identity')?.status, 'failed');
  for (const passed of ['mobile', 'bank', 'postal']) {
    assert.equal(rows.find((r) => r.check_name === passed)?.status, 'passed', passed);
  }
  const postal = rows.find((r) => r.check_name === 'postal')?.detail as { address?: string };
  assert.match(postal.address ?? '', /ستارخان/, "the post's address is kept for the person to confirm");
  assert.equal((await findProfile(s.db, profile.id))?.state, 'inquiry_failed');
  assert.ok(
    (await smsTo('09121234567')).some((x) => x.includes('ناموفق')),
    'the person is told by SMS',
  );

  // the person corrects the identity form and confirms again
  await moveProfile(s.db, s.clock, profile.id, 'correction_started');
  await saveSection(s.db, s.clock, profile.id, 'identity', ali);
  const again = (await moveProfile(s.db, s.clock, profile.id, 'confirmed'))!;
  const second = await s.db.transaction().execute((trx) => startInquiry(s, trx, again));
  assert.deepEqual(second, ['identity'], 'the passed checks are not asked again');
  await t.drain();
  rows = await inquiriesOf(s.db, profile.id);
  assert.ok(rows.every((r) => r.status === 'passed'));
  const done = await findProfile(s.db, profile.id);
  assert.equal(done?.state, 'tracking_code');
  assert.ok(done?.tracking_code && parseTrackingCode(done.tracking_code));
  assert.ok(
    (await smsTo('09121234567')).some((x) => x.includes(done.tracking_code!)),
    'the code went by SMS',
  );
  // a job run again (kill -9 after the work, before the job was marked done) changes nothing
  const replay = await s.db.transaction().execute((trx) => startInquiry(s, trx, done));
  assert.deepEqual(replay, [], 'nothing to check for a profile whose checks all passed with these inputs');
  await t.drain();
  assert.equal((await findProfile(s.db, profile.id))?.tracking_code, done.tracking_code);
});
