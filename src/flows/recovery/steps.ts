/**
 * The password-recovery journey's steps. The state diagram beside this file (state-diagram.md)
 * must show exactly the forward transitions listed here.
 *
 * `code` and `questions` are alternatives (the method chosen decides which one is used); both lead
 * to `new_password`, which is only open once one of them succeeded in the same flow.
 */
export const recoverySteps = [
  { key: 'identify', stage: 'identify' },
  { key: 'method', stage: 'method' },
  { key: 'code', stage: 'verify' },
  { key: 'questions', stage: 'verify' },
  { key: 'new_password', stage: 'new_password' },
] as const;

export type RecoveryStep = (typeof recoverySteps)[number]['key'];
export type RecoveryState = RecoveryStep | 'done';
export type RecoveryMethod = 'sms' | 'questions';

/** The stepper's four stages, named as the portal names them (the third follows the method). */
export function recoveryStages(method: RecoveryMethod | undefined): { key: string; label: string }[] {
  return [
    { key: 'identify', label: 'کد ملی / کد فیدا' },
    { key: 'method', label: 'روش بازنشانی گذرواژه' },
    { key: 'verify', label: method === 'questions' ? 'سوالات امنیتی' : 'درج کد' },
    { key: 'new_password', label: 'گذرواژه جدید' },
  ];
}

/** Forward transitions: [from, to, event]. Back moves one step towards the start (see previousStep). */
export const recoveryTransitions: ReadonlyArray<readonly [RecoveryState | '[*]', RecoveryState, string]> = [
  ['[*]', 'method', 'captcha right, account found'],
  ['identify', 'method', 'captcha right, account found'],
  ['method', 'code', 'SMS chosen, code sent'],
  ['method', 'questions', 'security questions chosen'],
  ['code', 'new_password', 'code correct'],
  ['questions', 'new_password', 'all three answers right'],
  ['new_password', 'done', 'policy met, password replaced'],
];

export function isStep(s: string): s is RecoveryStep {
  return recoverySteps.some((x) => x.key === s);
}

export function stageOf(step: RecoveryStep): string {
  return recoverySteps.find((x) => x.key === step)!.stage;
}

/**
 * Where «مرحله قبل» leads. None from `identify` (the first page). From `new_password` it leads to
 * `method` and the verification is given up (see goBack): the earlier steps stay closed to a
 * verified flow, so going back means proving it again.
 */
export function previousStep(step: RecoveryStep): RecoveryStep | null {
  switch (step) {
    case 'method':
      return 'identify';
    case 'code':
    case 'questions':
    case 'new_password':
      return 'method';
    default:
      return null;
  }
}
