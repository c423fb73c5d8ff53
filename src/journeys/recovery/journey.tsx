import { ui } from '../../phrases/ui.js';
import { defineJourney } from '../engine/types.js';
import { RECOVERY_KIND, recoveryData, type RecoveryData } from './data.js';
import { identify, method } from './start.js';
import { code } from './code.js';
import { done, newPassword, questions } from './password.js';

/**
 * Password recovery, for anyone who knows a national code: by a code sent to the account's mobile
 * or by the three security questions, then a new password. Every national code meets the same
 * pages (an account or none, a mobile or none, any status) until something only the owner has
 * (the code, the answers) was given; the account's status is told only then.
 *
 * `code` and `questions` are alternatives (the method chosen decides), sharing the stepper's third
 * place (one stage label, `verifyStage`); both lead to `new_password`, which only a flow that passed one of them reaches.
 */
export const recovery = defineJourney<RecoveryData>({
  kind: RECOVERY_KIND,
  title: ui.recovery,
  basePath: '/recovery',
  apiPath: '/api/v1/recovery',
  apiTag: 'recovery',
  access: 'anonymous',
  ttlMs: (L) => L.flowTtlMs,
  data: recoveryData,
  initial: () => ({ accountId: null, nationalCode: '' }),
  steps: [identify, method, code, questions, newPassword],
  ends: [done],
  // a bot failing the captcha on the first page leaves no flow row behind
  rowlessStart: true,
});
