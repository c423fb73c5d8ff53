import type { Services } from '../services.js';
import type { Executor } from '../db/database.js';
import { queueSms } from '../sms/outbox.js';
import { sms } from '../phrases/fa.js';
import { audit } from './audit.js';

export async function findAccountByNationalCode(db: Executor, nationalCode: string) {
  return db.selectFrom('accounts').selectAll().where('national_code', '=', nationalCode).executeTakeFirst();
}

export async function findAccount(db: Executor, id: string) {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The key of a username's failed-login counter (it makes a captcha mandatory, never locks). */
export const loginFailureKey = (nationalCode: string, s: Services) => s.rates.key('login-nc', nationalCode);

/**
 * Sets a new password (already hashed) and ends the account's other sessions: after a reset or a
 * change nobody who knew the old password stays signed in. The person is told by SMS.
 */
export async function replacePassword(
  s: Services,
  trx: Executor,
  p: { accountId: string; hash: string; keepSessionId?: string; reason: 'recovery' | 'change' | 'expired_change' },
): Promise<void> {
  const now = s.clock.now();
  const account = await trx
    .updateTable('accounts')
    .set({ password_hash: p.hash, password_expired: false, password_changed_at: now, updated_at: now })
    .where('id', '=', p.accountId)
    .returning(['mobile', 'national_code'])
    .executeTakeFirstOrThrow();
  await s.sessions.revokeAll(trx, p.accountId, p.keepSessionId);
  await s.rates.reset(loginFailureKey(account.national_code, s), trx);
  if (account.mobile) {
    await queueSms(trx, s.clock, { to: account.mobile, text: sms.passwordChanged(), purpose: `password.${p.reason}` });
  }
  await audit(trx, s.clock, { actor: 'self', action: `password.${p.reason}`, accountId: p.accountId });
}
