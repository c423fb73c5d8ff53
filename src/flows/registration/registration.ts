import type { Services } from '../../services.js';
import type { FieldError } from '../../errors/catalogue.js';
import { createFlow } from '../store.js';
import { moveFlow, moveFlowOrRollback, stepTransaction, StepRollback } from '../step.js';
import { captchaError, cutText, fail, fieldError, str, minutesCeil, type Input, type StepOutcome } from '../outcome.js';
import { validateNationalCode } from '../../domain/national-code.js';
import { validateFidaCode } from '../../domain/fida.js';
import { validateMobile } from '../../domain/mobile.js';
import { ui } from '../../phrases/ui.js';
import { sms } from '../../phrases/fa.js';
import { z } from 'zod';
import { defineJob, enqueueJob } from '../../jobs/typed.js';
import { addMs } from '../../clock.js';
import type { RegistrationStep } from './steps.js';
import {
  guard,
  later,
  resumeStep,
  type PersonKind,
  type RegistrationData,
  type RegistrationFlow,
} from './navigation.js';
import { checkPasswordStep } from './password-step.js';
import { submitBirthCertificate, submitEmail } from './personal-steps.js';
import { existingAccountError, expireStaleRequests, isUniqueViolation, pendingExists } from './requests.js';

export { landingStep, openUpTo } from './navigation.js';
export { submitBirthCertificate, submitEmail } from './personal-steps.js';
export type { PersonKind, RegistrationData, RegistrationFlow } from './navigation.js';
export { ANSWER_LABELS, QUESTION_LABELS, keptAnswers, passwordErrors } from './password-step.js';
export { expireStaleRequests, isUniqueViolation, registrationStatus, type RegistrationStatusView } from './requests.js';
import { sendCode, resendCode, verifyCode } from '../sms-code.js';

export const REGISTRATION_KIND = 'registration';
export const REGISTRATION_VERIFY_QUEUE = 'registration.verify';
/** One registry check per request (the request id is the key); it retries until the request expires. */
export const registrationVerifyJob = defineJob(REGISTRATION_VERIFY_QUEUE, z.object({ requestId: z.uuid() }), {
  maxAttempts: 10_000,
});
const OTP_PURPOSE = 'registration';

export async function startRegistration(s: Services, personKind: PersonKind): Promise<RegistrationFlow> {
  return createFlow<RegistrationData>(s.db, s.clock, {
    kind: REGISTRATION_KIND,
    state: 'identity',
    data: { personKind, reached: 'identity' },
    ttlMs: s.config.limits.flowTtlMs,
  });
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

/**
 * Step 5: the password and three security questions (checked in password-step.ts). Coming back to
 * this step, the password and answers already given are kept (hashed): empty boxes keep them.
 */
export async function submitPassword(
  s: Services,
  flow: RegistrationFlow,
  input: Input,
): Promise<StepOutcome<RegistrationData>> {
  const g = guard(flow, 'password');
  if (g.length) return fail(flow, g);
  const checked = await checkPasswordStep(s, flow.data, input);
  if (!checked.ok) return fail(flow, checked.errors);
  const [question1 = '', question2 = '', question3 = ''] = checked.questionIds;
  return moveFlow(s, flow, 'review', {
    ...flow.data,
    password: checked.password,
    reached: later(flow.data.reached, 'review'),
    drafts: { ...flow.data.drafts, password: { question1, question2, question3 } },
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
      // the status page lives as long as the request may wait, and an hour past that to show how it ended
      const L = s.config.limits;
      return moveFlowOrRollback(s, trx, flow, 'submitted', data, L.registrationPendingMs + L.flowTtlMs);
    });
  } catch (e) {
    if (isUniqueViolation(e)) return fail(flow, [pendingExists(s, null)]);
    throw e;
  }
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
