/**
 * What a Sejam journey test asserts about the fee: the profile's payment attempts as stored, how
 * many counted (never more than one), the simulated bank's side, and the receipt on a page.
 */
import assert from 'node:assert/strict';
import type { TestApp } from './app.js';
import type { Page } from './browser.js';
import { findProfileByIdentifier } from '../../src/sejam/profiles.js';
import { SEJAM_PAYMENT_PURPOSE } from '../../src/journeys/sejam/data.js';
import { formatRials } from '../../src/domain/money.js';
import { bankState, paymentRows } from './payments.js';

/** The text of a page's main part, tags removed (for matching what the person reads). */
export const textOf = (p: Page) =>
  (/<main[\s\S]*<\/main>/.exec(p.html)?.[0] ?? p.html)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The profile of a national code, its fee's attempts (oldest first) and how they stand. */
export async function feeOf(t: TestApp, nationalCode: string) {
  const profile = await findProfileByIdentifier(t.services.db, nationalCode);
  assert.ok(profile, `no profile for ${nationalCode}`);
  const rows = (await paymentRows(t.services.db, { purpose: SEJAM_PAYMENT_PURPOSE, ref: profile.id })).sort(
    (a, b) => a.created_at.getTime() - b.created_at.getTime(),
  );
  const counted = rows.filter((r) => ['verified', 'settled', 'waived'].includes(r.state));
  const paidEvents = await t.services.db
    .selectFrom('sejam_profile_history')
    .select('id')
    .where('profile_id', '=', profile.id)
    .where('action', '=', 'fee.paid')
    .execute();
  return { profile, rows, counted, paidEvents: paidEvents.length };
}

/** The fee was counted once, by this attempt (the others did not count). */
export async function paidOnceBy(t: TestApp, nationalCode: string, attemptId: string) {
  const fee = await feeOf(t, nationalCode);
  assert.equal(fee.profile.state === 'mobile_verified', false, 'the profile is past the fee');
  assert.deepEqual(
    fee.counted.map((r) => r.id),
    [attemptId],
    'one attempt counted, the one expected',
  );
  assert.equal(fee.paidEvents, 1, "the profile's history records one payment");
  assert.equal(await bankState(t.services.db, fee.counted[0]!.authority), 'settled', 'the gateway settled it');
  return fee.counted[0]!;
}

/** Nothing counted for this profile, which still waits for its fee (no form opens). */
export async function nothingCounted(t: TestApp, nationalCode: string) {
  const fee = await feeOf(t, nationalCode);
  assert.equal(fee.profile.state, 'mobile_verified');
  assert.deepEqual(fee.counted, []);
  assert.equal(fee.paidEvents, 0);
  return fee;
}

/** The page shows the receipt of this (counted) attempt: amount, the gateway's reference, our order number. */
export function assertReceipt(
  page: Page,
  row: { reference_id: string | null; order_number: number; amount_rials: number },
) {
  const text = textOf(page);
  assert.match(text, /رسید پرداخت/);
  assert.ok(row.reference_id, 'the counted attempt holds the gateway reference');
  assert.ok(text.includes(row.reference_id), 'the gateway reference number is on the page');
  assert.ok(text.includes(String(row.order_number)), 'the order number is on the page');
  assert.ok(text.includes(formatRials(row.amount_rials)), 'the amount is on the page');
}
