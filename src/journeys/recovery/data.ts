/** The recovery flow's data, and what every step asks of the account behind it. */
import { z } from 'zod';
import type { Executor } from '../../db/database.js';
import type { FieldError } from '../../errors/catalogue.js';
import { fieldError } from '../../flows/outcome.js';
import { findAccount } from '../../identity/accounts.js';
import { validateNationalCode } from '../../domain/national-code.js';
import { validateFidaCode } from '../../domain/fida.js';
import { normalizeDigits, stripSeparators } from '../../domain/digits.js';
import { ui } from '../../phrases/ui.js';
import type { JourneyFlow } from '../engine/types.js';

export const RECOVERY_KIND = 'recovery';
export const RECOVERY_OTP_PURPOSE = 'recovery';
/** The code's name on the recovery pages (vocabulary: «کد احراز هویت»); messages about it use it too. */
export const CODE_LABEL = ui.verificationCode;

const method = z.enum(['sms', 'questions']);
export type RecoveryMethod = z.infer<typeof method>;

export const recoveryData = z.object({
  /**
   * The account being recovered, or null when no account has this national code: the journey
   * looks the same either way, so typing a national code tells nobody whether it has an account,
   * a mobile, security questions, or which status it is in.
   */
  accountId: z.uuid().nullable(),
  /** As typed and normalised on the first page: shown again when the person steps back to it. */
  nationalCode: z.string().regex(/^(\d{10}|\d{12})?$/),
  method: method.optional(),
  /** Set only when the code or the three answers were right in THIS flow: opens new_password. */
  verified: method.optional(),
  /** When this flow last asked for a code (ISO): the resend countdown, the same with or without an SMS. */
  codeAt: z.iso.datetime().optional(),
  completedAt: z.iso.datetime().optional(),
});

export type RecoveryData = z.infer<typeof recoveryData>;
export type RecoveryFlow = JourneyFlow<RecoveryData>;

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

/** The account behind a flow, if it has one (read fresh: a mobile may have been added meanwhile). */
export async function accountOf(db: Executor, data: RecoveryData) {
  return data.accountId ? ((await findAccount(db, data.accountId)) ?? null) : null;
}

export type RecoveryAccount = NonNullable<Awaited<ReturnType<typeof accountOf>>>;

/** An account that cannot be used online says so, but only once the person proved it is theirs. */
export const statusError = (status: RecoveryAccount['status']): FieldError | null =>
  status === 'active'
    ? null
    : fieldError(null, status === 'disabled' ? 'login.disabled' : 'login.pending_branch_visit');

/** One live recovery code per account, whichever flow asked for it (see the method step). */
export const recoveryCodeSubject = (accountId: string) => `account:${accountId}`;

/** A step that needs the flow (every step but a first one not yet taken). */
export const noFlow = (): { ok: false; errors: FieldError[] } => ({
  ok: false,
  errors: [fieldError(null, 'flow.wrong_step')],
});

/** The code and the questions are alternatives: one place in the stepper, named by the method chosen. */
export const verifyStage = (flow: RecoveryFlow | null): string =>
  flow?.data.method === 'questions' ? 'سوالات امنیتی' : 'درج کد';
