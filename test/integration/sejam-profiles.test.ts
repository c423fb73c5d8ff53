import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { ManualClock } from '../../src/clock.js';
import {
  createProfile,
  findProfile,
  issueTrackingCode,
  moveProfile,
  saveSection,
  sectionsOf,
  type NewProfile,
} from '../../src/sejam/profiles.js';
import { parseTrackingCode } from '../../src/sejam/tracking-code.js';
import { freshDatabase } from '../helpers/db.js';

let db: Database;
let kind: 'pglite' | 'postgres';
let cleanup: () => Promise<void>;
const clock = new ManualClock(new Date('2026-11-24T08:00:00Z'));
let seq = 0;
/** A distinct, well-formed natural person each time (the table only checks the shape). */
const person = (over: Partial<NewProfile> = {}): NewProfile => ({
  personType: 'natural',
  identifier: String(1_000_000_000 + ++seq),
  representativeCode: null,
  mobile: '09121234567',
  feeRial: 250_000,
  channel: null,
  ...over,
});

before(async () => {
  ({ db, kind, cleanup } = await freshDatabase());
  await migrateToLatest(db);
});
after(async () => cleanup());

test('one profile per national code: two registrations at once get one profile', async () => {
  const p = person();
  const results = await Promise.all(
    [0, 1, 2, 3].map(() => db.transaction().execute((trx) => createProfile(trx, clock, p))),
  );
  assert.equal(results.filter((r) => r.created).length, 1, `exactly one created (${kind})`);
  assert.equal(new Set(results.map((r) => r.profile.id)).size, 1);
  const rows = await db.selectFrom('sejam_profiles').select('id').where('identifier', '=', p.identifier).execute();
  assert.equal(rows.length, 1);
});

test('the table refuses a malformed identifier or a legal person without its representative', async () => {
  await assert.rejects(createProfile(db, clock, person({ identifier: '12345' })));
  await assert.rejects(createProfile(db, clock, person({ personType: 'legal', identifier: '10100000001' })));
  const legal = await createProfile(
    db,
    clock,
    person({ personType: 'legal', identifier: '10100000001', representativeCode: '0012345679' }),
  );
  assert.equal(legal.created, true);
});

test('an event moves a profile once; a repeated or early event changes nothing', async () => {
  const { profile } = await createProfile(db, clock, person());
  // forms do not open before the fee
  assert.equal(await saveSection(db, clock, profile.id, 'contact', { email: 'a@b.ir' }), undefined);
  assert.equal(await moveProfile(db, clock, profile.id, 'confirmed'), undefined, 'no inquiry before forms');
  const paid = await moveProfile(db, clock, profile.id, 'fee_paid');
  assert.equal(paid?.state, 'paid');
  assert.equal(await moveProfile(db, clock, profile.id, 'fee_paid'), undefined, 'a second payment event is a no-op');
  const saved = await saveSection(db, clock, profile.id, 'contact', { email: 'a@b.ir' });
  assert.equal(saved?.state, 'forms', 'the first saved form moves the profile to forms');
  await saveSection(db, clock, profile.id, 'job', { occupation: 'teacher' });
  const again = await findProfile(db, profile.id);
  assert.deepEqual(sectionsOf(again!), { contact: { email: 'a@b.ir' }, job: { occupation: 'teacher' } });
  assert.equal((await moveProfile(db, clock, profile.id, 'confirmed'))?.state, 'under_inquiry');
  assert.equal(await saveSection(db, clock, profile.id, 'job', {}), undefined, 'forms are closed while checked');
});

test('a tracking code is issued once, well formed, and a clash draws another', async () => {
  const a = await createProfile(db, clock, person());
  const b = await createProfile(db, clock, person());
  for (const id of [a.profile.id, b.profile.id]) {
    await moveProfile(db, clock, id, 'fee_paid');
    await saveSection(db, clock, id, 'contact', {});
    await moveProfile(db, clock, id, 'confirmed');
  }
  const first = await db.transaction().execute((trx) => issueTrackingCode(trx, clock, a.profile.id));
  assert.equal(first?.state, 'tracking_code');
  assert.ok(first?.tracking_code && parseTrackingCode(first.tracking_code), 'a 10-digit code with its check digit');
  const draws = [first.tracking_code, '2000000001'];
  const second = await db
    .transaction()
    .execute((trx) => issueTrackingCode(trx, clock, b.profile.id, () => draws.shift()!));
  assert.equal(second?.tracking_code, '2000000001', 'the clashing draw was rolled back and the next one kept');
  const repeated = await db.transaction().execute((trx) => issueTrackingCode(trx, clock, a.profile.id));
  assert.equal(repeated, undefined, 'issuing again changes nothing');
  assert.equal((await findProfile(db, a.profile.id))?.tracking_code, first.tracking_code);
});
