import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { OtpService } from '../../src/otp/otp-service.js';
import { ManualClock } from '../../src/clock.js';
import { freshDatabase } from '../helpers/db.js';

let db: Database;
let cleanup: () => Promise<void>;
const clock = new ManualClock(new Date('2026-11-24T08:00:00Z'));
const otp = new OtpService(clock, 'otp-test-secret-otp-test-secret-0123456789', 5);

before(async () => {
  ({ db, cleanup } = await freshDatabase());
  await migrateToLatest(db);
});
after(async () => cleanup());

test('codes are stored as HMAC, never in clear', async () => {
  const code = await otp.issue(db, { subject: 'flow-a', purpose: 'p', mobile: '09121234567', ttlMs: 60_000 });
  const rows = await db.selectFrom('otp_codes').selectAll().where('subject', '=', 'flow-a').execute();
  assert.equal(rows.length, 1);
  assert.match(rows[0]!.code_hmac, /^[0-9a-f]{64}$/);
  assert.ok(!JSON.stringify(rows).includes(code));
});

test('the same right code submitted twice at once is accepted once', async () => {
  const code = await otp.issue(db, { subject: 'flow-b', purpose: 'p', mobile: '09121234567', ttlMs: 60_000 });
  const attempt = () => db.transaction().execute((trx) => otp.check(trx, 'flow-b', 'p', code));
  const results = await Promise.all([attempt(), attempt(), attempt()]);
  assert.equal(results.filter((r) => r.ok).length, 1);
});

test('parallel wrong guesses are all counted: the cap holds under a burst', async () => {
  await otp.issue(db, { subject: 'flow-c', purpose: 'p', mobile: '09121234567', ttlMs: 60_000 });
  const guesses = Array.from({ length: 12 }, (_, i) =>
    db.transaction().execute((trx) => otp.check(trx, 'flow-c', 'p', String(100000 + i))),
  );
  await Promise.all(guesses);
  const row = await db
    .selectFrom('otp_codes')
    .select('attempts')
    .where('subject', '=', 'flow-c')
    .executeTakeFirstOrThrow();
  assert.equal(row.attempts, 5, 'attempts stop at the cap, none lost to a race');
});

test('a new code voids the old one and keeps the count of wrong guesses', async () => {
  const first = await otp.issue(db, { subject: 'flow-d', purpose: 'p', mobile: '09121234567', ttlMs: 60_000 });
  await db.transaction().execute((trx) => otp.check(trx, 'flow-d', 'p', first === '000000' ? '111111' : '000000'));
  const second = await otp.issue(db, { subject: 'flow-d', purpose: 'p', mobile: '09121234567', ttlMs: 60_000 });
  if (first !== second) {
    const old = await db.transaction().execute((trx) => otp.check(trx, 'flow-d', 'p', first));
    assert.equal(old.ok, false);
  }
  const cur = await otp.current(db, 'flow-d', 'p');
  assert.ok(cur && cur.attempts >= 1);
  const ok = await db.transaction().execute((trx) => otp.check(trx, 'flow-d', 'p', second));
  assert.equal(ok.ok, true);
});
