/** The recovery flow's data, where its steps lead, and the account behind it. */
import type { Services } from '../../services.js';
import type { FieldError } from '../../errors/catalogue.js';
import type { Flow } from '../store.js';
import { fieldError } from '../outcome.js';
import { findAccount } from '../../identity/accounts.js';
import type { RecoveryMethod, RecoveryState, RecoveryStep } from './steps.js';

export interface RecoveryData {
  /**
   * The account being recovered, or null when no account has this national code: the journey
   * looks the same either way, so typing a national code tells nobody whether it has an account,
   * a mobile, security questions, or which status it is in.
   */
  accountId: string | null;
  /** As typed and normalised on the first page: shown again when the person steps back to it. */
  nationalCode: string;
  method?: RecoveryMethod;
  /** Set only when the code or the three answers were right in THIS flow: opens new_password. */
  verified?: RecoveryMethod;
  /** When this flow last asked for a code (ISO): the page's resend countdown, the same with or without an SMS. */
  codeAt?: string;
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

export function guard(flow: RecoveryFlow, step: RecoveryStep): FieldError[] {
  return landingStep(flow, step) === step ? [] : [fieldError(null, 'flow.wrong_step')];
}

/** The account behind a flow, if it has one (read fresh: a mobile may have been added meanwhile). */
export async function accountOf(s: Services, flow: RecoveryFlow) {
  return flow.data.accountId ? ((await findAccount(s.db, flow.data.accountId)) ?? null) : null;
}

export const statusError = (status: 'active' | 'pending_branch_visit' | 'disabled'): FieldError | null =>
  status === 'active'
    ? null
    : fieldError(null, status === 'disabled' ? 'login.disabled' : 'login.pending_branch_visit');
