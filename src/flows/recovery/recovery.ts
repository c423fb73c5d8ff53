import type { Services } from '../../services.js';
import type { FieldError } from '../../errors/catalogue.js';
import { createFlow, type Flow } from '../store.js';
import { moveFlow, moveFlowOrRollback, stepTransaction, StepRollback } from '../step.js';
import { captchaError, fail, fieldError, str, type Input, type StepOutcome } from '../outcome.js';
import { validateNationalCode } from '../../domain/national-code.js';
import { validateFidaCode } from '../../domain/fida.js';
import { normalizeDigits, stripSeparators } from '../../domain/digits.js';
import { normalizeAnswer, SECURITY_QUESTION_COUNT } from '../../domain/security-questions.js';
import { sms } from '../../phrases/fa.js';
import { findAccount, findAccountByNationalCode, replacePassword } from '../../identity/accounts.js';
import { passwordErrors } from '../registration/registration.js';
import { sendCode, resendCode, resendWaitMs, verifyCode } from '../sms-code.js';
import { previousStep, type RecoveryMethod, type RecoveryState, type RecoveryStep } from './steps.js';

export const RECOVERY_KIND = 'recovery';
export const RECOVERY_OTP_PURPOSE = 'recovery';

export interface RecoveryData {
  /** The account being recovered; fixed for the life of the flow (another account starts a new flow). */
  accountId: string;
  /** As typed and normalised on the first page: shown again when the person steps back to it. */
  nationalCode: string;
  method?: RecoveryMethod;
  /** Set only when the code or the three answers were right in THIS flow: opens new_password. */
  verified?: RecoveryMethod;
  completedAt?: string;
}

export type RecoveryFlow = Flow<RecoveryData>;
export type StartOutcome = { ok: true; flow: RecoveryFlow } | { ok: false; errors: FieldError[] };

export interface RequestMeta {
  ip: string;
}

/**
 * Where a visit to `step` should land. Once the person is verified only new_password is open (the
 * earlier steps are spent); new_password is never open before that; after done, only done.
 */
export function landingStep(flow: RecoveryFlow, step: string): RecoveryState {
  const d = flow.data;
  if (flow.state === 'done') return 'done';
  if (d.verified) return 'new_password';
  const current: RecoveryState =
    flow.state === 'new_password' || !isKnownState(flow.state) ? 'method' : (flow.state as RecoveryState);
  switch (step) {
    case 'identify':
    case 'method':
      return step;
    case 'code':
      return d.method === 'sms' ? 'code' : current;
    case 'questions':
      return d.method === 'questions' ? 'questions' : current;
    default:
      return current;
  }
}

const isKnownState = (s: string) => ['identify', 'method', 'code', 'questions', 'new_password', 'done'].includes(s);

function guard(flow: RecoveryFlow, step: RecoveryStep): FieldError[] {
  return landingStep(flow, step) === step ? [] : [fieldError(null, 'flow.wrong_step')];
}

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

/** Captcha first (nothing below can be probed by a script), then the identifier, then the account. */
async function identify(
  s: Services,
  input: Input,
): Promise<{ ok: true; account: { id: string; nationalCode: string } } | { ok: false; errors: FieldError[] }> {
  const errors: FieldError[] = [];
  const captcha = await captchaError(s.captcha, input);
  const code = validateRecoveryIdentifier(str(input, 'nationalCode'));
  if (!code.ok) errors.push(fieldError('nationalCode', code.error));
  if (captcha) errors.push(captcha);
  if (!code.ok || errors.length) return { ok: false, errors };
  const account = await findAccountByNationalCode(s.db, code.value);
  if (!account) return { ok: false, errors: [fieldError('nationalCode', 'recovery.not_found')] };
  if (account.status === 'disabled') return { ok: false, errors: [fieldError('nationalCode', 'login.disabled')] };
  if (account.status === 'pending_branch_visit') {
    return { ok: false, errors: [fieldError('nationalCode', 'login.pending_branch_visit')] };
  }
  return { ok: true, account: { id: account.id, nationalCode: account.national_code } };
}

async function newFlow(s: Services, account: { id: string; nationalCode: string }): Promise<RecoveryFlow> {
  return createFlow<RecoveryData>(s.db, s.clock, {
    kind: RECOVERY_KIND,
    state: 'method',
    data: { accountId: account.id, nationalCode: account.nationalCode },
    accountId: account.id,
    ttlMs: s.config.limits.flowTtlMs,
  });
}

/**
 * Step 1 without a flow: national code / FIDA code and captcha. The flow is only created when the
 * account is found, so bots failing the captcha leave nothing behind.
 */
export async function startRecovery(s: Services, input: Input, _meta: RequestMeta): Promise<StartOutcome> {
  const found = await identify(s, input);
  if (!found.ok) return found;
  return { ok: true, flow: await newFlow(s, found.account) };
}

/**
 * Step 1 again, from inside a flow (after «مرحله قبل»). The same account carries on in this flow;
 * another account gets a fresh flow (the answer's flow is then a new one).
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
  if (found.account.id !== flow.data.accountId) return { ok: true, flow: await newFlow(s, found.account) };
  return moveFlow(s, flow, 'method', flow.data);
}

export interface RecoveryOptions {
  /** The account's mobile, or null when none is on record. */
  mobile: string | null;
  hasQuestions: boolean;
  /** Wrong-answer budget left for this account (0: the questions are closed for now). */
  questionAttemptsLeft: number;
  firstName: string;
  lastName: string;
  nationalCode: string;
  status: 'active' | 'pending_branch_visit' | 'disabled';
}

const questionKey = (s: Services, accountId: string) => s.rates.key('recovery-q', accountId);

/** What the account offers for recovery, read fresh (a mobile may have been added meanwhile). */
export async function recoveryOptions(s: Services, flow: RecoveryFlow): Promise<RecoveryOptions | null> {
  const account = await findAccount(s.db, flow.data.accountId);
  if (!account) return null;
  const answers = await s.db
    .selectFrom('security_answers')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', account.id)
    .executeTakeFirst();
  const used = await s.rates.peek(questionKey(s, account.id));
  return {
    mobile: account.mobile,
    hasQuestions: Number(answers?.n ?? 0) >= SECURITY_QUESTION_COUNT,
    questionAttemptsLeft: Math.max(0, s.config.limits.recoveryQuestionAttempts - used),
    firstName: account.first_name,
    lastName: account.last_name,
    nationalCode: account.national_code,
    status: account.status,
  };
}

/** The account's three questions, in the order they were set (ids; the text is in SECURITY_QUESTIONS). */
export async function recoveryQuestions(s: Services, flow: RecoveryFlow): Promise<string[]> {
  const rows = await s.db
    .selectFrom('security_answers')
    .select('question_id')
    .where('account_id', '=', flow.data.accountId)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.question_id);
}

const accountGone = (flow: RecoveryFlow) => fail(flow, [fieldError(null, 'recovery.not_found')]);

/** Step 2: the method. SMS sends a code (unless a live one was already sent in this flow). */
export async function chooseMethod(
  s: Services,
  flow: RecoveryFlow,
  input: Input,
  meta: RequestMeta,
): Promise<StepOutcome<RecoveryData>> {
  const g = guard(flow, 'method');
  if (g.length) return fail(flow, g);
  const opts = await recoveryOptions(s, flow);
  if (!opts) return accountGone(flow);
  if (opts.status === 'disabled') return fail(flow, [fieldError(null, 'login.disabled')]);
  if (!opts.mobile && !opts.hasQuestions) return fail(flow, [fieldError(null, 'recovery.no_method')]);
  const method = str(input, 'method');
  if (method === 'questions') {
    if (!opts.hasQuestions) return fail(flow, [fieldError('method', 'recovery.no_questions')]);
    if (opts.questionAttemptsLeft <= 0) return fail(flow, [fieldError('method', 'recovery.too_many_attempts')]);
    return moveFlow(s, flow, 'questions', { ...flow.data, method: 'questions' });
  }
  if (method !== 'sms') return fail(flow, [fieldError('method', 'recovery.method_required')]);
  const mobile = opts.mobile;
  if (!mobile) return fail(flow, [fieldError('method', 'recovery.no_mobile')]);

  return stepTransaction(s, async (trx) => {
    // back and forth between the pages must not send a new SMS each time
    const live = await s.otp.current(trx, flow.id, RECOVERY_OTP_PURPOSE);
    const reuse = live && live.mobile === mobile && live.expires_at > s.clock.now();
    if (!reuse) {
      const sent = await sendCode(s, trx, {
        subject: flow.id,
        purpose: RECOVERY_OTP_PURPOSE,
        mobile,
        nationalCode: opts.nationalCode,
        ip: meta.ip,
        ttlMs: s.config.limits.recoveryOtpTtlMs,
        text: sms.recoveryCode,
      });
      if (!sent.ok) return fail(flow, [fieldError('method', sent.code, sent.params)]);
    }
    return moveFlowOrRollback(s, trx, flow, 'code', { ...flow.data, method: 'sms' });
  });
}

/** Step 3 (SMS): the six-digit code. Too many wrong codes close this flow's SMS path. */
export async function submitRecoveryCode(
  s: Services,
  flow: RecoveryFlow,
  input: Input,
): Promise<StepOutcome<RecoveryData>> {
  const g = guard(flow, 'code');
  if (g.length) return fail(flow, g);
  return stepTransaction(s, async (trx) => {
    const checked = await verifyCode(s, trx, flow.id, RECOVERY_OTP_PURPOSE, str(input, 'code'));
    if (!checked.ok) {
      // a new code inherits the wrong guesses, so "ask for a new code" would not help here
      const errors = checked.errors.map((e) =>
        e.code === 'otp.too_many_attempts' ? fieldError(e.field, 'recovery.code_attempts') : e,
      );
      return fail(flow, errors);
    }
    return moveFlowOrRollback(s, trx, flow, 'new_password', { ...flow.data, verified: 'sms' });
  });
}

/** For the code page: where the live code went, whether it took too many wrong guesses, the resend wait. */
export async function recoveryCodeStatus(
  s: Services,
  flow: RecoveryFlow,
): Promise<{ mobile: string | null; exhausted: boolean; resendWaitMs: number }> {
  const current = await s.otp.current(s.db, flow.id, RECOVERY_OTP_PURPOSE);
  return {
    mobile: current?.mobile ?? null,
    exhausted: !!current && current.attempts >= current.max_attempts,
    resendWaitMs: await resendWaitMs(s, s.db, flow.id, RECOVERY_OTP_PURPOSE),
  };
}

/** A new code after the cooldown, to the account's mobile as it is now. */
export async function resendRecoveryCode(
  s: Services,
  flow: RecoveryFlow,
  meta: RequestMeta,
): Promise<StepOutcome<RecoveryData>> {
  const g = guard(flow, 'code');
  if (g.length) return fail(flow, g);
  const account = await findAccount(s.db, flow.data.accountId);
  if (!account) return accountGone(flow);
  const mobile = account.mobile;
  if (!mobile) return fail(flow, [fieldError('code', 'recovery.no_mobile')]);
  const r = await s.db.transaction().execute((trx) =>
    resendCode(s, trx, {
      subject: flow.id,
      purpose: RECOVERY_OTP_PURPOSE,
      mobile,
      nationalCode: account.national_code,
      ip: meta.ip,
      ttlMs: s.config.limits.recoveryOtpTtlMs,
      text: sms.recoveryCode,
    }),
  );
  if (!r.ok) return fail(flow, [fieldError('code', r.code, r.params)]);
  return { ok: true, flow };
}

/**
 * Step 3 (questions): all three answers must match. Every answer is checked every time (no early
 * exit, so timing shows nothing about which one was wrong). Wrong attempts count per ACCOUNT over
 * a day, shared by every flow: starting again gives no fresh guesses.
 */
export async function submitAnswers(s: Services, flow: RecoveryFlow, input: Input): Promise<StepOutcome<RecoveryData>> {
  const g = guard(flow, 'questions');
  if (g.length) return fail(flow, g);
  const answers = [1, 2, 3].map((i) => normalizeAnswer(str(input, `answer${i}`)));
  const missing = answers.flatMap((a, i) => (a ? [] : [fieldError(`answer${i + 1}`, 'questions.required')]));
  if (missing.length) return fail(flow, missing);

  const L = s.config.limits;
  const key = questionKey(s, flow.data.accountId);
  // counted before checking, so parallel guesses can't slip past the budget
  const hit = await s.rates.hit(key, L.recoveryQuestionAttempts, L.recoveryQuestionWindowMs);
  if (!hit.allowed) return fail(flow, [fieldError(null, 'recovery.too_many_attempts')]);

  const stored = await s.db
    .selectFrom('security_answers')
    .select(['position', 'answer_hash'])
    .where('account_id', '=', flow.data.accountId)
    .orderBy('position')
    .execute();
  if (stored.length < SECURITY_QUESTION_COUNT) return fail(flow, [fieldError(null, 'recovery.no_questions')]);
  const results = await Promise.all(
    stored.slice(0, SECURITY_QUESTION_COUNT).map((row, i) => s.hasher.verify(row.answer_hash, answers[i]!)),
  );
  if (!results.every(Boolean)) {
    const remaining = L.recoveryQuestionAttempts - hit.count;
    return fail(flow, [
      remaining > 0
        ? fieldError(null, 'recovery.wrong_answers', { remaining })
        : fieldError(null, 'recovery.too_many_attempts'),
    ]);
  }
  await s.rates.reset(key);
  return moveFlow(s, flow, 'new_password', { ...flow.data, verified: 'questions' });
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
  const account = await findAccount(s.db, flow.data.accountId);
  if (!account) return accountGone(flow);
  if (account.status === 'disabled') return fail(flow, [fieldError(null, 'login.disabled')]);
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

/** «مرحله قبل»: one step towards the start; nothing typed on these pages needs keeping. */
export async function goBack(s: Services, flow: RecoveryFlow, step: RecoveryStep): Promise<StepOutcome<RecoveryData>> {
  const g = guard(flow, step);
  if (g.length) return fail(flow, g);
  const prev = previousStep(step);
  if (!prev) return fail(flow, [fieldError(null, 'flow.wrong_step')]);
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
