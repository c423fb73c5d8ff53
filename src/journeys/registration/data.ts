/**
 * The registration flow's data (parsed on every load) and where its steps lead: which steps are
 * open, and where a step goes once done. No I/O.
 */
import { z } from 'zod';
import type { JourneyFlow } from '../engine/types.js';

/** Where the pages live (the home page links here) and where a step of a flow is. */
export const BASE = '/registration';
export const stepUrl = (flowId: string, step: string) => `${BASE}/${step}?flow=${flowId}`;

/** The steps after the choice of person kind, in order. */
export const STEPS = ['identity', 'verify_mobile', 'birth_certificate', 'email', 'password', 'review'] as const;
export type RegistrationStep = (typeof STEPS)[number];
export type PersonKind = 'iranian' | 'foreign';

export const registrationData = z.object({
  personKind: z.enum(['iranian', 'foreign']),
  /** The furthest step reached: any step up to it may be visited again. */
  reached: z.enum(STEPS),
  identity: z
    .object({ nationalCode: z.string().regex(/^(\d{10}|\d{12})$/), mobile: z.string().regex(/^09\d{9}$/) })
    .optional(),
  mobileVerified: z.boolean().optional(),
  birth: z
    .object({
      firstName: z.string(),
      lastName: z.string(),
      fatherName: z.string(),
      shenasnamehNumber: z.string(),
      birthDate: z.object({ y: z.string(), m: z.string(), d: z.string() }),
      birthDateIso: z.string(),
      gender: z.enum(['male', 'female']),
    })
    .optional(),
  email: z.object({ email: z.string().nullable() }).optional(),
  /** Hashes only; handed to the request on submission and wiped from the flow. */
  password: z
    .object({ hash: z.string(), questions: z.array(z.object({ questionId: z.string(), answerHash: z.string() })) })
    .optional(),
  requestId: z.uuid().optional(),
  /** When the request was sent (ISO), for the status page. */
  submittedAt: z.string().optional(),
});

export type RegistrationData = z.infer<typeof registrationData>;
export type RegistrationFlow = JourneyFlow<RegistrationData>;

export const stepIndex = (step: string) => STEPS.indexOf(step as RegistrationStep);

export const later = (a: RegistrationStep, b: RegistrationStep): RegistrationStep =>
  stepIndex(a) >= stepIndex(b) ? a : b;

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

/** The steps a person may open and submit: from the first up to the furthest open one. */
export const openSteps = (data: RegistrationData): RegistrationStep[] => STEPS.slice(0, stepIndex(openUpTo(data)) + 1);

const DATA_STEPS = ['birth_certificate', 'email', 'password'] as const;

function hasDataFor(data: RegistrationData, step: (typeof DATA_STEPS)[number]): boolean {
  if (step === 'birth_certificate') return Boolean(data.birth);
  if (step === 'email') return Boolean(data.email);
  return Boolean(data.password?.hash) && (data.password?.questions.length ?? 0) === 3;
}

/**
 * Where a step leads once done: the natural next step, unless the person had reached the review
 * and came back to change something. Then straight back to the review, or to the first later
 * step whose data is missing (a changed national code asks for the password again).
 */
export function resumeStep(data: RegistrationData, natural: RegistrationStep): RegistrationStep {
  if (data.reached !== 'review') return natural;
  const missing = DATA_STEPS.find((st) => stepIndex(st) >= stepIndex(natural) && !hasDataFor(data, st));
  return missing ?? 'review';
}

/** Every state resumeStep may answer for a natural next step (a step's declared `next`). */
export function resumes(natural: RegistrationStep): RegistrationStep[] {
  const later = DATA_STEPS.filter((st) => stepIndex(st) >= stepIndex(natural));
  return [...new Set<RegistrationStep>([natural, ...later, 'review'])];
}

/** Words that differ for foreign nationals: they have a FIDA code and no shenasnameh. */
export const isForeign = (flow: RegistrationFlow | null) => flow?.data.personKind === 'foreign';
export const identityWords = (flow: RegistrationFlow | null) =>
  isForeign(flow) ? 'کد فیدا و شماره همراه' : 'کد ملی و شماره همراه';
export const birthWords = (flow: RegistrationFlow | null) => (isForeign(flow) ? 'اطلاعات هویتی' : 'اطلاعات شناسنامه');
