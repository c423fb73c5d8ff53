import type { Services } from '../../services.js';
import type { FieldError } from '../../errors/catalogue.js';
import { fieldError, str, type Input } from '../outcome.js';
import { validateEmail } from '../../domain/email.js';
import { findAccount, replacePassword } from '../../identity/accounts.js';
import { passwordErrors } from '../password.js';
import { audit } from '../../identity/audit.js';

export type Result = { ok: true } | { ok: false; errors: FieldError[] };

/** Change password while signed in: the current one proves it's the owner; other sessions end. */
export async function changePassword(
  s: Services,
  accountId: string,
  sessionId: string,
  input: Input,
  reason: 'change' | 'expired_change' = 'change',
): Promise<Result> {
  const account = await findAccount(s.db, accountId);
  if (!account) return { ok: false, errors: [fieldError(null, 'session.required')] };
  const current = input.currentPassword ?? '';
  if (!current) return { ok: false, errors: [fieldError('currentPassword', 'password.required')] };
  const newPassword = input.password ?? '';
  const errors = passwordErrors(newPassword, input.passwordRepeat ?? '', {
    firstName: account.first_name,
    lastName: account.last_name,
    nationalCode: account.national_code,
  });
  if (!(await s.hasher.verify(account.password_hash, current))) {
    return { ok: false, errors: [fieldError('currentPassword', 'password.wrong_current'), ...errors] };
  }
  if (errors.length) return { ok: false, errors };
  if (newPassword === current) return { ok: false, errors: [fieldError('password', 'password.same_as_current')] };
  const hash = await s.hasher.hash(newPassword);
  await s.db
    .transaction()
    .execute((trx) => replacePassword(s, trx, { accountId, hash, keepSessionId: sessionId, reason }));
  return { ok: true };
}

export async function changeEmail(s: Services, accountId: string, input: Input): Promise<Result> {
  const raw = str(input, 'email').trim();
  let email: string | null = null;
  if (raw) {
    const r = validateEmail(raw);
    if (!r.ok) return { ok: false, errors: [fieldError('email', r.error)] };
    email = r.value;
  }
  await s.db.transaction().execute(async (trx) => {
    await trx.updateTable('accounts').set({ email, updated_at: s.clock.now() }).where('id', '=', accountId).execute();
    await audit(trx, s.clock, { actor: 'self', action: 'account.email_changed', accountId });
  });
  return { ok: true };
}
