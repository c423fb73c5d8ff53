import type { Services } from '../services.js';
import type { Executor } from '../db/database.js';
import type { ErrorCode, FieldError } from '../errors/catalogue.js';
import { normalizeDigits, stripSeparators } from '../domain/digits.js';
import { formatJalaliDateTime } from '../domain/jalali.js';
import { randomUUID } from 'node:crypto';
import { queueSms } from '../sms/outbox.js';
import { fieldError, minutesCeil } from './outcome.js';

export interface CodeRequest {
  /** What the code belongs to (a flow, or an account for recovery): one live code per subject. */
  subject: string;
  purpose: string;
  mobile: string;
  /** Budgeted per national code too, once the journey knows it (Sejam asks for the mobile first). */
  nationalCode: string | null;
  ip: string;
  ttlMs: number;
  text: (code: string) => string;
  /**
   * Issue and budget the code as usual but send no SMS: a decoy for a page that must not tell
   * whether anybody holds this mobile (its answers, cooldown and budgets stay the same).
   */
  silent?: boolean;
}

type Sent = { ok: true } | { ok: false; code: ErrorCode; params?: Record<string, string | number> };

/** "in N minutes, at HH:MM": when a spent budget has room again, for the message. */
export function retryParams(s: Services, at: Date): Record<string, string | number> {
  return { minutes: minutesCeil(at.getTime() - s.clock.now().getTime()), until: formatJalaliDateTime(at).slice(-5) };
}

/**
 * Sends a fresh code, unless it could not help or the budgets are spent: within the resend
 * cooldown of this subject's last code; while the mobile's wrong-guess budget is spent (a code
 * that can never be accepted is not worth an SMS); when the send budgets per mobile, national code
 * or IP have no room. The budgets are checked together and charged only for a send that happens.
 * Runs in the caller's transaction (the code and its SMS commit together).
 */
export async function sendCode(s: Services, trx: Executor, r: CodeRequest): Promise<Sent> {
  const wait = await resendWaitMs(s, trx, r.subject, r.purpose);
  if (wait > 0) return { ok: false, code: 'otp.resend_too_soon', params: { seconds: Math.ceil(wait / 1000) } };
  const blocked = await s.otp.guessesBlockedUntil(trx, r.purpose, r.mobile);
  if (blocked) return { ok: false, code: 'otp.too_many_attempts', params: retryParams(s, blocked) };
  const L = s.config.limits;
  const budgets = [
    { key: s.rates.key('sms-mobile', r.mobile), limit: L.smsPerMobile, windowMs: L.smsWindowMs },
    { key: s.rates.key('sms-ip', r.ip), limit: L.smsPerIp, windowMs: L.smsWindowMs },
  ];
  if (r.nationalCode) {
    budgets.push({ key: s.rates.key('sms-nc', r.nationalCode), limit: L.smsPerNationalCode, windowMs: L.smsWindowMs });
  }
  const charged = await s.rates.chargeAll(budgets, trx);
  if (!charged.allowed) {
    return { ok: false, code: 'sms.rate_limited', params: { minutes: minutesCeil(charged.retryAfterMs) } };
  }
  const outboxId = r.silent ? undefined : randomUUID();
  const code = await s.otp.issue(trx, {
    subject: r.subject,
    purpose: r.purpose,
    mobile: r.mobile,
    ttlMs: r.ttlMs,
    ...(outboxId ? { outboxId } : {}),
  });
  if (outboxId) {
    await queueSms(trx, s.clock, {
      id: outboxId,
      to: r.mobile,
      text: r.text(code),
      purpose: r.purpose,
      sensitive: true,
    });
  }
  return { ok: true };
}

/** A resend is a send: the same cooldown, guess and send budgets apply. */
export const resendCode = sendCode;

/**
 * How the SMS carrying the subject's live code is doing: `sending` while it waits in the outbox
 * (queued, or between retries while the gateway is down), `sent` once the gateway took it,
 * `failed` when the gateway refused it or every retry was spent. Null: there is no live code.
 * A code whose outbox row is unknown (issued before codes named their SMS, or purged) reads as sent.
 */
export type CodeDelivery = 'sending' | 'sent' | 'failed';

export async function codeDelivery(
  s: Services,
  db: Executor,
  subject: string,
  purpose: string,
): Promise<CodeDelivery | null> {
  return (await liveCode(s, db, subject, purpose))?.delivery ?? null;
}

async function liveCode(s: Services, db: Executor, subject: string, purpose: string) {
  const current = await s.otp.current(db, subject, purpose);
  if (!current) return null;
  const sms = current.outbox_id
    ? await db.selectFrom('sms_outbox').select('status').where('id', '=', current.outbox_id).executeTakeFirst()
    : undefined;
  const delivery: CodeDelivery = sms?.status === 'queued' ? 'sending' : sms?.status === 'failed' ? 'failed' : 'sent';
  return { createdAt: current.created_at, delivery };
}

/**
 * How long until a new code may be sent: the cooldown since the live code, except when that
 * code's SMS failed (a code that never went out holds nobody back: a new one may go at once).
 */
export async function resendWaitMs(s: Services, db: Executor, subject: string, purpose: string): Promise<number> {
  const current = await liveCode(s, db, subject, purpose);
  if (!current || current.delivery === 'failed') return 0;
  return Math.max(0, current.createdAt.getTime() + s.config.limits.otpResendCooldownMs - s.clock.now().getTime());
}

export async function verifyCode(
  s: Services,
  trx: Executor,
  subject: string,
  purpose: string,
  raw: string,
  field = 'code',
  /** What the page calls the code (its field's label), so the messages use the same words. */
  label = 'کد تایید',
): Promise<{ ok: true } | { ok: false; errors: FieldError[] }> {
  const no = (e: FieldError) => ({ ok: false as const, errors: [e] });
  const code = stripSeparators(normalizeDigits(raw));
  if (!code) return no(fieldError(field, 'otp.required', { label }));
  if (!/^\d{6}$/.test(code)) return no(fieldError(field, 'otp.format', { label }));
  const r = await s.otp.check(trx, subject, purpose, code);
  if (r.ok) return { ok: true };
  switch (r.reason) {
    case 'wrong':
      return no(fieldError(field, 'otp.wrong', { remaining: r.remaining, label }));
    case 'too_many_attempts':
      return no(fieldError(field, 'otp.too_many_attempts', retryParams(s, r.retryAt)));
    default:
      return no(fieldError(field, 'otp.expired'));
  }
}
