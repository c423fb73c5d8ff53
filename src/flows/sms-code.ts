import type { Services } from '../services.js';
import type { Executor } from '../db/database.js';
import type { ErrorCode, FieldError } from '../errors/catalogue.js';
import { normalizeDigits, stripSeparators } from '../domain/digits.js';
import { queueSms } from '../sms/outbox.js';
import { fieldError, minutesCeil } from './outcome.js';

export interface CodeRequest {
  /** What the code belongs to (a flow id): the guess budget is kept per subject. */
  subject: string;
  purpose: string;
  mobile: string;
  nationalCode: string;
  ip: string;
  ttlMs: number;
  text: (code: string) => string;
}

type Sent = { ok: true } | { ok: false; code: ErrorCode; params?: Record<string, number> };

/**
 * Sends a fresh code after checking the send budgets per mobile, per national code and per IP
 * (all in PostgreSQL, shared by every node). Runs in the caller's transaction.
 */
export async function sendCode(s: Services, trx: Executor, r: CodeRequest): Promise<Sent> {
  const L = s.config.limits;
  const checks: Array<[string, string, number]> = [
    ['sms-mobile', r.mobile, L.smsPerMobile],
    ['sms-nc', r.nationalCode, L.smsPerNationalCode],
    ['sms-ip', r.ip, L.smsPerIp],
  ];
  for (const [scope, value, limit] of checks) {
    const hit = await s.rates.hit(s.rates.key(scope, value), limit, L.smsWindowMs, trx);
    if (!hit.allowed)
      return { ok: false, code: 'sms.rate_limited', params: { minutes: minutesCeil(hit.retryAfterMs) } };
  }
  const code = await s.otp.issue(trx, { subject: r.subject, purpose: r.purpose, mobile: r.mobile, ttlMs: r.ttlMs });
  await queueSms(trx, s.clock, { to: r.mobile, text: r.text(code), purpose: r.purpose, sensitive: true });
  return { ok: true };
}

/** A resend waits out the cooldown since the last code, then counts against the same budgets. */
export async function resendCode(s: Services, trx: Executor, r: CodeRequest): Promise<Sent> {
  const wait = await resendWaitMs(s, trx, r.subject, r.purpose);
  if (wait > 0) return { ok: false, code: 'otp.resend_too_soon', params: { seconds: Math.ceil(wait / 1000) } };
  return sendCode(s, trx, r);
}

export async function resendWaitMs(s: Services, db: Executor, subject: string, purpose: string): Promise<number> {
  const current = await s.otp.current(db, subject, purpose);
  if (!current) return 0;
  return Math.max(0, current.created_at.getTime() + s.config.limits.otpResendCooldownMs - s.clock.now().getTime());
}

export async function verifyCode(
  s: Services,
  trx: Executor,
  subject: string,
  purpose: string,
  raw: string,
  field = 'code',
): Promise<{ ok: true } | { ok: false; errors: FieldError[] }> {
  const code = stripSeparators(normalizeDigits(raw));
  if (!code) return { ok: false, errors: [fieldError(field, 'otp.required')] };
  if (!/^\d{6}$/.test(code)) return { ok: false, errors: [fieldError(field, 'otp.format')] };
  const r = await s.otp.check(trx, subject, purpose, code);
  if (r.ok) return { ok: true };
  switch (r.reason) {
    case 'wrong':
      return { ok: false, errors: [fieldError(field, 'otp.wrong', { remaining: r.remaining })] };
    case 'too_many_attempts':
      return { ok: false, errors: [fieldError(field, 'otp.too_many_attempts')] };
    default:
      return { ok: false, errors: [fieldError(field, 'otp.expired')] };
  }
}
