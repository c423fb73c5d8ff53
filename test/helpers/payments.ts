/**
 * Paying in integration tests: start an attempt through the service, let a buyer choose on the
 * app's simulated gateway page (app.inject, no JavaScript), and bring the callback back to the
 * app's callback route — or hold it back, to bring it late, twice, or to another order.
 */
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database.js';
import type { PurposeRef, StartOutcome } from '../../src/payments/model.js';
import type { PaymentService } from '../../src/payments/service.js';
import { injectTransport, visitGateway, type BuyerChoice, type Visit } from './payment-buyer.js';

export const FEE = 1_250_000;

export interface Attempt {
  start: StartOutcome & { kind: 'redirect' };
  visit: Visit;
}

export async function payOnApp(
  app: FastifyInstance,
  payments: PaymentService,
  ref: PurposeRef,
  choice: BuyerChoice = 'pay',
  card?: string,
): Promise<Attempt> {
  const start = await payments.startPayment(ref, FEE, { description: 'هزینه آزمون' });
  assert.equal(start.kind, 'redirect', JSON.stringify(start));
  const visit = await visitGateway(injectTransport(app), (start as Attempt['start']).browser, choice, card);
  return { start: start as Attempt['start'], visit };
}

/** Posts a callback's fields to a callback URL (the attempt's own, or another's) on a node. */
export async function deliver(app: FastifyInstance, url: string, fields: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

/** The attempt's callback fields (it must have come back). */
export function callbackOf(a: Attempt): { url: string; fields: Record<string, string> } {
  assert.ok(a.visit.callback && a.visit.callbackUrl, 'the gateway sent the browser back');
  return { url: a.visit.callbackUrl, fields: a.visit.callback };
}

export async function paymentRows(db: Database, ref: PurposeRef) {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('purpose', '=', ref.purpose)
    .where('purpose_ref', '=', ref.ref)
    .execute();
}

/** How many attempts of a purpose count: never more than one, whatever happened. */
export async function countedCount(db: Database, ref: PurposeRef): Promise<number> {
  return (await paymentRows(db, ref)).filter((r) => ['verified', 'settled', 'waived'].includes(r.state)).length;
}

export async function bankState(db: Database, token: string | null) {
  const row = await db
    .selectFrom('payment_sim_transactions')
    .select('state')
    .where('token', '=', token ?? '')
    .executeTakeFirst();
  return row?.state ?? null;
}
