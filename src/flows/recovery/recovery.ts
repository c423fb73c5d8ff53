import type { Services } from '../../services.js';
import type { FieldError } from '../../errors/catalogue.js';
import { createFlow } from '../store.js';
import { moveFlow, moveFlowOrRollback, stepTransaction, StepRollback } from '../step.js';
import { captchaError, fail, fieldError, str, wholeMinutes, type Input, type StepOutcome } from '../outcome.js';
import { ui } from '../../phrases/ui.js';
import { validateNationalCode } from '../../domain/national-code.js';
import { validateFidaCode } from '../../domain/fida.js';
import { normalizeDigits, stripSeparators } from '../../domain/digits.js';
import { addMs } from '../../clock.js';
import type { Tx } from '../../db/database.js';
import { sms } from '../../phrases/fa.js';
import { findAccountByNationalCode, replacePassword } from '../../identity/accounts.js';
import { passwordErrors } from '../password.js';
import { sendCode, resendCode, retryParams, verifyCode, type CodeRequest } from '../sms-code.js';
import {
  accountOf,
  guard,
  statusError,
  type RecoveryData,
  type RecoveryFlow,
  type RequestMeta,
  type StartOutcome,
} from './navigation.js';
import { questionsClosed, submitAnswers } from './questions.js';
import { previousStep, type RecoveryStep } from './steps.js';

export {
  guard,
  landingStep,
  type RecoveryData,
  type RecoveryFlow,
  type RequestMeta,
  type StartOutcome,
} from './navigation.js';
export { questionsClosed, recoveryQuestions, submitAnswers } from './questions.js';

export const RECOVERY_KIND = 'recovery';
export const RECOVERY_OTP_PURPOSE = 'recovery';
/** The code's name on the recovery pages (vocabulary: «کد احراز هویت»); messages about it use it too. */
const CODE_LABEL = ui.verificationCode;

/** A 10-digit national code (checksum) or a 12-digit FIDA code, told apart by length. */
export function validateRecoveryIdentifier(
  raw: string,
): { ok: true; value: string } | { ok: false; error: FieldError['code'] } {
  const digits = stripSeparators(normalizeDigits(raw)).trim();
  if (!digits) return { ok: false, error: 'national_code.required' };
  if (/^\d{12}$/.test(digits)) {
    const r = validateFidaCode(digits);
    return r.ok ? r : { ok: false, error: r.error };
  }
  if (/^\d{8,10}$/.test(digits)) {
    const r = validateNationalCode(digits);
    return r.ok ? r : { ok: false, error: r.error };
  }
  return { ok: false, error: 'recovery.identifier_format' };
}

/** Captcha first (nothing below can be probed by a script), then the identifier. */
async function identify(
  s: Services,
  input: Input,
): Promise<{ ok: true; nationalCode: string; accountId: string | null } | { ok: false; errors: FieldError[] }> {
  const errors: FieldError[] = [];
  const captcha = await captchaError(s.captcha, input);
  const code = validateRecoveryIdentifier(str(input, 'nationalCode'));
  if (!code.ok) errors.push(fieldError('nationalCode', code.error));
  if (captcha) errors.push(captcha);
  if (!code.ok || errors.length) return { ok: false, errors };
  const account = await findAccountByNationalCode(s.db, code.value);
  return { ok: true, nationalCode: code.value, accountId: account?.id ?? null };
}

async function newFlow(s: Services, found: { nationalCode: string; accountId: string | null }): Promise<RecoveryFlow> {
  return createFlow<RecoveryData>(s.db, s.clock, {
    kind: RECOVERY_KIND,
    state: 'method',
    data: { accountId: found.accountId, nationalCode: found.nationalCode },
    accountId: found.accountId,
    ttlMs: s.config.limits.flowTtlMs,
  });
}

/**
 * Step 1 without a flow: national code / FIDA code and captcha. Bots failing the captcha leave
 * nothing behind; past it, every well-formed code gets the same answer (a flow at `method`).
 */
export async function startRecovery(s: Services, input: Input, _meta: RequestMeta): Promise<StartOutcome> {
  const found = await identify(s, input);
  if (!found.ok) return found;
  return { ok: true, flow: await newFlow(s, found) };
}

/**
 * Step 1 again, from inside a flow (after «مرحله قبل»). The same national code carries on in this
 * flow; another one gets a fresh flow.
 */
export async function submitIdentify(
  s: Services,
  flow: RecoveryFlow,
  input: Input,
  _meta: RequestMeta,
): Promise<StepOutcome<RecoveryData>> {
  const g = guard(flow, 'identify');
  if (g.length) return fail(flow, g);
  const found = await identify(s, input);
  if (!found.ok) return fail(flow, found.errors);
  if (found.nationalCode !== flow.data.nationalCode) return { ok: true, flow: await newFlow(s, found) };
  return moveFlow(s, flow, 'method', flow.data);
}

/** One live recovery code per account, whichever flow asked for it (see chooseMethod). */
export const recoveryCodeSubject = (accountId: string) => `account:${accountId}`;

const recoveryCodeRequest = (
  s: Services,
  account: { id: string; national_code: string },
  mobile: string,
  meta: RequestMeta,
): CodeRequest => ({
  subject: recoveryCodeSubject(account.id),
  purpose: RECOVERY_OTP_PURPOSE,
  mobile,
  nationalCode: account.national_code,
  ip: meta.ip,
  ttlMs: s.config.limits.recoveryOtpTtlMs,
  text: (code) => sms.recoveryCode(code, wholeMinutes(s.config.limits.recoveryOtpTtlMs)),
});

/**
 * Step 2: the method. Both are always offered. SMS sends a code to the account's mobile, unless a
 * live code already went there (asked for in any flow: a code sent at someone else's request
 * reaches the owner's phone and works in the owner's flow, so a flood of requests cannot keep the
 * owner from recovering). With no account or no mobile nothing is sent, and the page is the same.
 */
export async function chooseMethod(
  s: Services,
  flow: RecoveryFlow,
  input: Input,
  meta: RequestMeta,
): Promise<StepOutcome<RecoveryData>> {
  const g = guard(flow, 'method');
  if (g.length) return fail(flow, g);
  const method = str(input, 'method');
  if (method === 'questions') {
    if (await questionsClosed(s, flow)) return fail(flow, [fieldError('method', 'recovery.too_many_attempts')]);
    return moveFlow(s, flow, 'questions', { ...flow.data, method: 'questions' });
  }
  if (method !== 'sms') return fail(flow, [fieldError('method', 'recovery.method_required')]);
  const account = await accountOf(s, flow);
  const mobile = account?.mobile;
  return stepTransaction(s, async (trx) => {
    if (account && mobile) {
      const subject = recoveryCodeSubject(account.id);
      const live = await s.otp.current(trx, subject, RECOVERY_OTP_PURPOSE);
      const reuse = live && live.mobile === mobile && live.expires_at > s.clock.now();
      if (!reuse) {
        const sent = await sendCode(s, trx, recoveryCodeRequest(s, account, mobile, meta));
        if (!sent.ok) return fail(flow, [fieldError('method', sent.code, sent.params)]);
      }
    }
    return moveFlowOrRollback(s, trx, flow, 'code', {
      ...flow.data,
      method: 'sms',
      codeAt: s.clock.now().toISOString(),
    });
  });
}

/**
 * Step 3 (SMS): the six-digit code. Wrong guesses are budgeted per mobile (see OtpService); with
 * no account or no mobile they are budgeted the same way per national code, so the answers look
 * alike. A right code for an account that cannot be used online says so (branch visit) only now.
 */
export async function submitRecoveryCode(
  s: Services,
  flow: RecoveryFlow,
  input: Input,
): Promise<StepOutcome<RecoveryData>> {
  const g = guard(flow, 'code');
  if (g.length) return fail(flow, g);
  const account = await accountOf(s, flow);
  return stepTransaction(s, async (trx) => {
    const checked = account?.mobile
      ? await verifyCode(
          s,
          trx,
          recoveryCodeSubject(account.id),
          RECOVERY_OTP_PURPOSE,
          str(input, 'code'),
          'code',
          CODE_LABEL,
        )
      : await verifyNoCode(s, trx, flow.data.nationalCode, str(input, 'code'));
    if (!checked.ok) return fail(flow, checked.errors);
    const closed = account ? statusError(account.status) : null;
    if (closed) return fail(flow, [closed]);
    return moveFlowOrRollback(s, trx, flow, 'new_password', { ...flow.data, verified: 'sms' });
  });
}

/** The code step when no code was sent: every guess is wrong, budgeted like a real one. */
async function verifyNoCode(s: Services, trx: Tx, nationalCode: string, raw: string) {
  const code = stripSeparators(normalizeDigits(raw));
  const label = CODE_LABEL;
  if (!code) return { ok: false as const, errors: [fieldError('code', 'otp.required', { label })] };
  if (!/^\d{6}$/.test(code)) return { ok: false as const, errors: [fieldError('code', 'otp.format', { label })] };
  const budget = s.otp.guessBudget(RECOVERY_OTP_PURPOSE, `nc:${nationalCode}`);
  const charged = await s.rates.chargeAll([budget], trx);
  const now = s.clock.now();
  const remaining = charged.allowed ? budget.limit - charged.counts[0]! : 0;
  if (remaining > 0) return { ok: false as const, errors: [fieldError('code', 'otp.wrong', { remaining, label })] };
  const until = (await s.rates.blockedUntil(budget, trx)) ?? addMs(now, charged.allowed ? budget.windowMs : 0);
  return { ok: false as const, errors: [fieldError('code', 'otp.too_many_attempts', retryParams(s, until))] };
}

/** For the code page: the resend wait, counted from this flow's last request (whether or not an SMS went). */
export function recoveryCodeStatus(s: Services, flow: RecoveryFlow): { resendWaitMs: number } {
  const at = flow.data.codeAt ? Date.parse(flow.data.codeAt) : NaN;
  if (Number.isNaN(at)) return { resendWaitMs: 0 };
  return { resendWaitMs: Math.max(0, at + s.config.limits.otpResendCooldownMs - s.clock.now().getTime()) };
}

/** A new code after the cooldown, to the account's mobile as it is now (nothing when there is none). */
export async function resendRecoveryCode(
  s: Services,
  flow: RecoveryFlow,
  meta: RequestMeta,
): Promise<StepOutcome<RecoveryData>> {
  const g = guard(flow, 'code');
  if (g.length) return fail(flow, g);
  const wait = recoveryCodeStatus(s, flow).resendWaitMs;
  if (wait > 0) return fail(flow, [fieldError('code', 'otp.resend_too_soon', { seconds: Math.ceil(wait / 1000) })]);
  const account = await accountOf(s, flow);
  const mobile = account?.mobile;
  return stepTransaction(s, async (trx) => {
    if (account && mobile) {
      const r = await resendCode(s, trx, recoveryCodeRequest(s, account, mobile, meta));
      if (!r.ok) return fail(flow, [fieldError('code', r.code, r.params)]);
    } else {
      // no SMS to send, but the same answers as if there were: guesses spent means no new code
      const blocked = await s.rates.blockedUntil(
        s.otp.guessBudget(RECOVERY_OTP_PURPOSE, `nc:${flow.data.nationalCode}`),
        trx,
      );
      if (blocked) return fail(flow, [fieldError('code', 'otp.too_many_attempts', retryParams(s, blocked))]);
    }
    return moveFlowOrRollback(s, trx, flow, 'code', { ...flow.data, codeAt: s.clock.now().toISOString() });
  });
}

/** Step 4: the new password, under the registration policy; then every session ends. */
export async function submitNewPassword(
  s: Services,
  flow: RecoveryFlow,
  input: Input,
): Promise<StepOutcome<RecoveryData>> {
  const g = guard(flow, 'new_password');
  if (g.length) return fail(flow, g);
  if (!flow.data.verified) return fail(flow, [fieldError(null, 'flow.wrong_step')]);
  const account = await accountOf(s, flow);
  if (!account) return fail(flow, [fieldError(null, 'recovery.not_found')]);
  const closed = statusError(account.status);
  if (closed) return fail(flow, [closed]);
  const password = input.password ?? '';
  const errors = passwordErrors(password, input.passwordRepeat ?? '', {
    firstName: account.first_name,
    lastName: account.last_name,
    nationalCode: account.national_code,
  });
  if (errors.length) return fail(flow, errors);
  const hash = await s.hasher.hash(password);
  return stepTransaction(s, async (trx) => {
    // the flow is moved to done first: of two tabs sending at once only one gets past this
    const out = await moveFlow(s, flow, 'done', { ...flow.data, completedAt: s.clock.now().toISOString() }, trx);
    if (!out.ok) throw new StepRollback(out);
    await replacePassword(s, trx, { accountId: account.id, hash, reason: 'recovery' });
    return out;
  });
}

/**
 * «مرحله قبل»: one step towards the start; nothing typed on these pages needs keeping. From
 * new_password it leads to the method page and gives up the verification: the person proves it
 * again (code or answers) before a password can be set, so going back can never skip the proof.
 */
export async function goBack(s: Services, flow: RecoveryFlow, step: RecoveryStep): Promise<StepOutcome<RecoveryData>> {
  const g = guard(flow, step);
  if (g.length) return fail(flow, g);
  const prev = previousStep(step);
  if (!prev) return fail(flow, [fieldError(null, 'flow.wrong_step')]);
  if (step === 'new_password') {
    const { verified: _verified, ...rest } = flow.data;
    return moveFlow(s, flow, prev, { ...rest, method: undefined, codeAt: undefined });
  }
  return moveFlow(s, flow, prev, flow.data);
}

/** Each step's handler by name: the pages and the API both submit through this one table. */
const stepHandlers: Record<
  RecoveryStep,
  (s: Services, flow: RecoveryFlow, input: Input, meta: RequestMeta) => Promise<StepOutcome<RecoveryData>>
> = {
  identify: submitIdentify,
  method: chooseMethod,
  code: (s, flow, input) => submitRecoveryCode(s, flow, input),
  questions: (s, flow, input) => submitAnswers(s, flow, input),
  new_password: (s, flow, input) => submitNewPassword(s, flow, input),
};

export function submitRecoveryStep(
  s: Services,
  flow: RecoveryFlow,
  step: RecoveryStep,
  input: Input,
  meta: RequestMeta,
): Promise<StepOutcome<RecoveryData>> {
  return stepHandlers[step](s, flow, input, meta);
}
