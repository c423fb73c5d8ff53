/**
 * The registration journey's steps, in order. The state diagram beside this file (state-diagram.md)
 * must show exactly these transitions: a test reads both.
 */
export const registrationSteps = [
  { key: 'identity', stage: 'identity' },
  { key: 'verify_mobile', stage: 'identity' },
  { key: 'birth_certificate', stage: 'birth_certificate' },
  { key: 'email', stage: 'email' },
  { key: 'password', stage: 'password' },
  { key: 'review', stage: 'review' },
] as const;

export type RegistrationStep = (typeof registrationSteps)[number]['key'];
export type RegistrationState = RegistrationStep | 'submitted';

/** The stepper's five stages, named as the portal names them (foreign nationals: FIDA code, no shenasnameh). */
export function registrationStages(personKind: 'iranian' | 'foreign'): { key: string; label: string }[] {
  const foreign = personKind === 'foreign';
  return [
    { key: 'identity', label: foreign ? 'کد فیدا و شماره همراه' : 'کد ملی و شماره همراه' },
    { key: 'birth_certificate', label: foreign ? 'اطلاعات هویتی' : 'اطلاعات شناسنامه' },
    { key: 'email', label: 'ایمیل' },
    { key: 'password', label: 'گذرواژه' },
    { key: 'review', label: 'تایید' },
  ];
}

/** Forward transitions: [from, to, event]. Back moves to any earlier step without changing data. */
export const registrationTransitions: ReadonlyArray<readonly [RegistrationState | '[*]', RegistrationState, string]> = [
  ['[*]', 'identity', 'choose person kind'],
  ['identity', 'verify_mobile', 'mobile owned, code sent'],
  ['verify_mobile', 'birth_certificate', 'code correct'],
  ['birth_certificate', 'email', 'valid data'],
  ['email', 'password', 'valid or empty email'],
  ['password', 'review', 'policy met, questions set'],
  ['review', 'submitted', 'confirm and send request'],
];

export function stepIndex(step: string): number {
  return registrationSteps.findIndex((s) => s.key === step);
}

export function isStep(s: string): s is RegistrationStep {
  return stepIndex(s) !== -1;
}

export function previousStep(step: RegistrationStep): RegistrationStep | null {
  const i = stepIndex(step);
  if (i <= 0) return null;
  // the code page is not a place to go back to: back from birth data goes to the identity form
  const prev = registrationSteps[i - 1]!.key;
  return prev === 'verify_mobile' ? 'identity' : prev;
}
