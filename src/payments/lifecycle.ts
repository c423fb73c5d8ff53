/**
 * An attempt's life after its start (model.ts draws it): verify, count, settle, reverse and close,
 * each a conditional move (store.ts) with the job that follows it queued in the same transaction.
 * Jobs (jobs.ts) and the callback (service.ts) drive it; running a step twice, or on two nodes at
 * once, moves the row once.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Database, Tx } from '../db/database.js';
import type { PaymentState } from '../db/schema.js';
import { isUniqueViolation } from '../db/errors.js';
import { addMs, type Clock } from '../clock.js';
import { enqueueJob, type JobType } from '../jobs/typed.js';
import type { PaymentGateway, PaymentRef, VerifyResult } from '../registries/payment/port.js';
import { OPEN, toPayment } from './model.js';
import type { PaymentPurpose, PaymentRow } from './model.js';
import { countedFor, loadPayment, movePayment, type PaymentChange } from './store.js';
import { paymentReverseJob, paymentSettleJob } from './jobs.js';

export interface PaymentLimits {
  /** Verify within this (from the attempt's start) or the gateway reverses; Mellat's is 20 minutes. */
  paymentVerifyWindowMs: number;
  /** An attempt with no callback is verified (or closed) this long after its start. */
  paymentReconcileAfterMs: number;
  /** The verify job queued with a callback runs this much later, if the inline verify has not finished. */
  paymentVerifyRetryMs: number;
}

export interface PaymentServiceDeps {
  db: Database;
  clock: Clock;
  log: FastifyBaseLogger;
  /** The live gateway: new attempts go to it; callbacks for attempts on it are understood. */
  gateway: PaymentGateway;
  limits: PaymentLimits;
  /** Prefix of the callback URL (PUBLIC_URL); empty for the simulator on the same origin. */
  publicUrl: string;
}

/** What one pass of a job's work came to: done, or try again (with backoff, or at a time). */
export interface Step {
  row: PaymentRow | undefined;
  retry: null | 'backoff' | Date;
  /** Never wait past this (the verify window). */
  until?: Date;
  why?: string;
}

const done = (row: PaymentRow | undefined): Step => ({ row, retry: null });

export class PaymentLifecycle {
  protected readonly purposes = new Map<string, PaymentPurpose>();

  constructor(protected readonly d: PaymentServiceDeps) {}

  get gateway(): PaymentGateway {
    return this.d.gateway;
  }

  /** Declares what a purpose does when its payment counts or closes (code, the same on every node). */
  definePurpose(p: PaymentPurpose): void {
    this.purposes.set(p.name, p);
  }

  purpose(name: string): PaymentPurpose | undefined {
    return this.purposes.get(name);
  }

  /** Verifies an open attempt (after its callback, or reconciling one that never came). */
  async advance(id: string, opts: { reconcile?: boolean } = {}): Promise<Step> {
    const row = await loadPayment(this.d.db, id);
    if (!row || !OPEN.includes(row.state)) return done(row);
    const now = this.d.clock.now();
    if (row.state === 'created') {
      // the start never finished (a node died mid-call): the browser was never sent anywhere
      if (!opts.reconcile) return done(row);
      return done((await this.close(id, ['created'], 'expired', { reason: 'not_started' })) ?? row);
    }
    if (now >= row.verify_deadline) return done(await this.toReversing(id, OPEN, 'unverified', {}));
    const gw = this.gatewayFor(row.gateway);
    if (!gw) return { row, retry: 'backoff', until: row.verify_deadline, why: `needs the ${row.gateway} gateway` };
    const r = await gw.verify(refOf(row));
    if (r.kind === 'verified') return done(await this.count(row, r));
    if (r.kind === 'not_paid' || r.kind === 'amount_mismatch') {
      const state = row.state === 'redirected' ? 'expired' : 'failed';
      const reason = r.kind === 'not_paid' ? 'not_paid' : 'amount_mismatch';
      return done(
        (await this.close(id, ['redirected', 'callback_received'], state, { reason, result_code: r.code })) ?? row,
      );
    }
    // Mellat cannot be asked without the callback's reference: wait for it until the window ends
    if (r.kind === 'needs_callback') return { row, retry: row.verify_deadline, why: 'waits for a callback' };
    if (r.kind === 'refused') this.d.log.warn({ gateway: row.gateway, code: r.code }, 'payment verify refused');
    return { row, retry: 'backoff', until: row.verify_deadline, why: `verify ${r.kind}` };
  }

  /** Asks the gateway to settle a verified payment (it counts already; this is the merchant's deposit). */
  async settle(id: string): Promise<Step> {
    const row = await loadPayment(this.d.db, id);
    const gw = row && this.gatewayFor(row.gateway);
    if (!row || row.state !== 'verified' || !gw) return done(row);
    const r = await gw.settle(refOf(row));
    const now = this.d.clock.now();
    if (r.kind === 'settled')
      return done((await movePayment(this.d.db, id, ['verified'], { state: 'settled', settled_at: now }, now)) ?? row);
    if (r.kind === 'not_verified') {
      this.d.log.error({ payment: row.order_number, code: r.code }, 'verified payment could not be settled');
      return done(row);
    }
    return { row, retry: 'backoff', why: `settle ${r.kind}` };
  }

  /** Reverses an attempt that cannot be completed, so the buyer's money goes back. */
  async reverse(id: string): Promise<Step> {
    const row = await loadPayment(this.d.db, id);
    const gw = row && this.gatewayFor(row.gateway);
    if (!row || row.state !== 'reversing' || !gw) return done(row);
    const r = await gw.reverse(refOf(row));
    if (r.kind === 'reversed') return done((await this.close(id, ['reversing'], 'reversed', {})) ?? row);
    if (r.kind === 'needs_callback')
      return done((await this.close(id, ['reversing'], 'expired', { reason: 'no_callback' })) ?? row);
    if (r.kind === 'not_reversible') {
      if (r.paid)
        this.d.log.error(
          { payment: row.order_number, code: r.code },
          'payment could not be reversed: refund it by hand',
        );
      const state = r.paid || row.verified_at ? 'failed' : 'expired';
      return done((await this.close(id, ['reversing'], state, { result_code: r.code })) ?? row);
    }
    return { row, retry: 'backoff', why: `reverse ${r.kind}` };
  }

  protected gatewayFor(name: PaymentRow['gateway']): PaymentGateway | undefined {
    return name === this.d.gateway.name ? this.d.gateway : undefined;
  }

  protected reload(row: PaymentRow): Promise<PaymentRow> {
    return loadPayment(this.d.db, row.id).then((r) => r ?? row);
  }

  /** Counts a verified payment, unless its amount, its purpose or another paid attempt says no. */
  protected async count(row: PaymentRow, r: VerifyResult & { kind: 'verified' }): Promise<PaymentRow | undefined> {
    const refs: PaymentChange = { reference_id: r.referenceId, ...(r.cardPan ? { card_pan: r.cardPan } : {}) };
    if (r.amountRials !== null && r.amountRials !== row.amount_rials) {
      this.d.log.error({ payment: row.order_number, gateway: row.gateway }, 'gateway verified another amount');
      return this.toReversing(row.id, OPEN, 'amount_mismatch', refs);
    }
    const now = this.d.clock.now();
    let verdict: 'counted' | 'duplicate' | 'refused' | 'moved_on';
    try {
      verdict = await this.d.db.transaction().execute(async (trx) => {
        const other = await countedFor(trx, { purpose: row.purpose, ref: row.purpose_ref });
        if (other) return other.id === row.id ? 'moved_on' : 'duplicate';
        const moved = await movePayment(trx, row.id, OPEN, { ...refs, state: 'verified', verified_at: now }, now);
        if (!moved) return 'moved_on';
        const hook = this.purposes.get(row.purpose)?.onPaid;
        if (hook && (await hook(trx, toPayment(moved))) === 'refuse') {
          await this.reversingIn(trx, row.id, ['verified'], 'refused', {}, now);
          return 'refused';
        }
        await this.schedule(trx, paymentSettleJob, row.id);
        return 'counted';
      });
    } catch (e) {
      // another attempt of the same purpose counted in the same instant
      if (!isUniqueViolation(e)) throw e;
      verdict = 'duplicate';
    }
    if (verdict === 'duplicate') return this.toReversing(row.id, OPEN, 'duplicate', refs);
    if (verdict === 'counted') return (await this.settle(row.id)).row;
    if (verdict === 'refused') return (await this.reverse(row.id)).row;
    return this.reload(row);
  }

  /** Queues a payment's job in the transaction of the move it follows (keyed by the payment unless told). */
  protected async schedule(
    trx: Tx,
    job: JobType<{ paymentId: string }>,
    id: string,
    opts: { afterMs?: number; key?: string } = {},
  ): Promise<void> {
    const runAt = addMs(this.d.clock.now(), opts.afterMs ?? 0);
    await enqueueJob(trx, this.d.clock, job, { paymentId: id }, { key: opts.key ?? id, runAt });
  }

  protected async toReversing(id: string, from: readonly PaymentState[], reason: string, refs: PaymentChange) {
    const now = this.d.clock.now();
    const moved = await this.d.db.transaction().execute((trx) => this.reversingIn(trx, id, from, reason, refs, now));
    return moved ? ((await this.reverse(id)).row ?? moved) : loadPayment(this.d.db, id);
  }

  protected async reversingIn(
    trx: Tx,
    id: string,
    from: readonly PaymentState[],
    reason: string,
    refs: PaymentChange,
    now: Date,
  ) {
    const moved = await movePayment(trx, id, from, { ...refs, state: 'reversing', reason }, now);
    // keyed by the move: an attempt reopened for a late paid callback is reversed again
    if (moved) await this.schedule(trx, paymentReverseJob, id, { key: `${id}@${now.getTime()}` });
    return moved;
  }

  /** Closes an attempt unpaid, telling its purpose in the same transaction. */
  protected async close(id: string, from: readonly PaymentState[], state: PaymentState, change: PaymentChange) {
    const now = this.d.clock.now();
    return this.d.db.transaction().execute(async (trx) => {
      const moved = await movePayment(trx, id, from, { ...change, state, closed_at: now }, now);
      const hook = moved && this.purposes.get(moved.purpose)?.onClosed;
      if (moved && hook) await hook(trx, toPayment(moved));
      return moved;
    });
  }
}

export function refOf(row: PaymentRow): PaymentRef {
  return {
    authority: row.authority ?? '',
    orderNumber: row.order_number,
    amountRials: row.amount_rials,
    referenceId: row.reference_id,
  };
}
