import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { OtpService } from '../../src/otp/otp-service.js';
import { RateLimiter } from '../../src/security/rate-limit.js';
import { ManualClock } from '../../src/clock.js';
import { freshDatabase } from '../helpers/db.js';

let db: Database;
let otp: OtpService;
let cleanup: () => Promise<void>;
const clock = new ManualClock(new Date('2026-11-24T08:00:00Z'));
const secret = 'otp-test-secret-otp-test-secret-0123456789';
const WINDOW = 10 * 60_000;

before(async () => {
  ({ db, cleanup } = await freshDatabase());
  await migrateToLatest(db);
  otp = new OtpService(clock, secret, new RateLimiter(db, clock, secret), { maxAttempts: 5, windowMs: WINDOW });
});
after(async () => cleanup());

const check = (subject: string, code: string) => db.transaction().execute((trx) => otp.check(trx, subject, 'p', code));
const issue = (subject: string, mobile: string) => otp.issue(db, { subject, purpose: 'p', mobile, ttlMs: 60 * 60_000 });
const wrongFor = (code: string, i = 0) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0');

test('codes are stored as HMAC, never in clear', async () => {
  const code = await issue('flow-a', '09121230001');
  const rows = await db.selectFrom('otp_codes').selectAll().where('subject', '=', 'flow-a').execute();
  assert.equal(rows.length, 1);
  assert.match(rows[0]!.code_hmac, /^[0-9a-f]{64}$/);
  assert.ok(!JSON.stringify(rows).includes(code));
});

test('the same right code submitted twice at once is accepted once', async () => {
  const code = await issue('flow-b', '09121230002');
  const results = await Promise.all([check('flow-b', code), check('flow-b', code), check('flow-b', code)]);
  assert.equal(results.filter((r) => r.ok).length, 1);
});

test('parallel wrong guesses are all counted: the cap holds under a burst, then lifts after the window', async () => {
  const code = await issue('flow-c', '09121230003');
  const results = await Promise.all(Array.from({ length: 12 }, (_, i) => check('flow-c', wrongFor(code, i))));
  assert.equal(results.filter((r) => !r.ok && r.reason === 'wrong').length, 4);
  assert.equal(results.filter((r) => !r.ok && r.reason === 'too_many_attempts').length, 8);
  // spent: even the right code is refused now, and says when guessing may start again
  const refused = await check('flow-c', code);
  assert.ok(!refused.ok && refused.reason === 'too_many_attempts');
  assert.equal(refused.retryAt.getTime(), clock.now().getTime() + WINDOW);
  assert.ok(await otp.guessesBlockedUntil(db, 'p', '09121230003'));
  clock.advance(WINDOW + 1000);
  assert.equal(await otp.guessesBlockedUntil(db, 'p', '09121230003'), null);
  const fresh = await issue('flow-c', '09121230003');
  assert.deepEqual(await check('flow-c', fresh), { ok: true });
});

test('a new code voids the old one; the guess budget belongs to the mobile, across codes and flows', async () => {
  const mobile = '09121230004';
  const first = await issue('flow-d', mobile);
  assert.deepEqual(await check('flow-d', wrongFor(first)), { ok: false, reason: 'wrong', remaining: 4 });
  let second = await issue('flow-d', mobile);
  while (second === first) second = await issue('flow-d', mobile);
  assert.equal((await check('flow-d', first)).ok, false, 'the voided code is refused');
  // another flow for the same mobile inherits the two wrong guesses
  const other = await issue('flow-d2', mobile);
  assert.deepEqual(await check('flow-d2', wrongFor(other)), { ok: false, reason: 'wrong', remaining: 2 });
  // another mobile has its own budget
  const elsewhere = await issue('flow-d3', '09121230005');
  assert.deepEqual(await check('flow-d3', wrongFor(elsewhere)), { ok: false, reason: 'wrong', remaining: 4 });
  assert.deepEqual(await check('flow-d', second), { ok: true });
});

test('a right code gives its reserved guess back', async () => {
  const mobile = '09121230006';
  for (let i = 0; i < 3; i++) {
    const code = await issue(`flow-e${i}`, mobile);
    assert.deepEqual(await check(`flow-e${i}`, code), { ok: true });
  }
  const code = await issue('flow-e9', mobile);
  assert.deepEqual(await check('flow-e9', wrongFor(code)), { ok: false, reason: 'wrong', remaining: 4 });
});
