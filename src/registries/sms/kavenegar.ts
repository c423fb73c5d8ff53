/**
 * Kavenegar (کاوه‌نگار) SMS adapter: REST `POST {baseUrl}/v1/{apiKey}/sms/send.json`, form-encoded
 * `receptor`, `sender`, `message`, `localid`. The answer is JSON
 * `{ "return": { "status": 200, "message": "…" }, "entries": [{ "messageid": 123, … }] }`;
 * on errors Kavenegar also sets the HTTP status to the `return.status` code.
 *
 * Result mapping (see docs/simulators.md, "Kavenegar"):
 * - `return.status` 200 with a message id → `sent`;
 * - codes about this message or recipient (400, 406, 411, 413, 414, 417, 419, 422, 501) → `rejected`
 *   — retrying the same message cannot succeed;
 * - codes about our account or configuration (401, 403, 407, 412, 416, 418, 430, …), provider
 *   trouble (402, 409, 451, 5xx), unknown codes, unparseable answers, network errors and timeouts
 *   → `unavailable` — retry later; the operator may have to act (key, sender line, credit, IP).
 *
 * `localid` is always sent: the message's numeric `localId` (the outbox row's `seq`; Kavenegar
 * documents `localid` as a number, so our UUIDs cannot be it). A retry after a lost answer sends
 * the same `localid`, and Kavenegar then answers with the earlier message's entry instead of
 * sending again; that answer is a 200 with the earlier `messageid`, so it maps to `sent` with the
 * same `providerMessageId` whatever that entry's delivery status says (sending again would not
 * happen anyway).
 */
import { joinUrl, post } from '../http.js';
import type { OutgoingSms, SmsGateway, SmsSendResult } from './port.js';

export interface KavenegarOptions {
  apiKey: string;
  /** The sender line number assigned by Kavenegar, e.g. `10004346`. */
  sender: string;
  /** Default `https://api.kavenegar.com`. */
  baseUrl?: string;
  /** Deadline for the whole call, ms. Default 10000. */
  timeoutMs?: number;
}

/** Kavenegar `return.status` codes with their meaning (English summaries of the Persian docs). */
export const KAVENEGAR_CODES: Readonly<Record<number, string>> = Object.freeze({
  200: 'accepted',
  400: 'incomplete parameters',
  401: 'account deactivated',
  402: 'operation failed',
  403: 'invalid API key',
  404: 'unknown method',
  405: 'wrong HTTP method',
  406: 'required parameter empty',
  407: 'access denied (IP not allowed)',
  409: 'server cannot answer, try later',
  411: 'invalid receptor',
  412: 'invalid sender',
  413: 'message empty or too long',
  414: 'too many records in one request',
  416: 'caller IP does not match the registered IP',
  417: 'invalid send date',
  418: 'insufficient credit',
  419: 'array lengths differ',
  422: 'message contains characters that cannot be processed',
  424: 'template not found',
  426: 'method needs the advanced service',
  428: 'voice call not possible',
  430: 'account identity verification (KYC) incomplete',
  431: 'token structure invalid',
  432: 'token parameter not found in the template',
  451: 'too many calls',
  501: 'demo account: SMS only to the account owner',
});

/** Codes meaning "this message/recipient is not acceptable": retrying will not help. */
const REJECTING = new Set([400, 406, 411, 413, 414, 417, 419, 422, 501]);

function describe(code: number, message: unknown): string {
  const known = KAVENEGAR_CODES[code];
  const text = typeof message === 'string' && message ? ` "${message}"` : '';
  return `kavenegar ${code}${known ? ` (${known})` : ''}${text}`;
}

export function createKavenegarSms(opts: KavenegarOptions): SmsGateway {
  const url = joinUrl(
    opts.baseUrl ?? 'https://api.kavenegar.com',
    `/v1/${encodeURIComponent(opts.apiKey)}/sms/send.json`,
  );
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return {
    async send(msg: OutgoingSms): Promise<SmsSendResult> {
      // without a valid localid a retry could deliver twice: refuse rather than risk it
      if (!Number.isSafeInteger(msg.localId) || msg.localId < 1) {
        return { status: 'rejected', reason: `localid must be a positive integer, not ${String(msg.localId)}` };
      }
      const form = new URLSearchParams({
        receptor: msg.to,
        sender: opts.sender,
        message: msg.text,
        localid: String(msg.localId),
      });
      const out = await post({ url, body: form, timeoutMs });
      if (out.kind === 'timeout') return { status: 'unavailable', reason: `timeout after ${timeoutMs} ms` };
      if (out.kind === 'network') return { status: 'unavailable', reason: `network error: ${out.message}` };
      if (out.kind === 'invalid') return { status: 'unavailable', reason: `cannot call Kavenegar: ${out.message}` };
      const body = out.body as { return?: { status?: unknown; message?: unknown }; entries?: unknown } | undefined;
      const code = typeof body?.return?.status === 'number' ? body.return.status : Number(body?.return?.status);
      if (!Number.isInteger(code)) {
        return { status: 'unavailable', reason: `unexpected answer (HTTP ${out.status})` };
      }
      if (code === 200) {
        const entries = Array.isArray(body?.entries) ? (body.entries as unknown[]) : [];
        const first = entries[0] as { messageid?: unknown } | undefined;
        const id = first?.messageid;
        if ((typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id !== '')) {
          return { status: 'sent', providerMessageId: String(id) };
        }
        return { status: 'unavailable', reason: 'kavenegar 200 without a message id' };
      }
      const reason = describe(code, body?.return?.message);
      return REJECTING.has(code) ? { status: 'rejected', reason } : { status: 'unavailable', reason };
    },
  };
}
