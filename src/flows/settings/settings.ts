import type { Services } from '../../services.js';
import type { FieldError } from '../../errors/catalogue.js';
import { fail, fieldError, str, type Input, type StepOutcome } from '../outcome.js';
import { validateEmail } from '../../domain/email.js';
import { validateMobile } from '../../domain/mobile.js';
import { findAccount, replacePassword } from '../../identity/accounts.js';
import { passwordErrors } from '../registration/registration.js';
import { audit } from '../../identity/audit.js';
import { createFlow, saveFlow, type Flow } from '../store.js';
import { sendCode, resendCode, verifyCode } from '../sms-code.js';
import { queueSms } from '../../sms/outbox.js';
import { sms } from '../../phrases/fa.js';

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

export const MOBILE_CHANGE_KIND = 'mobile_change';
const PURPOSE = 'mobile-change';

export interface MobileChangeData {
  mobile: string;
}

/**
 * Change mobile, step one: the new number must belong to the account holder (ownership check),
 * then a code is sent to it. Returns the flow whose code step comes next.
 */
export async function startMobileChange(
  s: Services,
  accountId: string,
  input: Input,
  meta: { ip: string },
): Promise<{ ok: true; flow: Flow<MobileChangeData> } | { ok: false; errors: FieldError[] }> {
  const account = await findAccount(s.db, accountId);
  if (!account) return { ok: false, errors: [fieldError(null, 'session.required')] };
  const m = validateMobile(str(input, 'mobile'));
  if (!m.ok) return { ok: false, errors: [fieldError('mobile', m.error)] };
  if (m.value === account.mobile) return { ok: false, errors: [fieldError('mobile', 'mobile.same_as_current')] };
  const owner = await s.mobileOwnership.check(account.national_code, m.value);
  if (owner.status === 'unavailable') return { ok: false, errors: [fieldError(null, 'registry.unavailable')] };
  if (owner.status === 'no_match') return { ok: false, errors: [fieldError('mobile', 'mobile.not_owner')] };
  return s.db.transaction().execute(async (trx) => {
    const flow = await createFlow<MobileChangeData>(trx, s.clock, {
      kind: MOBILE_CHANGE_KIND,
      state: 'verify',
      data: { mobile: m.value },
      ttlMs: s.config.limits.flowTtlMs,
      accountId,
    });
    const sent = await sendCode(s, trx, {
      subject: flow.id,
      purpose: PURPOSE,
      mobile: m.value,
      nationalCode: account.national_code,
      ip: meta.ip,
      ttlMs: s.config.limits.registrationOtpTtlMs,
      text: sms.mobileChangeCode,
    });
    if (!sent.ok) return { ok: false as const, errors: [fieldError('mobile', sent.code, sent.params)] };
    return { ok: true as const, flow };
  });
}

export async function resendMobileChangeCode(
  s: Services,
  flow: Flow<MobileChangeData>,
  meta: { ip: string },
): Promise<Result> {
  const account = flow.accountId ? await findAccount(s.db, flow.accountId) : undefined;
  if (!account || flow.state !== 'verify') return { ok: false, errors: [fieldError(null, 'flow.wrong_step')] };
  const r = await s.db.transaction().execute((trx) =>
    resendCode(s, trx, {
      subject: flow.id,
      purpose: PURPOSE,
      mobile: flow.data.mobile,
      nationalCode: account.national_code,
      ip: meta.ip,
      ttlMs: s.config.limits.registrationOtpTtlMs,
      text: sms.mobileChangeCode,
    }),
  );
  return r.ok ? { ok: true } : { ok: false, errors: [fieldError('code', r.code, r.params)] };
}

/** Change mobile, step two: the code proves the new number; the old number is told. */
export async function confirmMobileChange(
  s: Services,
  flow: Flow<MobileChangeData>,
  input: Input,
): Promise<StepOutcome<MobileChangeData>> {
  if (flow.state !== 'verify' || !flow.accountId) return fail(flow, [fieldError(null, 'flow.wrong_step')]);
  const accountId = flow.accountId;
  return s.db.transaction().execute(async (trx) => {
    const checked = await verifyCode(s, trx, flow.id, PURPOSE, str(input, 'code'));
    if (!checked.ok) return fail(flow, checked.errors);
    const saved = await saveFlow(trx, s.clock, flow, { state: 'done', data: flow.data, ttlMs: 60_000 });
    if (!saved) return fail(flow, [fieldError(null, 'flow.conflict')]);
    const old = await trx.selectFrom('accounts').select('mobile').where('id', '=', accountId).executeTakeFirst();
    await trx
      .updateTable('accounts')
      .set({ mobile: flow.data.mobile, updated_at: s.clock.now() })
      .where('id', '=', accountId)
      .execute();
    if (old?.mobile)
      await queueSms(trx, s.clock, { to: old.mobile, text: sms.mobileChanged(), purpose: 'mobile.changed' });
    await audit(trx, s.clock, { actor: 'self', action: 'account.mobile_changed', accountId });
    return { ok: true as const, flow: saved };
  });
}
