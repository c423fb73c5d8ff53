/**
 * The Mellat (SOAP) and Zarinpal (JSON) protocols over the simulated bank, for the simulation
 * gateway server: the real adapters talk to these exactly as to the vendors, and the buyer pays
 * on the same simulated page (sim-page.tsx). Magic amounts and cards behave as in the simulator;
 * "gateway down" is a 503 (a SOAP fault for Mellat). The simulator's own page is served here too
 * (as the app serves it), so one buyer can pay on all three in the contract tests.
 */
import { gatewayAct, gatewayPage, gatewayPost, type GatewayPageDeps, type PageAnswer } from '../payment/sim-page.js';
import type { SimTransaction, SimulatedBank } from '../payment/sim-bank.js';
import { readSoapRequest, soapFault, soapResponse, type MellatOperation } from '../payment/mellat-soap.js';
import { mellatPaths } from '../payment/mellat.js';
import { zarinpalPaths } from '../payment/zarinpal.js';
import { parseWhole } from '../payment/port.js';
import { SIMULATOR_PAGE_PATH, simulatorPageDeps } from '../payment/simulator.js';

export interface SimulatedPaymentsOptions {
  bank: SimulatedBank;
  mellat: { terminalId: string; userName: string; password: string };
  zarinpal: { merchantId: string };
}

export interface RawAnswer {
  status: number;
  contentType: string;
  body: string;
  location?: string;
}

const xml = (status: number, body: string): RawAnswer => ({ status, contentType: 'text/xml; charset=utf-8', body });
const json = (status: number, value: unknown): RawAnswer => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify(value),
});
const zpError = (code: number, message: string) =>
  json(code === -10 ? 401 : 400, { data: [], errors: { code, message, validations: [] } });
const html = (a: PageAnswer): RawAnswer =>
  'location' in a
    ? { status: 303, contentType: 'text/plain', body: '', location: a.location }
    : { status: a.status, contentType: 'text/html; charset=utf-8', body: a.html };

const paidStates = new Set(['paid', 'verified', 'settled']);

/** Mellat's callback ResCode for the buyer's outcome. */
function mellatResCode(tx: SimTransaction): string {
  if (paidStates.has(tx.state)) return '0';
  if (tx.result_code === 'insufficient_funds') return '12';
  if (tx.result_code === 'timeout') return '415';
  return '17';
}

function withQuery(url: string, q: Record<string, string>): string {
  return url + (url.includes('?') ? '&' : '?') + new URLSearchParams(q).toString();
}

export function paymentProtocols(opts: SimulatedPaymentsOptions) {
  const { bank } = opts;
  const terminal = opts.mellat.terminalId;
  const mellatPage: GatewayPageDeps = {
    bank,
    facade: 'mellat',
    title: 'درگاه پرداخت به‌پرداخت ملت (شبیه‌سازی‌شده)',
    formAction: mellatPaths.start,
    hidden: (tx) => ({ RefId: tx.token }),
    callbackFor: (tx) => ({
      method: 'POST',
      url: tx.callback_url,
      fields: {
        RefId: tx.token,
        ResCode: mellatResCode(tx),
        SaleOrderId: String(tx.order_number),
        SaleReferenceId: paidStates.has(tx.state) ? (tx.reference_id ?? '') : '',
        CardHolderPan: tx.card_pan ?? '',
      },
    }),
  };
  const zarinpalPage = (authority: string): GatewayPageDeps => ({
    bank,
    facade: 'zarinpal',
    title: 'درگاه پرداخت زرین‌پال (شبیه‌سازی‌شده)',
    formAction: zarinpalPaths.startPay + authority,
    hidden: () => ({}),
    callbackFor: (tx) => ({
      method: 'GET',
      url: withQuery(tx.callback_url, { Authority: tx.token, Status: paidStates.has(tx.state) ? 'OK' : 'NOK' }),
    }),
  });

  async function mellatSoap(text: string): Promise<RawAnswer> {
    const req = readSoapRequest(text);
    if (!req) return xml(500, soapFault('not a SOAP request'));
    const op = req.op as MellatOperation;
    const p = req.params;
    const answer = (value: string) => xml(200, soapResponse(op, value));
    if (p.terminalId !== terminal || p.userName !== opts.mellat.userName || p.userPassword !== opts.mellat.password) {
      return answer('21');
    }
    const down = () => xml(503, soapFault('service unavailable'));
    const sale = { orderNumber: parseWhole(p.saleOrderId) ?? -1, referenceId: p.saleReferenceId ?? '' };
    if (op === 'bpPayRequest') {
      const amount = parseWhole(p.amount);
      const orderNumber = parseWhole(p.orderId);
      if (!amount || !orderNumber || !p.callBackUrl) return answer(amount ? '32' : '25');
      const r = await bank.open('mellat', terminal, {
        orderNumber,
        amountRials: amount,
        callbackUrl: p.callBackUrl,
        description: p.additionalData ?? '',
      });
      if (r.kind === 'outage') return down();
      return answer(r.kind === 'duplicate' ? '41' : `0,${r.token}`);
    }
    if (op === 'bpVerifyRequest') {
      const r = await bank.verify('mellat', terminal, sale, null);
      if (r.kind === 'outage') return down();
      if (r.kind === 'verified') return answer(r.already ? '43' : '0');
      return answer(r.kind === 'not_paid' && r.state === 'reversed' ? '48' : '42');
    }
    if (op === 'bpSettleRequest') {
      const r = await bank.settle('mellat', terminal, sale);
      if (r.kind === 'outage') return down();
      if (r.kind === 'settled') return answer(r.already ? '45' : '0');
      return answer(r.state === 'reversed' ? '48' : r.state === 'paid' ? '44' : '42');
    }
    if (op === 'bpReversalRequest') {
      const r = await bank.reverse('mellat', terminal, sale);
      if (r.kind === 'outage') return down();
      if (r.kind === 'reversed') return answer(r.already ? '48' : '0');
      return answer(r.state === 'settled' ? '45' : '42');
    }
    return xml(500, soapFault(`unknown operation ${req.op}`));
  }

  async function zarinpalApi(path: string, text: string): Promise<RawAnswer> {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return zpError(-9, 'The input params invalid, validation error.');
    }
    if (body.merchant_id !== opts.zarinpal.merchantId) return zpError(-10, 'Terminal is not valid.');
    const merchant = opts.zarinpal.merchantId;
    const authority = typeof body.authority === 'string' ? body.authority : '';
    const amount =
      typeof body.amount === 'number' && Number.isSafeInteger(body.amount) && body.amount > 0 ? body.amount : null;
    const down = () => json(503, { error: 'service unavailable' });
    if (path === zarinpalPaths.request) {
      if (!amount || typeof body.callback_url !== 'string')
        return zpError(-9, 'The input params invalid, validation error.');
      const meta = (body.metadata ?? {}) as { order_id?: unknown };
      const r = await bank.open('zarinpal', merchant, {
        orderNumber: parseWhole(typeof meta.order_id === 'string' ? meta.order_id : undefined) ?? 1,
        amountRials: amount,
        callbackUrl: body.callback_url,
        description: typeof body.description === 'string' ? body.description : '',
      });
      if (r.kind !== 'opened') return down();
      return json(200, {
        data: { code: 100, message: 'Success', authority: r.token, fee_type: 'Merchant', fee: 0 },
        errors: [],
      });
    }
    if (path === zarinpalPaths.verify) {
      if (!amount) return zpError(-9, 'The input params invalid, validation error.');
      const r = await bank.verify('zarinpal', merchant, { token: authority }, amount);
      if (r.kind === 'outage') return down();
      if (r.kind === 'amount_mismatch') return zpError(-50, 'Session is not valid, amounts values is not the same.');
      if (r.kind === 'not_paid') return zpError(r.state === 'unknown' ? -54 : -51, 'Session is not valid.');
      const data = {
        code: r.already ? 101 : 100,
        message: 'Verified',
        card_pan: r.tx.card_pan,
        ref_id: Number(r.tx.reference_id),
      };
      return json(200, { data: { ...data, card_hash: '', fee_type: 'Merchant', fee: 0 }, errors: [] });
    }
    if (path === zarinpalPaths.reverse) {
      const r = await bank.reverse('zarinpal', merchant, { token: authority });
      if (r.kind === 'outage') return down();
      if (r.kind === 'reversed' && !r.already)
        return json(200, { data: { code: 100, message: 'Reversed' }, errors: [] });
      return zpError(-61, 'Session is not in success status.');
    }
    return json(404, { error: 'not_found' });
  }

  const simulatorPage = simulatorPageDeps(bank, {});
  const form = (text: string) => Object.fromEntries(new URLSearchParams(text));

  /** Answers a payment request, or null when the path is not a payment protocol's. */
  return async function handle(method: string, url: string, text: string): Promise<RawAnswer | null> {
    const path = url.split('?')[0] ?? '';
    if (path === SIMULATOR_PAGE_PATH && method === 'POST') {
      const body = form(text);
      return html(await gatewayPost(simulatorPage, body.token ?? '', body));
    }
    if (path === mellatPaths.service && method === 'POST') return mellatSoap(text);
    if (path === mellatPaths.start && method === 'POST') {
      const body = form(text);
      return html(await gatewayPost(mellatPage, body.RefId ?? '', body));
    }
    if (path.startsWith('/pg/v4/payment/') && method === 'POST') return zarinpalApi(path, text);
    if (path.startsWith(zarinpalPaths.startPay)) {
      const authority = decodeURIComponent(path.slice(zarinpalPaths.startPay.length));
      const deps = zarinpalPage(authority);
      if (method === 'GET') return html(await gatewayPage(deps, authority));
      if (method === 'POST')
        return html(await gatewayAct(deps, authority, Object.fromEntries(new URLSearchParams(text))));
    }
    return null;
  };
}
