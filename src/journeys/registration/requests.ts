/** Registration requests: what step 1 and the review answer about them. */
import type { Services } from '../../services.js';
import type { Executor } from '../../db/database.js';
import type { FieldError } from '../../errors/catalogue.js';
import { fieldError, wholeHours } from '../../flows/outcome.js';

/**
 * An account already exists. An active one: log in or recover. One that waits for a branch visit
 * (or is disabled) gets the same words login and recovery use, but only when the mobile is the
 * owner's (Shahkar): anyone else hears "account exists", as for an active account, so this step
 * tells a stranger no more than it did.
 */
export async function existingAccountError(
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

export const pendingExists = (s: Services, field: string | null) =>
  fieldError(field, 'registration.pending_exists', { hours: wholeHours(s.config.limits.registrationPendingMs) });

/** A request left pending past its deadline (registrationPendingMs) no longer blocks a new registration. */
export async function expireStaleRequests(s: Services, nationalCode: string, db: Executor = s.db): Promise<void> {
  const now = s.clock.now();
  await db
    .updateTable('registration_requests')
    .set({ status: 'expired', decided_at: now })
    .where('national_code', '=', nationalCode)
    .where('status', '=', 'pending')
    .where('expires_at', '<=', now)
    .execute();
}
