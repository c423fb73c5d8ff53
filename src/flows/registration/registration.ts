import type { Services } from '../../services.js';
import type { FieldError } from '../../errors/catalogue.js';
import { createFlow, type Flow } from '../store.js';
import { moveFlow, moveFlowOrRollback, stepTransaction, StepRollback } from '../step.js';
import { captchaError, cutText, fail, fieldError, str, minutesCeil, type Input, type StepOutcome } from '../outcome.js';
import { validateNationalCode } from '../../domain/national-code.js';
import { validateFidaCode } from '../../domain/fida.js';
import { validateMobile } from '../../domain/mobile.js';
import { normalizeDigits } from '../../domain/digits.js';
import { validatePersonName, validateShenasnamehNumber } from '../../domain/names.js';
import { jalaliFromParts, validateBirthDate, formatJalali } from '../../domain/jalali.js';
import { validateEmail } from '../../domain/email.js';
import { checkPassword } from '../../domain/password-policy.js';
import { validateSecurityQuestions } from '../../domain/security-questions.js';
import { sms } from '../../phrases/fa.js';
import { z } from 'zod';
import { defineJob, enqueueJob } from '../../jobs/typed.js';
import { addMs } from '../../clock.js';
import { stepIndex, type RegistrationState, type RegistrationStep } from './steps.js';
import { sendCode, resendCode, verifyCode } from '../sms-code.js';

export const REGISTRATION_KIND = 'registration';
export const REGISTRATION_VERIFY_QUEUE = 'registration.verify';
/** One registry check per request (the request id is the key); it retries until the request expires. */
export const registrationVerifyJob = defineJob(REGISTRATION_VERIFY_QUEUE, z.object({ requestId: z.uuid() }), {
  maxAttempts: 10_000,
});
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

/** Where a visit to `step` should land: the step itself if reached, else the current state. */
export function landingStep(flow: RegistrationFlow, step: string): RegistrationState {
  if (flow.state === 'submitted') return 'submitted';
  const i = stepIndex(step);
  // a step not reached yet: go to the furthest step reached (where the person left off)
  if (i === -1 || i > stepIndex(flow.data.reached)) return flow.data.reached;
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
  if (flow.state === 'submitted' || stepIndex(step) > stepIndex(flow.data.reached)) {
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
    if (k.startsWith('_') || /password|captcha|altcha|code|answer/.test(k) || typeof v !== 'string') continue;
    draft[k] = cutText(v, 200);
  }
  const data = { ...flow.data, drafts: { ...(flow.data.drafts ?? {}), [step]: draft } };
  return moveFlow(s, flow, back, data);
}

export interface RequestMeta {
  ip: string;
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
    // nothing changed since the code was confirmed: no new SMS, straight on
    return moveFlow(s, flow, 'birth_certificate', { ...flow.data, drafts: { ...flow.data.drafts, identity: {} } });
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
    .select('id')
    .where('national_code', '=', nationalCode)
    .executeTakeFirst();
  if (existing) return fail(flow, [fieldError('nationalCode', 'registration.account_exists')]);
  await expireStaleRequests(s, nationalCode);
  const pending = await s.db
    .selectFrom('registration_requests')
    .select('id')
    .where('national_code', '=', nationalCode)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (pending) return fail(flow, [fieldError('nationalCode', 'registration.pending_exists')]);

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
    const data: RegistrationData = {
      ...flow.data,
      identity: { nationalCode, mobile: mobile.value },
      mobileVerified: false,
      reached: 'verify_mobile',
      drafts: { ...flow.data.drafts, identity: {} },
    };
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
  if (flow.data.mobileVerified) return moveFlow(s, flow, 'birth_certificate', flow.data);
  return stepTransaction(s, async (trx) => {
    const checked = await verifyCode(s, trx, flow.id, OTP_PURPOSE, str(input, 'code'));
    if (!checked.ok) return fail(flow, checked.errors);
    return moveFlowOrRollback(s, trx, flow, 'birth_certificate', {
      ...flow.data,
      mobileVerified: true,
      reached: later(flow.data.reached, 'birth_certificate'),
    });
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
    if (!r.ok) errors.push(fieldError(k, r.error));
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
  return moveFlow(s, flow, 'email', data);
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
  return moveFlow(s, flow, 'password', {
    ...flow.data,
    email: { email },
    reached: later(flow.data.reached, 'password'),
    drafts: { ...flow.data.drafts, email: {} },
  });
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

export async function submitPassword(
  s: Services,
  flow: RegistrationFlow,
  input: Input,
): Promise<StepOutcome<RegistrationData>> {
  const g = guard(flow, 'password');
  if (g.length) return fail(flow, g);
  const password = input.password ?? '';
  const errors = passwordErrors(password, input.passwordRepeat ?? '', {
    firstName: flow.data.birth?.firstName,
    lastName: flow.data.birth?.lastName,
    nationalCode: flow.data.identity?.nationalCode,
  });
  const items = [1, 2, 3].map((i) => ({ questionId: str(input, `question${i}`), answer: str(input, `answer${i}`) }));
  const q = validateSecurityQuestions(items);
  if (!q.ok) {
    for (const e of q.errors) errors.push(fieldError(`${e.field}${e.index + 1}`, e.code));
  }
  if (errors.length || !q.ok) return fail(flow, errors);
  const hash = await s.hasher.hash(password);
  const questions = await Promise.all(
    q.value.map(async (item) => ({ questionId: item.questionId, answerHash: await s.hasher.hash(item.answer) })),
  );
  return moveFlow(s, flow, 'review', {
    ...flow.data,
    password: { hash, questions },
    reached: later(flow.data.reached, 'review'),
    drafts: {
      ...flow.data.drafts,
      password: { question1: items[0]!.questionId, question2: items[1]!.questionId, question3: items[2]!.questionId },
    },
  });
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
      await enqueueJob(trx, s.clock, registrationVerifyJob, { requestId: req.id }, { key: req.id });
      // the flow keeps no secrets once the request holds them
      const data: RegistrationData = {
        ...flow.data,
        password: { hash: '', questions: [] },
        requestId: req.id,
        drafts: {},
      };
      return moveFlowOrRollback(s, trx, flow, 'submitted', data);
    });
  } catch (e) {
    if (isUniqueViolation(e)) return fail(flow, [fieldError(null, 'registration.pending_exists')]);
    throw e;
  }
}

export function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: string }).code === '23505';
}

/** A request left pending past its 48 hours no longer blocks a new registration. */
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
