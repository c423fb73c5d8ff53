/**
 * Payments: our record is the truth, the gateway a witness we ask. A callback is only a reason to
 * ask: it must name this order's token (and number and amount where the gateway repeats them),
 * and only verify with our stored amount makes a payment count. Every change is a conditional
 * move (store.ts), and one payment per purpose counts (a partial unique index), so a callback
 * twice, late, for another order, with another amount, or never, and two nodes at once, never
 * count a payment twice nor lose one. See model.ts for the states, lifecycle.ts for the steps.
 */
import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../db/errors.js';
import type { Executor } from '../db/database.js';
import { addMs } from '../clock.js';
import { isUuid } from '../security/captcha-service.js';
import { CLOSED_UNPAID, outcomeOf, toPayment, toReceipt } from './model.js';
import type { CallbackOutcome, Payment, PaymentRow, PurposeRef, Receipt, StartOutcome } from './model.js';
import { attemptsFor, countedFor, insertPayment, loadPayment, movePayment, type PaymentChange } from './store.js';
import { paymentReconcileJob, paymentVerifyJob } from './jobs.js';
import { PaymentLifecycle } from './lifecycle.js';

export type { PaymentLimits, PaymentServiceDeps, Step } from './lifecycle.js';

export const CALLBACK_PATH = '/payments/callback/';

/** What the journeys use: start, the callback, and what was paid. The steps after it are PaymentLifecycle's. */
export class PaymentService extends PaymentLifecycle {
  callbackUrl(orderId: string): string {
    return `${this.d.publicUrl}${CALLBACK_PATH}${orderId}`;
  }

  /** Starts an attempt and asks the gateway for its token; the answer says where the browser goes. */
  async startPayment(p: PurposeRef, amountRials: number, opts: { description?: string } = {}): Promise<StartOutcome> {
    if (!Number.isSafeInteger(amountRials) || amountRials <= 0) {
      throw new Error(`startPayment needs a positive whole amount in rials (a fee of 0 is recordWaived)`);
    }
    const counted = await countedFor(this.d.db, p);
    if (counted) return { kind: 'already_paid', payment: toPayment(counted) };
    const now = this.d.clock.now();
    const row = await this.d.db.transaction().execute(async (trx) => {
      const created = await insertPayment(trx, {
        ...blankRow(p, now, addMs(now, this.d.limits.paymentVerifyWindowMs)),
        id: randomUUID(),
        amount_rials: amountRials,
        gateway: this.d.gateway.name,
        state: 'created',
      });
      // whatever happens next, this attempt is looked at again
      await this.schedule(trx, paymentReconcileJob, created.id, { afterMs: this.d.limits.paymentReconcileAfterMs });
      return created;
    });
    const r = await this.d.gateway.start({
      orderId: row.id,
      orderNumber: row.order_number,
      amountRials,
      callbackUrl: this.callbackUrl(row.id),
      description: opts.description ?? `پرداخت ${row.order_number}`,
    });
    const later = this.d.clock.now();
    if (r.kind === 'started') {
      const moved = await movePayment(
        this.d.db,
        row.id,
        ['created'],
        { state: 'redirected', authority: r.authority, redirected_at: later },
        later,
      );
      if (moved) return { kind: 'redirect', payment: toPayment(moved), browser: r.browser };
    }
    const code = r.kind === 'refused' ? r.code : r.kind === 'unavailable' ? r.reason : 'closed';
    if (r.kind === 'refused')
      this.d.log.warn({ gateway: this.d.gateway.name, code }, 'payment gateway refused a start');
    const failed = await this.close(row.id, ['created'], 'failed', { reason: 'start_failed', result_code: code });
    return { kind: r.kind === 'refused' ? 'refused' : 'unavailable', payment: toPayment(failed ?? row) };
  }

  /** A fee of 0 (waived, e.g. by a broker's channel code): counted at once, no gateway. Idempotent. */
  async recordWaived(p: PurposeRef, waivedBy: string): Promise<Payment> {
    const now = this.d.clock.now();
    try {
      const row = await insertPayment(this.d.db, {
        ...blankRow(p, now, now),
        id: randomUUID(),
        amount_rials: 0,
        gateway: 'none',
        state: 'waived',
        waived_by: waivedBy.slice(0, 100),
        verified_at: now,
      });
      return toPayment(row);
    } catch (e) {
      const counted = isUniqueViolation(e) ? await countedFor(this.d.db, p) : undefined;
      if (!counted) throw e;
      return toPayment(counted);
    }
  }

  /** The gateway's callback for our order `orderId` (fields from its POST body or GET query). */
  async handleCallback(
    orderId: string,
    params: Readonly<Record<string, string>>,
  ): Promise<{ payment: Payment | null; outcome: CallbackOutcome }> {
    const row = isUuid(orderId) ? await loadPayment(this.d.db, orderId) : undefined;
    if (!row) return { payment: null, outcome: 'unknown' };
    const gw = this.gatewayFor(row.gateway);
    const cb = gw ? gw.parseCallback(params) : { kind: 'invalid' as const };
    const answer = (r: PaymentRow, outcome = outcomeOf(r)) => ({ payment: toPayment(r), outcome });
    if (
      cb.kind === 'invalid' ||
      cb.authority !== row.authority ||
      (cb.orderNumber !== null && cb.orderNumber !== row.order_number) ||
      (cb.amountRials !== null && cb.amountRials !== row.amount_rials)
    ) {
      this.d.log.warn({ payment: row.order_number, gateway: row.gateway }, 'payment callback does not match its order');
      return answer(row, 'mismatch');
    }
    const now = this.d.clock.now();
    const refs: PaymentChange = {
      callback_at: now,
      result_code: cb.code.slice(0, 40),
      ...(cb.referenceId ? { reference_id: cb.referenceId } : {}),
      ...(cb.cardPan ? { card_pan: cb.cardPan.slice(0, 40) } : {}),
    };
    if (row.state === 'redirected' && cb.status !== 'paid') {
      const closed = await this.close(row.id, ['redirected'], cb.status, { ...refs, reason: cb.status });
      return answer(closed ?? (await this.reload(row)));
    }
    if (row.state === 'redirected' && now >= row.verify_deadline) {
      return answer((await this.toReversing(row.id, ['redirected'], 'late', refs)) ?? (await this.reload(row)));
    }
    if (row.state === 'redirected') {
      const received = await this.d.db.transaction().execute(async (trx) => {
        const moved = await movePayment(trx, row.id, ['redirected'], { ...refs, state: 'callback_received' }, now);
        if (moved) await this.schedule(trx, paymentVerifyJob, row.id, { afterMs: this.d.limits.paymentVerifyRetryMs });
        return moved;
      });
      if (received) return answer((await this.advance(row.id)).row ?? received);
    }
    if (CLOSED_UNPAID.includes(row.state) && cb.status === 'paid') {
      // the gateway holds money for an attempt we closed: it never counts, so it goes back
      const back = await this.toReversing(row.id, CLOSED_UNPAID, 'late', refs);
      if (back) return answer(back);
    }
    return answer(await this.reload(row));
  }

  /** The payment that counts for a purpose, else its latest attempt (null: none yet). */
  async paymentFor(p: PurposeRef): Promise<Payment | null> {
    const row = (await countedFor(this.d.db, p)) ?? (await attemptsFor(this.d.db, p))[0];
    return row ? toPayment(row) : null;
  }

  async attempts(p: PurposeRef): Promise<Payment[]> {
    return (await attemptsFor(this.d.db, p)).map(toPayment);
  }

  async payment(id: string): Promise<Payment | null> {
    const row = isUuid(id) ? await loadPayment(this.d.db, id) : undefined;
    return row ? toPayment(row) : null;
  }

  /** The receipt of the payment that counts for a purpose (null while none does); `db`: a transaction to read in. */
  async receipt(p: PurposeRef, db: Executor = this.d.db): Promise<Receipt | null> {
    const row = await countedFor(db, p);
    return row ? toReceipt(toPayment(row)) : null;
  }
}

function blankRow(p: PurposeRef, now: Date, deadline: Date) {
  return {
    purpose: p.purpose.slice(0, 60),
    purpose_ref: p.ref.slice(0, 200),
    authority: null,
    reference_id: null,
    card_pan: null,
    result_code: null,
    reason: null,
    waived_by: null,
    created_at: now,
    verify_deadline: deadline,
    redirected_at: null,
    callback_at: null,
    verified_at: null,
    settled_at: null,
    closed_at: null,
  };
}
