import type { Services } from '../../services.js';
import type { FieldError } from '../../errors/catalogue.js';
import { createFlow, type Flow } from '../store.js';
import { moveFlow, moveFlowOrRollback, stepTransaction, StepRollback } from '../step.js';
import {
  captchaError,
  cutText,
  fail,
  fieldError,
  str,
  minutesCeil,
  wholeHours,
  type Input,
  type StepOutcome,
} from '../outcome.js';
import { validateNationalCode } from '../../domain/national-code.js';
import { validateFidaCode } from '../../domain/fida.js';
import { validateMobile } from '../../domain/mobile.js';
import { normalizeDigits } from '../../domain/digits.js';
import { validatePersonName, validateShenasnamehNumber } from '../../domain/names.js';
import { jalaliFromParts, validateBirthDate, formatJalali } from '../../domain/jalali.js';
import { validateEmail } from '../../domain/email.js';
import { checkPassword } from '../../domain/password-policy.js';
import {
  normalizeAnswer,
  validateSecurityQuestions,
  type SecurityQuestionErrorCode,
} from '../../domain/security-questions.js';
import { ui } from '../../phrases/ui.js';
import { sms } from '../../phrases/fa.js';
import { enqueue } from '../../jobs/queue.js';
import { addMs } from '../../clock.js';
import { stepIndex, type RegistrationState, type RegistrationStep } from './steps.js';
import { sendCode, resendCode, verifyCode } from '../sms-code.js';

export const REGISTRATION_KIND = 'registration';
export const REGISTRATION_VERIFY_QUEUE = 'registration.verify';
const OTP_PURPOSE = 'registration';

export type PersonKind = 'iranian' | 'foreign';

export interface RegistrationData {
  personKind: PersonKind;
  /** The furthest step reached: any step up to it may be visited again. */
  reached: RegistrationStep;
  identity?: { nationalCode: string; mobile: string };
  mobileVerified?: boolean;
  birth?: {
    firstName: string;
    lastName: string;
    fatherName: string;
    shenasnamehNumber: string;
    birthDate: { y: string; m: string; d: string };
    birthDateIso: string;
    gender: 'male' | 'female';
  };
  email?: { email: string | null };
  password?: { hash: string; questions: { questionId: string; answerHash: string }[] };
  /** Unvalidated input kept when a person steps back, so nothing typed is lost. */
  drafts?: Partial<Record<RegistrationStep, Record<string, string>>>;
  requestId?: string;
}

export type RegistrationFlow = Flow<RegistrationData>;

const later = (a: RegistrationStep, b: RegistrationStep): RegistrationStep => (stepIndex(a) >= stepIndex(b) ? a : b);

/**
 * The furthest step open now: the furthest reached, except that while a new mobile waits for its
 * code nothing past the code step is open (the later steps' data is kept for when it is confirmed).
 */
export function openUpTo(data: RegistrationData): RegistrationStep {
  if (data.identity && !data.mobileVerified && stepIndex(data.reached) > stepIndex('verify_mobile')) {
    return 'verify_mobile';
  }
  return data.reached;
}

/**
 * Where a step leads once done: the natural next step, unless the person had reached the review
 * and came back to change something. Then straight back to the review, or to the first later
 * step whose data is missing (a changed national code asks for the password again).
 */
function resumeStep(data: RegistrationData, natural: RegistrationStep): RegistrationStep {
  if (data.reached !== 'review') return natural;
  const missing = (['birth_certificate', 'email', 'password'] as const).find(
    (st) => stepIndex(st) >= stepIndex(natural) && !hasDataFor(data, st),
  );
  return missing ?? 'review';
}

function hasDataFor(data: RegistrationData, step: 'birth_certificate' | 'email' | 'password'): boolean {
  if (step === 'birth_certificate') return Boolean(data.birth);
  if (step === 'email') return Boolean(data.email);
  return Boolean(data.password?.hash) && (data.password?.questions.length ?? 0) === 3;
}

/** Where a visit to `step` should land: the step itself if open, else the furthest open step. */
export function landingStep(flow: RegistrationFlow, step: string): RegistrationState {
  if (flow.state === 'submitted') return 'submitted';
  const i = stepIndex(step);
  const open = openUpTo(flow.data);
  // a step not reached yet: go to the furthest step open (where the person left off)
  if (i === -1 || i > stepIndex(open)) return open;
  return step as RegistrationStep;
}

export async function startRegistration(s: Services, personKind: PersonKind): Promise<RegistrationFlow> {
  return createFlow<RegistrationData>(s.db, s.clock, {
    kind: REGISTRATION_KIND,
    state: 'identity',
    data: { personKind, reached: 'identity' },
    ttlMs: s.config.limits.flowTtlMs,
  });
}

function guard(flow: RegistrationFlow, step: RegistrationStep): FieldError[] {
  if (flow.state === 'submitted' || stepIndex(step) > stepIndex(openUpTo(flow.data))) {
    return [fieldError(null, 'flow.wrong_step')];
  }
  return [];
}

/** Keeps what was typed on a page (not passwords) and moves back one step. */
export async function saveDraftAndGoBack(
  s: Services,
  flow: RegistrationFlow,
  step: RegistrationStep,
  input: Input,
  back: RegistrationStep,
): Promise<StepOutcome<RegistrationData>> {
  if (guard(flow, step).length) return fail(flow, guard(flow, step));
  const draft: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) {
    // secrets are never stored in clear, not even for an hour: passwords, codes, security answers
    if (k.startsWith('_') || /password|captcha|code|answer/.test(k) || typeof v !== 'string') continue;
    draft[k] = cutText(v, 200);
  }
  const data = { ...flow.data, drafts: { ...(flow.data.drafts ?? {}), [step]: draft } };
  return moveFlow(s, flow, back, data);
}

export interface RequestMeta {
  ip: string;
}

/**
 * An account already exists. An active one: log in or recover. One that waits for a branch visit
 * (or is disabled) gets the same words login and recovery use, but only when the mobile is the
 * owner's (Shahkar): anyone else hears "account exists", as for an active account, so this step
 * tells a stranger no more than it did.
 */
async function existingAccountError(
  s: Services,
  status: 'active' | 'pending_branch_visit' | 'disabled',
  nationalCode: string,
  mobile: string,
): Promise<FieldError> {
  if (status !== 'active' && (await s.mobileOwnership.check(nationalCode, mobile)).status === 'match') {
    return fieldError('nationalCode', status === 'disabled' ? 'login.disabled' : 'login.pending_branch_visit');
  }
  return fieldError('nationalCode', 'registration.account_exists');
}

/** Step 1: national code (or FIDA), mobile and captcha; the mobile must be the person's own. */
export async function submitIdentity(
  s: Services,
  flow: RegistrationFlow,
  input: Input,
  meta: RequestMeta,
): Promise<StepOutcome<RegistrationData>> {
  const g = guard(flow, 'identity');
  if (g.length) return fail(flow, g);
  const errors: FieldError[] = [];
  // the captcha is checked before anything is looked up, so nothing below can be probed by a script
  const captcha = await captchaError(s.captcha, input);
  const code =
    flow.data.personKind === 'foreign'
      ? validateFidaCode(str(input, 'nationalCode'))
      : validateNationalCode(str(input, 'nationalCode'));
  if (!code.ok) errors.push(fieldError('nationalCode', code.error));
  const mobile = validateMobile(str(input, 'mobile'));
  if (!mobile.ok) errors.push(fieldError('mobile', mobile.error));
  // listed in the order of the form's fields
  if (captcha) errors.push(captcha);
  if (!code.ok || !mobile.ok || errors.length) return fail(flow, errors);

  const nationalCode = code.value;
  const same =
    flow.data.identity?.nationalCode === nationalCode &&
    flow.data.identity.mobile === mobile.value &&
    flow.data.mobileVerified;
  if (same) {
    // nothing changed since the code was confirmed: no new SMS, straight on (or back to the review)
    const data = { ...flow.data, drafts: { ...flow.data.drafts, identity: {} } };
    return moveFlow(s, flow, resumeStep(data, 'birth_certificate'), data);
  }

  // each look-up below answers a question about someone (is there an account? is this their
  // mobile?): budgeted per national code and per client so step 1 cannot serve as an oracle
  const L = s.config.limits;
  const checks = await s.rates.chargeAll([
    {
      key: s.rates.key('identity-nc', nationalCode),
      limit: L.identityChecksPerNationalCode,
      windowMs: L.identityCheckWindowMs,
    },
    { key: s.rates.key('identity-ip', meta.ip), limit: L.identityChecksPerIp, windowMs: L.identityCheckWindowMs },
  ]);
  if (!checks.allowed) {
    return fail(flow, [
      fieldError(null, 'registration.too_many_checks', { minutes: minutesCeil(checks.retryAfterMs) }),
    ]);
  }
  const existing = await s.db
    .selectFrom('accounts')
    .select(['id', 'status'])
    .where('national_code', '=', nationalCode)
    .executeTakeFirst();
  if (existing) return fail(flow, [await existingAccountError(s, existing.status, nationalCode, mobile.value)]);
  await expireStaleRequests(s, nationalCode);
  const pending = await s.db
    .selectFrom('registration_requests')
    .select('id')
    .where('national_code', '=', nationalCode)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (pending) return fail(flow, [pendingExists(s, 'nationalCode')]);

  const owner = await s.mobileOwnership.check(nationalCode, mobile.value);
  if (owner.status === 'unavailable') {
    s.log.warn({ reason: owner.reason }, 'mobile ownership check unavailable');
    return fail(flow, [fieldError(null, 'registry.unavailable')]);
  }
  if (owner.status === 'no_match') return fail(flow, [fieldError('mobile', 'mobile.not_owner')]);

  return stepTransaction(s, async (trx) => {
    const sent = await sendCode(s, trx, {
      subject: flow.id,
      purpose: OTP_PURPOSE,
      mobile: mobile.value,
      nationalCode,
      ip: meta.ip,
      ttlMs: s.config.limits.registrationOtpTtlMs,
      text: sms.registrationCode,
    });
    if (!sent.ok) return fail(flow, [fieldError(null, sent.code, sent.params)]);
    const codeChanged = flow.data.identity !== undefined && flow.data.identity.nationalCode !== nationalCode;
    const data: RegistrationData = {
      ...flow.data,
      identity: { nationalCode, mobile: mobile.value },
      mobileVerified: false,
      // the later steps' data is kept: once the new mobile is confirmed the person carries on
      reached: later(flow.data.reached, 'verify_mobile'),
      drafts: { ...flow.data.drafts, identity: {} },
    };
    if (codeChanged && data.password) {
      // the policy keeps the national code out of the password: a new code asks for the password again
      data.password = { ...data.password, hash: '' };
    }
    if (codeChanged && data.birth && data.personKind === 'foreign') {
      // a foreign national's FIDA code stands in for the shenasnameh number
      data.birth = { ...data.birth, shenasnamehNumber: nationalCode };
    }
    return moveFlowOrRollback(s, trx, flow, 'verify_mobile', data);
  });
}

export async function submitMobileCode(
  s: Services,
  flow: RegistrationFlow,
  input: Input,
): Promise<StepOutcome<RegistrationData>> {
  const g = guard(flow, 'verify_mobile');
  if (g.length) return fail(flow, g);
  if (!flow.data.identity) return fail(flow, [fieldError(null, 'flow.wrong_step')]);
  if (flow.data.mobileVerified) return moveFlow(s, flow, resumeStep(flow.data, 'birth_certificate'), flow.data);
  return stepTransaction(s, async (trx) => {
    const checked = await verifyCode(s, trx, flow.id, OTP_PURPOSE, str(input, 'code'), 'code', ui.otpCode);
    if (!checked.ok) return fail(flow, checked.errors);
    const data: RegistrationData = {
      ...flow.data,
      mobileVerified: true,
      reached: later(flow.data.reached, 'birth_certificate'),
    };
    return moveFlowOrRollback(s, trx, flow, resumeStep(data, 'birth_certificate'), data);
  });
}

export async function resendMobileCode(
  s: Services,
  flow: RegistrationFlow,
  meta: RequestMeta,
): Promise<StepOutcome<RegistrationData>> {
  if (flow.state !== 'verify_mobile' || !flow.data.identity) return fail(flow, [fieldError(null, 'flow.wrong_step')]);
  const identity = flow.data.identity;
  const r = await s.db.transaction().execute((trx) =>
    resendCode(s, trx, {
      subject: flow.id,
      purpose: OTP_PURPOSE,
      mobile: identity.mobile,
      nationalCode: identity.nationalCode,
      ip: meta.ip,
      ttlMs: s.config.limits.registrationOtpTtlMs,
      text: sms.registrationCode,
    }),
  );
  if (!r.ok) return fail(flow, [fieldError('code', r.code, r.params)]);
  return { ok: true, flow };
}

export async function submitBirthCertificate(
  s: Services,
  flow: RegistrationFlow,
  input: Input,
): Promise<StepOutcome<RegistrationData>> {
  const g = guard(flow, 'birth_certificate');
  if (g.length) return fail(flow, g);
  const nationalCode = flow.data.identity?.nationalCode ?? '';
  const errors: FieldError[] = [];
  const names = (['firstName', 'lastName', 'fatherName'] as const).map((k) => {
    const r = validatePersonName(str(input, k));
    // the message names the field: three empty names are three different lines in the summary
    if (!r.ok) errors.push(fieldError(k, r.error, { field: ui[k] }));
    return r.ok ? r.value : '';
  });
  // foreign nationals have no shenasnameh: their FIDA code stands in its place
  const shen =
    flow.data.personKind === 'foreign'
      ? ({ ok: true, value: nationalCode } as const)
      : validateShenasnamehNumber(str(input, 'shenasnamehNumber'), nationalCode);
  if (!shen.ok) errors.push(fieldError('shenasnamehNumber', shen.error));
  const parts = {
    y: normalizeDigits(str(input, 'birthDate_y')).trim(),
    m: str(input, 'birthDate_m').trim(),
    d: normalizeDigits(str(input, 'birthDate_d')).trim(),
  };
  let birthIso = '';
  if (!parts.y && !parts.m && !parts.d) {
    errors.push(fieldError('birthDate', 'date.required'));
  } else {
    const parsed = jalaliFromParts(parts.y, parts.m, parts.d);
    if (!parsed.ok) errors.push(fieldError('birthDate', parsed.error));
    else {
      const b = validateBirthDate(`${parsed.jy}/${parsed.jm}/${parsed.jd}`, s.clock.now());
      if (!b.ok) errors.push(fieldError('birthDate', b.error));
      else birthIso = b.iso;
    }
  }
  const gender = str(input, 'gender');
  if (gender !== 'male' && gender !== 'female') errors.push(fieldError('gender', 'gender.required'));
  if (errors.length) return fail(flow, errors);
  const data: RegistrationData = {
    ...flow.data,
    birth: {
      firstName: names[0]!,
      lastName: names[1]!,
      fatherName: names[2]!,
      shenasnamehNumber: shen.ok ? shen.value : '',
      birthDate: parts,
      birthDateIso: birthIso,
      gender: gender as 'male' | 'female',
    },
    reached: later(flow.data.reached, 'email'),
    drafts: { ...flow.data.drafts, birth_certificate: {} },
  };
  return moveFlow(s, flow, resumeStep(data, 'email'), data);
}

export async function submitEmail(
  s: Services,
  flow: RegistrationFlow,
  input: Input,
): Promise<StepOutcome<RegistrationData>> {
  const g = guard(flow, 'email');
  if (g.length) return fail(flow, g);
  const raw = str(input, 'email').trim();
  let email: string | null = null;
  if (raw) {
    const r = validateEmail(raw);
    if (!r.ok) return fail(flow, [fieldError('email', r.error)]);
    email = r.value;
  }
  const data: RegistrationData = {
    ...flow.data,
    email: { email },
    reached: later(flow.data.reached, 'password'),
    drafts: { ...flow.data.drafts, email: {} },
  };
  return moveFlow(s, flow, resumeStep(data, 'password'), data);
}

/** Validates a new password and its repeat against the policy; the errors name the fields. */
export function passwordErrors(
  password: string,
  repeat: string,
  personal: { firstName?: string; lastName?: string; nationalCode?: string },
  fields = { password: 'password', repeat: 'passwordRepeat' },
): FieldError[] {
  if (!password) return [fieldError(fields.password, 'password.required')];
  const broken = checkPassword(password, personal);
  if (broken.length) return [fieldError(fields.password, broken[0]!)];
  if (password !== repeat) return [fieldError(fields.repeat, 'password.mismatch')];
  return [];
}

/** The three questions' labels, as the password page names them (for messages that name a field). */
export const QUESTION_LABELS = ['پرسش اول', 'پرسش دوم', 'پرسش سوم'] as const;
export const ANSWER_LABELS = ['پاسخ اول', 'پاسخ دوم', 'پاسخ سوم'] as const;

/** Which answers the flow already holds (hashed) for the question now chosen at each position. */
export function keptAnswers(data: RegistrationData, questionIds: readonly string[]): boolean[] {
  const held = data.password?.questions ?? [];
  return [0, 1, 2].map((i) => Boolean(held[i]?.answerHash) && held[i]!.questionId === questionIds[i]);
}

/**
 * Step 5: the password and three security questions. Coming back to this step (from the review or
 * «مرحله قبل»), the password and answers already given are kept, hashed: an empty password (and
 * repeat) keeps the password; an empty answer keeps the answer given for the same question.
 */
export async function submitPassword(
  s: Services,
  flow: RegistrationFlow,
  input: Input,
): Promise<StepOutcome<RegistrationData>> {
  const g = guard(flow, 'password');
  if (g.length) return fail(flow, g);
  const password = input.password ?? '';
  const repeat = input.passwordRepeat ?? '';
  const held = flow.data.password;
  const keepPassword = Boolean(held?.hash) && password === '' && repeat === '';
  const errors = keepPassword
    ? []
    : passwordErrors(password, repeat, {
        firstName: flow.data.birth?.firstName,
        lastName: flow.data.birth?.lastName,
        nationalCode: flow.data.identity?.nationalCode,
      });
  const typed = [1, 2, 3].map((i) => ({ questionId: str(input, `question${i}`), answer: str(input, `answer${i}`) }));
  const kept = keptAnswers(
    flow.data,
    typed.map((x) => x.questionId.trim()),
  ).map((k, i) => k && !normalizeAnswer(typed[i]!.answer));
  // a kept answer stands in as a distinct placeholder, so the usual checks run on the rest
  const items = typed.map((x, i) => (kept[i] ? { ...x, answer: `${KEPT}${i}` } : x));
  const q = validateSecurityQuestions(items);
  if (!q.ok) {
    for (const e of q.errors) errors.push(questionError(e.field, e.index, e.code));
  }
  if (q.ok) {
    // a new answer may not repeat one that is kept (only its hash is known: compare with it)
    for (const [i, item] of q.value.entries()) {
      if (kept[i]) continue;
      for (const [j, other] of (held?.questions ?? []).entries()) {
        if (j !== i && kept[j] && (await s.hasher.verify(other.answerHash, item.answer))) {
          errors.push(questionError('answer', i, 'questions.duplicate_answer'));
          break;
        }
      }
    }
  }
  if (errors.length || !q.ok) return fail(flow, errors);
  const hash = keepPassword ? held!.hash : await s.hasher.hash(password);
  const questions = await Promise.all(
    q.value.map(async (item, i) => ({
      questionId: item.questionId,
      answerHash: kept[i] ? held!.questions[i]!.answerHash : await s.hasher.hash(item.answer),
    })),
  );
  return moveFlow(s, flow, 'review', {
    ...flow.data,
    password: { hash, questions },
    reached: later(flow.data.reached, 'review'),
    drafts: {
      ...flow.data.drafts,
      password: { question1: typed[0]!.questionId, question2: typed[1]!.questionId, question3: typed[2]!.questionId },
    },
  });
}

const KEPT = 'kept-answer-';

/** A security-question error on its field, naming the field when something is missing. */
function questionError(field: 'question' | 'answer', index: number, code: SecurityQuestionErrorCode): FieldError {
  const name = `${field}${index + 1}`;
  if (code === 'questions.required') {
    return field === 'answer'
      ? fieldError(name, 'questions.answer_required', { field: ANSWER_LABELS[index] ?? '' })
      : fieldError(name, 'questions.question_required', { field: QUESTION_LABELS[index] ?? '' });
  }
  return fieldError(name, code);
}

/** Final step: the request is stored and queued for the civil registry check. */
export async function submitReview(s: Services, flow: RegistrationFlow): Promise<StepOutcome<RegistrationData>> {
  const g = guard(flow, 'review');
  if (g.length) return fail(flow, g);
  const { identity, birth, password, email, mobileVerified } = flow.data;
  if (!identity || !mobileVerified) return fail(flow, [fieldError(null, 'flow.wrong_step')]);
  if (!birth || !password || !email) return fail(flow, [fieldError(null, 'flow.wrong_step')]);
  const now = s.clock.now();
  await expireStaleRequests(s, identity.nationalCode);
  try {
    return await stepTransaction(s, async (trx) => {
      const exists = await trx
        .selectFrom('accounts')
        .select('id')
        .where('national_code', '=', identity.nationalCode)
        .executeTakeFirst();
      if (exists) throw new StepRollback(fail(flow, [fieldError(null, 'registration.account_exists')]));
      const req = await trx
        .insertInto('registration_requests')
        .values({
          flow_id: flow.id,
          national_code: identity.nationalCode,
          person_kind: flow.data.personKind,
          mobile: identity.mobile,
          email: email.email,
          first_name: birth.firstName,
          last_name: birth.lastName,
          father_name: birth.fatherName,
          shenasnameh_number: birth.shenasnamehNumber,
          birth_date: birth.birthDateIso,
          gender: birth.gender,
          password_hash: password.hash,
          security_answers: JSON.stringify(password.questions),
          status: 'pending',
          created_at: now,
          expires_at: addMs(now, s.config.limits.registrationPendingMs),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await enqueue(trx, s.clock, REGISTRATION_VERIFY_QUEUE, { requestId: req.id }, { maxAttempts: 10_000 });
      // the flow keeps no secrets once the request holds them
      const data: RegistrationData = {
        ...flow.data,
        password: { hash: '', questions: [] },
        requestId: req.id,
        drafts: {},
      };
      // the status page lives as long as the request may wait, and an hour past that to show how it ended
      const L = s.config.limits;
      return moveFlowOrRollback(s, trx, flow, 'submitted', data, L.registrationPendingMs + L.flowTtlMs);
    });
  } catch (e) {
    if (isUniqueViolation(e)) return fail(flow, [pendingExists(s, null)]);
    throw e;
  }
}

const pendingExists = (s: Services, field: string | null) =>
  fieldError(field, 'registration.pending_exists', { hours: wholeHours(s.config.limits.registrationPendingMs) });

export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === '23505';
}

/** A request left pending past its deadline (registrationPendingMs) no longer blocks a new registration. */
export async function expireStaleRequests(s: Services, nationalCode: string): Promise<void> {
  const now = s.clock.now();
  await s.db
    .updateTable('registration_requests')
    .set({ status: 'expired', decided_at: now })
    .where('national_code', '=', nationalCode)
    .where('status', '=', 'pending')
    .where('expires_at', '<=', now)
    .execute();
}

export interface RegistrationStatusView {
  status: 'pending' | 'activated' | 'branch_visit' | 'mismatch' | 'expired' | 'superseded';
  submittedAt: string;
}

export async function registrationStatus(s: Services, flow: RegistrationFlow): Promise<RegistrationStatusView | null> {
  if (!flow.data.requestId) return null;
  const r = await s.db
    .selectFrom('registration_requests')
    .select(['status', 'created_at'])
    .where('id', '=', flow.data.requestId)
    .executeTakeFirst();
  if (!r) return null;
  return { status: r.status, submittedAt: formatJalali(r.created_at) };
}

export { minutesCeil };

/** Each step's handler by name: the pages and the API both submit through this one table. */
const stepHandlers: Record<
  RegistrationStep,
  (s: Services, flow: RegistrationFlow, input: Input, meta: RequestMeta) => Promise<StepOutcome<RegistrationData>>
> = {
  identity: submitIdentity,
  verify_mobile: (s, flow, input) => submitMobileCode(s, flow, input),
  birth_certificate: (s, flow, input) => submitBirthCertificate(s, flow, input),
  email: (s, flow, input) => submitEmail(s, flow, input),
  password: (s, flow, input) => submitPassword(s, flow, input),
  review: (s, flow) => submitReview(s, flow),
};

export function submitRegistrationStep(
  s: Services,
  flow: RegistrationFlow,
  step: RegistrationStep,
  input: Input,
  meta: RequestMeta,
): Promise<StepOutcome<RegistrationData>> {
  return stepHandlers[step](s, flow, input, meta);
}
