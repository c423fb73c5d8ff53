/**
 * Zarinpal v4 (REST, JSON), amounts in rials (`currency: "IRR"`):
 *
 *   POST {baseUrl}/pg/v4/payment/request.json {merchant_id, amount, currency, callback_url, description, metadata}
 *        → {"data":{"code":100,"authority":"A000…"},"errors":[]}
 *   the browser goes to {baseUrl}/pg/StartPay/{authority}
 *   callback GET ?Authority=A000…&Status=OK|NOK
 *   POST {baseUrl}/pg/v4/payment/verify.json {merchant_id, amount, authority}
 *        → data.code 100 (paid) or 101 (verified before), with ref_id and card_pan
 *   POST {baseUrl}/pg/v4/payment/reverse.json {merchant_id, authority} → data.code 100
 *
 * Errors come as {"data":[],"errors":{"code":-51,"message":"…"}} whatever the HTTP status; the
 * codes used: -50 another amount, -51 not paid, -54 unknown authority, -61 not reversible (not a
 * successful payment), -63 too late to reverse. Zarinpal settles on its own: `settle` is a no-op.
 */
import { z } from 'zod';
import { joinUrl, post } from '../http.js';
import type { PaymentGateway, ReverseResult, StartResult, Unavailable, VerifyResult } from './port.js';

export interface ZarinpalOptions {
  /** e.g. `https://payment.zarinpal.com` (or `https://sandbox.zarinpal.com`). */
  baseUrl: string;
  merchantId: string;
  timeoutMs?: number;
}

export const zarinpalPaths = {
  request: '/pg/v4/payment/request.json',
  verify: '/pg/v4/payment/verify.json',
  reverse: '/pg/v4/payment/reverse.json',
  startPay: '/pg/StartPay/',
} as const;

const answer = z.object({
  data: z.union([
    z.object({
      code: z.number().int(),
      authority: z.string().optional(),
      ref_id: z.union([z.number(), z.string()]).optional(),
      card_pan: z.string().nullish(),
    }),
    z.array(z.unknown()),
  ]),
  errors: z.union([z.object({ code: z.number().int() }), z.array(z.unknown())]),
});

type Reply = { kind: 'code'; code: number; data: Record<string, unknown> } | Unavailable;

export function createZarinpalGateway(opts: ZarinpalOptions): PaymentGateway {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const startBase = joinUrl(opts.baseUrl, zarinpalPaths.startPay);

  async function call(path: string, body: Record<string, unknown>): Promise<Reply> {
    const out = await post({
      url: joinUrl(opts.baseUrl, path),
      body: { merchant_id: opts.merchantId, ...body },
      timeoutMs,
    });
    if (out.kind === 'timeout') return { kind: 'unavailable', reason: 'timeout' };
    if (out.kind === 'network') return { kind: 'unavailable', reason: 'outage' };
    if (out.kind === 'invalid') return { kind: 'unavailable', reason: 'error' };
    const parsed = answer.safeParse(out.body);
    if (!parsed.success) return { kind: 'unavailable', reason: out.status >= 500 ? 'outage' : 'error' };
    const { data, errors } = parsed.data;
    if (!Array.isArray(data)) return { kind: 'code', code: data.code, data };
    if (!Array.isArray(errors)) return { kind: 'code', code: errors.code, data: {} };
    return { kind: 'unavailable', reason: 'error' };
  }

  return {
    name: 'zarinpal',
    browserOrigins: URL.canParse(startBase) ? [new URL(startBase).origin] : [],

    async start(order): Promise<StartResult> {
      const r = await call(zarinpalPaths.request, {
        amount: order.amountRials,
        currency: 'IRR',
        callback_url: order.callbackUrl,
        description: order.description,
        metadata: { order_id: String(order.orderNumber) },
      });
      if (r.kind !== 'code') return r;
      const authority = typeof r.data.authority === 'string' ? r.data.authority : '';
      if (r.code === 100 && /^[A-Za-z0-9]{10,64}$/.test(authority)) {
        return { kind: 'started', authority, browser: { method: 'GET', url: startBase + authority } };
      }
      return { kind: 'refused', code: String(r.code) };
    },

    parseCallback(p) {
      const authority = p.Authority?.trim() ?? '';
      if (!/^[A-Za-z0-9]{10,64}$/.test(authority) || (p.Status !== 'OK' && p.Status !== 'NOK'))
        return { kind: 'invalid' };
      return {
        kind: 'callback',
        authority,
        orderNumber: null,
        // Zarinpal says NOK for a cancel, a failure and a timeout alike
        status: p.Status === 'OK' ? 'paid' : 'cancelled',
        code: p.Status,
        amountRials: null,
        referenceId: null,
        cardPan: null,
      };
    },

    async verify(ref): Promise<VerifyResult> {
      const r = await call(zarinpalPaths.verify, { amount: ref.amountRials, authority: ref.authority });
      if (r.kind !== 'code') return r;
      if (r.code === 100 || r.code === 101) {
        const refId = r.data.ref_id;
        if (refId === undefined || String(refId) === '') return { kind: 'unavailable', reason: 'error' };
        const pan = r.data.card_pan;
        return {
          kind: 'verified',
          already: r.code === 101,
          referenceId: String(refId),
          cardPan: typeof pan === 'string' && pan ? pan : null,
          amountRials: null,
        };
      }
      if (r.code === -50) return { kind: 'amount_mismatch', code: '-50' };
      if (r.code === -51 || r.code === -54) return { kind: 'not_paid', code: String(r.code) };
      return { kind: 'refused', code: String(r.code) };
    },

    settle: () => Promise.resolve({ kind: 'settled', already: false }),

    async reverse(ref): Promise<ReverseResult> {
      const r = await call(zarinpalPaths.reverse, { authority: ref.authority });
      if (r.kind !== 'code') return r;
      if (r.code === 100) return { kind: 'reversed', already: false };
      if (r.code === -61 || r.code === -54) return { kind: 'not_reversible', code: String(r.code), paid: false };
      if (r.code === -63) return { kind: 'not_reversible', code: '-63', paid: true };
      return { kind: 'refused', code: String(r.code) };
    },
  };
}
