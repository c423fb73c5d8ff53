/** The registration flow's data and where its steps lead (no I/O: pages, API and steps share it). */
import type { Flow } from '../store.js';
import type { FieldError } from '../../errors/catalogue.js';
import { fieldError } from '../outcome.js';
import { stepIndex, type RegistrationState, type RegistrationStep } from './steps.js';

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

/**
 * Where a step leads once done: the natural next step, unless the person had reached the review
 * and came back to change something. Then straight back to the review, or to the first later
 * step whose data is missing (a changed national code asks for the password again).
 */
export function resumeStep(data: RegistrationData, natural: RegistrationStep): RegistrationStep {
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

/** A step may be submitted only while it is open and the request is not sent yet. */
export function guard(flow: RegistrationFlow, step: RegistrationStep): FieldError[] {
  if (flow.state === 'submitted' || stepIndex(step) > stepIndex(openUpTo(flow.data))) {
    return [fieldError(null, 'flow.wrong_step')];
  }
  return [];
}
