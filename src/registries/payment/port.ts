/**
 * Port: an internet payment gateway (a Shaparak IPG). The merchant asks for a token for an amount
 * and a callback URL, sends the buyer's browser to the gateway, reads the callback the browser
 * brings back, then verifies server-side (and, where the gateway wants it, settles) before the
 * payment counts; what cannot be completed is reversed. Every outcome is a value; adapters never
 * throw for what a gateway may answer.
 *
 * The port is stateless: idempotency and "counted once" are ours (src/payments/), never the
 * gateway's — some gateways have answered a second verify with success.
 */

export type GatewayName = 'simulator' | 'mellat' | 'zarinpal';

export interface PaymentOrder {
  /** Our unguessable order id (it is in the callback URL). */
  orderId: string;
  /** Our numeric order id, unique for ever (Mellat's `orderId` must be a number). */
  orderNumber: number;
  /** Rials, a positive integer. */
  amountRials: number;
  /** Absolute URL the gateway sends the browser back to. */
  callbackUrl: string;
  description: string;
}

/** How the browser is sent to the gateway. */
export type BrowserInstruction =
  | { method: 'GET'; url: string }
  /** A form the browser posts (hidden fields), as Mellat wants `RefId` posted to its start page. */
  | { method: 'POST'; url: string; fields: Readonly<Record<string, string>> };

/** The gateway could not be asked: down (outage), too slow (timeout), or an answer we cannot read (error). */
export interface Unavailable {
  kind: 'unavailable';
  reason: 'outage' | 'timeout' | 'error';
}

/** The gateway answered "no" with its own code (credentials, invalid amount, duplicate order…). */
export interface Refused {
  kind: 'refused';
  code: string;
}

export type StartResult = { kind: 'started'; authority: string; browser: BrowserInstruction } | Unavailable | Refused;

/** What the callback told, before anything is verified. */
export type CallbackStatus = 'paid' | 'cancelled' | 'failed';

export type ParsedCallback =
  | {
      kind: 'callback';
      /** The gateway's token for this payment (Mellat RefId, Zarinpal Authority, the simulator's token). */
      authority: string;
      /** Our numeric order id when the gateway repeats it (Mellat SaleOrderId). */
      orderNumber: number | null;
      status: CallbackStatus;
      /** The gateway's own result code, e.g. Mellat ResCode `17`. */
      code: string;
      /** The amount when the gateway repeats it (the simulator does); never trusted, only compared. */
      amountRials: number | null;
      /** Mellat's SaleReferenceId: needed to verify, settle and reverse there. */
      referenceId: string | null;
      /** Masked card number, when given. */
      cardPan: string | null;
    }
  | { kind: 'invalid' };

/** What verify, settle and reverse need: our stored values, never the callback's. */
export interface PaymentRef {
  authority: string;
  orderNumber: number;
  amountRials: number;
  /** From the callback (Mellat); null when no callback came. */
  referenceId: string | null;
}

export type VerifyResult =
  | {
      kind: 'verified';
      /** The gateway says this payment was verified before (Mellat 43, Zarinpal 101). */
      already: boolean;
      /** The reference the buyer sees on the receipt (Mellat SaleReferenceId, Zarinpal ref_id). */
      referenceId: string;
      cardPan: string | null;
      /** The amount the gateway reports, when it reports one: checked against ours. */
      amountRials: number | null;
    }
  /** No payment was made for this token (cancelled, failed, unknown, or reversed since). */
  | { kind: 'not_paid'; code: string }
  /** The gateway holds another amount for this token. */
  | { kind: 'amount_mismatch'; code: string }
  /** The gateway verifies only with the callback's reference, and no callback came (Mellat). */
  | { kind: 'needs_callback' }
  | Unavailable
  | Refused;

export type SettleResult =
  { kind: 'settled'; already: boolean } | { kind: 'not_verified'; code: string } | Unavailable | Refused;

export type ReverseResult =
  | { kind: 'reversed'; already: boolean }
  /** Nothing to reverse (never paid) or no longer reversible (settled); the code says which. */
  | { kind: 'not_reversible'; code: string; paid: boolean }
  | { kind: 'needs_callback' }
  | Unavailable
  | Refused;

export interface PaymentGateway {
  readonly name: GatewayName;
  /**
   * Where browsers are sent (scheme://host[:port]), for the `form-action` of the page that sends
   * them: browsers enforce it on a form's target and on the redirects that follow a submit.
   */
  readonly browserOrigins: readonly string[];
  start(order: PaymentOrder): Promise<StartResult>;
  /** The callback's fields (POST body or GET query, strings only). Pure: no network. */
  parseCallback(params: Readonly<Record<string, string>>): ParsedCallback;
  verify(ref: PaymentRef): Promise<VerifyResult>;
  /** Mellat needs it after verify; gateways that settle on their own answer `settled` at once. */
  settle(ref: PaymentRef): Promise<SettleResult>;
  reverse(ref: PaymentRef): Promise<ReverseResult>;
}

/** `603799******1234`: the first six and last four digits of a card number. */
export function maskPan(digits: string): string {
  return digits.length < 10 ? '*'.repeat(digits.length) : `${digits.slice(0, 6)}******${digits.slice(-4)}`;
}

/** A string of ASCII digits as a safe integer, or null. */
export function parseWhole(s: string | undefined): number | null {
  if (s === undefined || !/^\d{1,16}$/.test(s.trim())) return null;
  const n = Number(s.trim());
  return Number.isSafeInteger(n) ? n : null;
}
