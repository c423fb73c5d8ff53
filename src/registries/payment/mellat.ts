/**
 * Behpardakht Mellat (به‌پرداخت ملت), SOAP over HTTP (envelopes in mellat-soap.ts):
 *
 *   POST {baseUrl}/pgwchannel/services/pgw   bpPayRequest → "ResCode,RefId" ("0,AF82…" is success)
 *   the browser POSTs RefId to {baseUrl}/pgwchannel/startpay.mellat
 *   callback POST: RefId, ResCode, SaleOrderId, SaleReferenceId, CardHolderPan
 *   bpVerifyRequest / bpSettleRequest / bpReversalRequest (orderId, saleOrderId, saleReferenceId)
 *
 * ResCode 0 is success; on verify 43 means "verified before" (treated as verified), on settle 45
 * "settled before", on reversal 48 "reversed before". Verify, settle and reverse need the
 * callback's SaleReferenceId: without a callback there is nothing to ask (`needs_callback`), and
 * Mellat reverses an unverified payment itself after its window.
 */
import type { Clock } from '../../clock.js';
import { joinUrl, post, TextBody } from '../http.js';
import { isSoapFault, readSoapReturn, soapRequest, tehranLocal, type MellatOperation } from './mellat-soap.js';
import { parseWhole } from './port.js';
import type {
  CallbackStatus,
  PaymentGateway,
  PaymentRef,
  ReverseResult,
  SettleResult,
  StartResult,
  Unavailable,
  VerifyResult,
} from './port.js';

export interface MellatOptions {
  /** e.g. `https://bpm.shaparak.ir` */
  baseUrl: string;
  terminalId: string;
  userName: string;
  password: string;
  timeoutMs?: number;
  clock: Clock;
}

/**
 * The sale is no payment: the buyer's card or choice failed it (11–19, 111–114), or Mellat has no
 * such sale, no verify for it, or reversed it. Any other code is `refused` (credentials, IP,
 * request format…), retried until the window ends, never taken for "not paid".
 */
const NOT_PAID_CODES = new Set(
  ['11', '12', '13', '14', '15', '16', '17', '18', '19', '111', '112', '113', '114'].concat([
    '42',
    '44',
    '47',
    '48',
    '49',
    '54',
    '55',
    '415',
  ]),
);
/** "System error": Mellat in trouble, as good as down. */
const SYSTEM_ERROR = '34';

export const mellatPaths = { service: '/pgwchannel/services/pgw', start: '/pgwchannel/startpay.mellat' } as const;

type Call = { kind: 'return'; value: string } | Unavailable;

export function createMellatGateway(opts: MellatOptions): PaymentGateway {
  const serviceUrl = joinUrl(opts.baseUrl, mellatPaths.service);
  const startUrl = joinUrl(opts.baseUrl, mellatPaths.start);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const credentials = [
    ['terminalId', opts.terminalId],
    ['userName', opts.userName],
    ['userPassword', opts.password],
  ] as const;

  async function call(op: MellatOperation, params: [string, string | number][]): Promise<Call> {
    const out = await post({
      url: serviceUrl,
      headers: { accept: 'text/xml', soapaction: '""' },
      body: new TextBody(soapRequest(op, [...credentials, ...params]), 'text/xml; charset=utf-8'),
      timeoutMs,
    });
    if (out.kind === 'timeout') return { kind: 'unavailable', reason: 'timeout' };
    if (out.kind === 'network') return { kind: 'unavailable', reason: 'outage' };
    if (out.kind === 'invalid') return { kind: 'unavailable', reason: 'error' };
    const value = out.status === 200 ? readSoapReturn(out.text, op) : null;
    if (value === SYSTEM_ERROR) return { kind: 'unavailable', reason: 'outage' };
    if (value !== null && value !== '') return { kind: 'return', value };
    // a 5xx page or fault is the gateway in trouble; a 200 we cannot read is ours to look into
    if (out.status >= 500 || isSoapFault(out.text)) return { kind: 'unavailable', reason: 'outage' };
    return { kind: 'unavailable', reason: 'error' };
  }

  const saleParams = (ref: PaymentRef, referenceId: string): [string, string | number][] => [
    ['orderId', ref.orderNumber],
    ['saleOrderId', ref.orderNumber],
    ['saleReferenceId', referenceId],
  ];

  return {
    name: 'mellat',
    browserOrigins: URL.canParse(startUrl) ? [new URL(startUrl).origin] : [],

    async start(order): Promise<StartResult> {
      const { localDate, localTime } = tehranLocal(opts.clock.now());
      const r = await call('bpPayRequest', [
        ['orderId', order.orderNumber],
        ['amount', order.amountRials],
        ['localDate', localDate],
        ['localTime', localTime],
        ['additionalData', order.description],
        ['callBackUrl', order.callbackUrl],
        ['payerId', 0],
      ]);
      if (r.kind !== 'return') return r;
      const [code, refId] = r.value.split(',').map((x) => x.trim());
      if (code === '0' && refId)
        return {
          kind: 'started',
          authority: refId,
          browser: { method: 'POST', url: startUrl, fields: { RefId: refId } },
        };
      return { kind: 'refused', code: code || 'unknown' };
    },

    parseCallback(p) {
      const authority = p.RefId?.trim() ?? '';
      const code = p.ResCode?.trim() ?? '';
      if (!authority || !/^\d{1,4}$/.test(code)) return { kind: 'invalid' };
      const referenceId = /^\d{1,20}$/.test(p.SaleReferenceId?.trim() ?? '') ? p.SaleReferenceId!.trim() : null;
      if (code === '0' && !referenceId) return { kind: 'invalid' };
      const status: CallbackStatus = code === '0' ? 'paid' : code === '17' || code === '415' ? 'cancelled' : 'failed';
      return {
        kind: 'callback',
        authority,
        orderNumber: parseWhole(p.SaleOrderId),
        status,
        code,
        amountRials: null,
        referenceId,
        cardPan: p.CardHolderPan?.trim() || null,
      };
    },

    async verify(ref): Promise<VerifyResult> {
      if (!ref.referenceId) return { kind: 'needs_callback' };
      const r = await call('bpVerifyRequest', saleParams(ref, ref.referenceId));
      if (r.kind !== 'return') return r;
      if (r.value === '0' || r.value === '43') {
        return {
          kind: 'verified',
          already: r.value === '43',
          referenceId: ref.referenceId,
          cardPan: null,
          amountRials: null,
        };
      }
      if (NOT_PAID_CODES.has(r.value)) return { kind: 'not_paid', code: r.value };
      return { kind: 'refused', code: r.value };
    },

    async settle(ref): Promise<SettleResult> {
      if (!ref.referenceId) return { kind: 'not_verified', code: 'no_reference' };
      const r = await call('bpSettleRequest', saleParams(ref, ref.referenceId));
      if (r.kind !== 'return') return r;
      if (r.value === '0' || r.value === '45') return { kind: 'settled', already: r.value === '45' };
      if (NOT_PAID_CODES.has(r.value)) return { kind: 'not_verified', code: r.value };
      return { kind: 'refused', code: r.value };
    },

    async reverse(ref): Promise<ReverseResult> {
      if (!ref.referenceId) return { kind: 'needs_callback' };
      const r = await call('bpReversalRequest', saleParams(ref, ref.referenceId));
      if (r.kind !== 'return') return r;
      if (r.value === '0' || r.value === '48') return { kind: 'reversed', already: r.value === '48' };
      if (r.value === '45') return { kind: 'not_reversible', code: r.value, paid: true };
      if (NOT_PAID_CODES.has(r.value)) return { kind: 'not_reversible', code: r.value, paid: false };
      return { kind: 'refused', code: r.value };
    },
  };
}
