/**
 * Payments as the rest of the system sees them: one attempt (`Payment`), its receipt, what a
 * callback or a start came to (outcomes), and the purposes that ask for payments.
 *
 * The attempt's life (a row in `payments`, moved only by conditional updates):
 *
 *   created → redirected → callback_received → verified → settled
 *   created → failed (the gateway would not start)      redirected → cancelled | failed (callback said so)
 *   created | redirected → expired (reconciled: never paid, or no callback where the gateway needs one)
 *   redirected | callback_received → reversing → reversed | expired   (past the verify window, another
 *     amount, the purpose already paid or refusing it; a closed attempt the gateway says was paid)
 *   waived: a fee of 0, no gateway.
 *
 * `verified`, `settled` and `waived` count; a partial unique index lets one attempt per purpose count.
 */
import type { Selectable } from 'kysely';
import type { Tx } from '../db/database.js';
import type { PaymentState, PaymentsTable } from '../db/schema.js';
import type { ErrorCode } from '../errors/catalogue.js';
import type { BrowserInstruction } from '../registries/payment/port.js';

export type PaymentRow = Selectable<PaymentsTable>;

/** What a payment is for: e.g. `{ purpose: 'sejam', ref: flowId }`. */
export interface PurposeRef {
  purpose: string;
  ref: string;
}

export const COUNTED: readonly PaymentState[] = ['verified', 'settled', 'waived'];
export const OPEN: readonly PaymentState[] = ['created', 'redirected', 'callback_received'];
export const CLOSED_UNPAID: readonly PaymentState[] = ['cancelled', 'failed', 'expired'];

export interface Payment {
  /** Our order id (a UUID, unguessable; in the callback URL). */
  id: string;
  /** Our numeric order id (Mellat's orderId / SaleOrderId). */
  orderNumber: number;
  purpose: string;
  purposeRef: string;
  amountRials: number;
  gateway: PaymentsTable['gateway'];
  state: PaymentState;
  /** verified, settled or waived: this attempt paid for its purpose. */
  counted: boolean;
  /** The gateway's token (Mellat RefId, Zarinpal Authority). */
  authority: string | null;
  /** The gateway's reference for the buyer (Mellat SaleReferenceId, Zarinpal ref_id). */
  referenceId: string | null;
  cardPan: string | null;
  resultCode: string | null;
  /** Why it ended as it did: not_paid, late, duplicate, amount_mismatch, refused, no_callback… */
  reason: string | null;
  waivedBy: string | null;
  createdAt: Date;
  verifyDeadline: Date;
  verifiedAt: Date | null;
  settledAt: Date | null;
  closedAt: Date | null;
}

/** What the person's receipt shows (and keeps showing on their status page). */
export interface Receipt {
  orderNumber: number;
  amountRials: number;
  gateway: PaymentsTable['gateway'];
  referenceId: string | null;
  authority: string | null;
  cardPan: string | null;
  paidAt: Date;
  waived: boolean;
  waivedBy: string | null;
}

/** What a callback came to. */
export type CallbackOutcome =
  | 'paid' // counted now or before
  | 'pending' // received; the gateway is being asked (a job keeps asking)
  | 'cancelled'
  | 'failed'
  | 'expired'
  | 'late' // after the verify window, or for a closed attempt: being reversed
  | 'duplicate' // the purpose was already paid by another attempt: being reversed
  | 'mismatch' // does not belong to this order (another token, order or amount): nothing changed
  | 'unknown'; // no such order

export type StartOutcome =
  | { kind: 'redirect'; payment: Payment; browser: BrowserInstruction }
  | { kind: 'already_paid'; payment: Payment }
  | { kind: 'unavailable'; payment: Payment }
  | { kind: 'refused'; payment: Payment };

export interface PaymentPurpose {
  name: string;
  /**
   * In the transaction that counts a payment. Accept it (and queue the journey's event here, e.g.
   * `enqueueJob(trx, …, { flowId: payment.purposeRef })`), or refuse it (the flow expired, the
   * order cannot be completed): the payment is then reversed, never counted.
   */
  onPaid?: (trx: Tx, payment: Payment) => Promise<'accept' | 'refuse'>;
  /** In the transaction that closes an attempt unpaid (cancelled, failed, expired, reversed). */
  onClosed?: (trx: Tx, payment: Payment) => Promise<void>;
  /** Where the browser goes after the callback; without it a plain result page is shown. */
  returnUrl?: (payment: Payment, outcome: CallbackOutcome) => string;
}

export function toPayment(r: PaymentRow): Payment {
  return {
    id: r.id,
    orderNumber: r.order_number,
    purpose: r.purpose,
    purposeRef: r.purpose_ref,
    amountRials: r.amount_rials,
    gateway: r.gateway,
    state: r.state,
    counted: COUNTED.includes(r.state),
    authority: r.authority,
    referenceId: r.reference_id,
    cardPan: r.card_pan,
    resultCode: r.result_code,
    reason: r.reason,
    waivedBy: r.waived_by,
    createdAt: r.created_at,
    verifyDeadline: r.verify_deadline,
    verifiedAt: r.verified_at,
    settledAt: r.settled_at,
    closedAt: r.closed_at,
  };
}

export function toReceipt(p: Payment): Receipt | null {
  if (!p.counted) return null;
  return {
    orderNumber: p.orderNumber,
    amountRials: p.amountRials,
    gateway: p.gateway,
    referenceId: p.referenceId,
    authority: p.authority,
    cardPan: p.cardPan,
    paidAt: p.verifiedAt ?? p.createdAt,
    waived: p.state === 'waived',
    waivedBy: p.waivedBy,
  };
}

/** What an attempt's state (and why it ended so) says, as a callback outcome. */
export function outcomeOf(r: Pick<PaymentRow, 'state' | 'reason'>): CallbackOutcome {
  if (COUNTED.includes(r.state)) return 'paid';
  if (OPEN.includes(r.state)) return 'pending';
  if (r.state === 'cancelled') return 'cancelled';
  if (r.reason === 'duplicate') return 'duplicate';
  if (r.reason === 'late' || r.reason === 'unverified') return 'late';
  // closed or reversed for another amount, or refused by its purpose: it did not go through
  if (r.state === 'expired' && r.reason !== 'amount_mismatch') return 'expired';
  return 'failed';
}

/** The catalogue code that tells the person an outcome (null: paid, nothing to explain). */
export function outcomeCode(outcome: CallbackOutcome): ErrorCode | null {
  const codes: Record<CallbackOutcome, ErrorCode | null> = {
    paid: null,
    pending: 'payment.pending',
    cancelled: 'payment.cancelled',
    failed: 'payment.failed',
    expired: 'payment.expired',
    late: 'payment.late',
    duplicate: 'payment.duplicate',
    mismatch: 'payment.mismatch',
    unknown: 'payment.not_found',
  };
  return codes[outcome];
}

/** The catalogue code for a start that did not send the browser anywhere. */
export function startCode(s: StartOutcome): ErrorCode | null {
  if (s.kind === 'redirect') return null;
  if (s.kind === 'already_paid') return 'payment.already_paid';
  return s.kind === 'unavailable' ? 'payment.gateway_unavailable' : 'payment.gateway_refused';
}
