/**
 * The simulator gateway: the port over the simulated bank, with its page served by the app at
 * `/dev/gateway/pay` (only where simulators are allowed). Like Mellat, the browser posts the token
 * to the page and the page posts the callback back:
 *
 *   callback POST {callbackUrl}: Token, OrderId, Amount, Status (OK | NOK),
 *                  Code (paid | cancelled | timeout | insufficient_funds), ReferenceId, CardPan
 */
import { withTimeout } from '../timeout.js';
import type { PaymentGateway, PaymentRef, ReverseResult, SettleResult, StartResult, VerifyResult } from './port.js';
import { parseWhole } from './port.js';
import type { SimTransaction, SimulatedBank } from './sim-bank.js';
import type { GatewayPageDeps } from './sim-page.js';

export const SIMULATOR_MERCHANT = 'hoviyat-simulator';
export const SIMULATOR_PAGE_PATH = '/dev/gateway/pay';

export interface SimulatorGatewayOptions {
  /** Prefix of the page's URL (PUBLIC_URL); empty: same origin, a relative URL. */
  baseUrl?: string;
  /** Starts slower than this become `unavailable/timeout`. */
  timeoutMs?: number;
}

/** What the page posts back to the merchant. */
export function simulatorCallbackFields(tx: SimTransaction): Record<string, string> {
  const paid = tx.state === 'paid' || tx.state === 'verified' || tx.state === 'settled';
  return {
    Token: tx.token,
    OrderId: String(tx.order_number),
    Amount: String(tx.amount_rials),
    Status: paid ? 'OK' : 'NOK',
    Code: tx.result_code ?? '',
    ReferenceId: paid ? (tx.reference_id ?? '') : '',
    CardPan: tx.card_pan ?? '',
  };
}

export function simulatorPageDeps(
  bank: SimulatedBank,
  opts: { baseUrl?: string; stylesheet?: string },
): GatewayPageDeps {
  return {
    bank,
    facade: 'simulator',
    title: 'درگاه پرداخت شبیه‌سازی‌شده',
    formAction: `${opts.baseUrl ?? ''}${SIMULATOR_PAGE_PATH}`,
    hidden: (tx) => ({ token: tx.token }),
    callbackFor: (tx) => ({ method: 'POST', url: tx.callback_url, fields: simulatorCallbackFields(tx) }),
    ...(opts.stylesheet ? { stylesheet: opts.stylesheet } : {}),
  };
}

const unavailable = { kind: 'unavailable', reason: 'outage' } as const;

export function createSimulatorGateway(bank: SimulatedBank, opts: SimulatorGatewayOptions = {}): PaymentGateway {
  const base = (opts.baseUrl ?? '').replace(/\/+$/, '');
  const merchant = SIMULATOR_MERCHANT;
  const at = (ref: PaymentRef) => ({ token: ref.authority });

  const start = async (order: Parameters<PaymentGateway['start']>[0]): Promise<StartResult> => {
    const r = await bank.open('simulator', merchant, order);
    if (r.kind === 'outage') return unavailable;
    if (r.kind === 'duplicate') return { kind: 'refused', code: 'duplicate_order' };
    return {
      kind: 'started',
      authority: r.token,
      browser: { method: 'POST', url: `${base}${SIMULATOR_PAGE_PATH}`, fields: { token: r.token } },
    };
  };

  return {
    name: 'simulator',
    browserOrigins: base ? [new URL(base).origin] : [],
    start: (order) =>
      opts.timeoutMs === undefined
        ? start(order)
        : withTimeout<StartResult>(start(order), opts.timeoutMs, () => ({ kind: 'unavailable', reason: 'timeout' })),

    parseCallback(p) {
      const authority = p.Token?.trim() ?? '';
      if (!/^[0-9a-f]{24}$/.test(authority) || (p.Status !== 'OK' && p.Status !== 'NOK')) return { kind: 'invalid' };
      const code = p.Code ?? '';
      const status = p.Status === 'OK' ? 'paid' : code === 'cancelled' || code === 'timeout' ? 'cancelled' : 'failed';
      return {
        kind: 'callback',
        authority,
        orderNumber: parseWhole(p.OrderId),
        status,
        code,
        amountRials: parseWhole(p.Amount),
        referenceId: p.ReferenceId || null,
        cardPan: p.CardPan || null,
      };
    },

    async verify(ref): Promise<VerifyResult> {
      const r = await bank.verify('simulator', merchant, at(ref), ref.amountRials);
      if (r.kind === 'outage') return unavailable;
      if (r.kind === 'not_paid') return { kind: 'not_paid', code: r.state };
      if (r.kind === 'amount_mismatch') return { kind: 'amount_mismatch', code: 'amount_mismatch' };
      return {
        kind: 'verified',
        already: r.already,
        referenceId: r.tx.reference_id ?? '',
        cardPan: r.tx.card_pan,
        amountRials: r.tx.amount_rials,
      };
    },

    async settle(ref): Promise<SettleResult> {
      const r = await bank.settle('simulator', merchant, at(ref));
      if (r.kind === 'outage') return unavailable;
      if (r.kind === 'not_verified') return { kind: 'not_verified', code: r.state };
      return r;
    },

    async reverse(ref): Promise<ReverseResult> {
      const r = await bank.reverse('simulator', merchant, at(ref));
      if (r.kind === 'outage') return unavailable;
      if (r.kind === 'not_reversible') return { kind: 'not_reversible', code: r.state, paid: r.paid };
      return r;
    },
  };
}
