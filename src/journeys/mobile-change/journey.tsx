import { z } from 'zod';
import { h, Fragment } from '../../web/jsx.js';
import { errorFor } from '../../web/components/form.js';
import { MobileField } from '../../web/components/fields.js';
import { sms } from '../../phrases/fa.js';
import { CodePageFields, codePageLoad, resendAction, resendAfter } from '../code-step.js';
import { fieldError } from '../../flows/outcome.js';
import { sendCode, verifyCode, type CodeRequest } from '../../flows/sms-code.js';
import { validateMobile } from '../../domain/mobile.js';
import { findAccount } from '../../identity/accounts.js';
import { audit } from '../../identity/audit.js';
import { queueSms } from '../../sms/outbox.js';
import type { Executor } from '../../db/database.js';
import { defineJourney, defineStep, type StepContext, type TxContext } from '../engine/types.js';

/**
 * Change of the account's mobile: the new number must be the account holder's own (Shahkar), then
 * a code sent to it proves the person holds it; the old number is told.
 */
export interface MobileChangeData {
  /** The new number, once the ownership check passed and a code went to it. */
  mobile: string | null;
}

const PURPOSE = 'mobile-change';

/** The signed-in person's account; inside a step's transaction pass `ctx.trx` (one connection on PGlite). */
async function accountOf(ctx: StepContext, db: Executor = ctx.s.db) {
  return ctx.principal.kind === 'anonymous' ? undefined : findAccount(db, ctx.principal.accountId);
}

const codeRequest = (ctx: TxContext, mobile: string, nationalCode: string): CodeRequest => ({
  subject: ctx.flowId,
  purpose: PURPOSE,
  mobile,
  nationalCode,
  ip: ctx.ip,
  ttlMs: ctx.s.config.limits.registrationOtpTtlMs,
  text: sms.mobileChangeCode,
});

const number = defineStep<MobileChangeData, { mobile: z.ZodString }, { mobile: string; nationalCode: string }>({
  key: 'number',
  stage: 'شماره جدید',
  title: 'شماره همراه جدید',
  input: z.object({ mobile: z.string().max(20).describe('The new mobile number, e.g. 09121234567') }),
  next: ['verify'],
  prefill: (flow): Record<string, string> => (flow.data.mobile ? { mobile: flow.data.mobile } : {}),
  async prepare(ctx, _flow, input) {
    const account = await accountOf(ctx);
    if (!account) return { ok: false, errors: [fieldError(null, 'session.required')] };
    const m = validateMobile(input.mobile);
    if (!m.ok) return { ok: false, errors: [fieldError('mobile', m.error)] };
    if (m.value === account.mobile) return { ok: false, errors: [fieldError('mobile', 'mobile.same_as_current')] };
    const owner = await ctx.s.mobileOwnership.check(account.national_code, m.value);
    if (owner.status === 'unavailable') return { ok: false, errors: [fieldError(null, 'registry.unavailable')] };
    if (owner.status === 'no_match') return { ok: false, errors: [fieldError('mobile', 'mobile.not_owner')] };
    return { ok: true, value: { mobile: m.value, nationalCode: account.national_code } };
  },
  async commit(ctx, _flow, _input, p) {
    const sent = await sendCode(ctx.s, ctx.trx, codeRequest(ctx, p.mobile, p.nationalCode));
    if (!sent.ok) return { ok: false, errors: [fieldError('mobile', sent.code, sent.params)] };
    return { ok: true, state: 'verify', data: { mobile: p.mobile } };
  },
  body: (v) => (
    <Fragment>
      <p>شماره جدید باید به نام خود شما باشد. کد تایید به شماره جدید پیامک می‌شود.</p>
      <MobileField label="شماره تلفن همراه جدید" value={v.values.mobile} error={errorFor(v.errors, 'mobile')} />
    </Fragment>
  ),
});

const verify = defineStep<MobileChangeData, { code: z.ZodString }, undefined>({
  key: 'verify',
  stage: 'درج کد',
  title: 'تایید شماره همراه جدید',
  input: z.object({ code: z.string().max(10).describe('The 6-digit SMS code') }),
  secret: ['code'],
  next: ['done'],
  primary: 'تایید',
  back: { to: 'number', label: 'تغییر شماره' },
  async commit(ctx, flow, input) {
    const mobile = flow?.data.mobile;
    const accountId = flow?.accountId;
    if (!flow || !mobile || !accountId) return { ok: false, errors: [fieldError(null, 'flow.wrong_step')] };
    const checked = await verifyCode(ctx.s, ctx.trx, flow.id, PURPOSE, input.code);
    // a wrong guess stays counted: the failure keeps what the check wrote
    if (!checked.ok) return checked;
    const now = ctx.s.clock.now();
    const old = await ctx.trx.selectFrom('accounts').select('mobile').where('id', '=', accountId).executeTakeFirst();
    await ctx.trx.updateTable('accounts').set({ mobile, updated_at: now }).where('id', '=', accountId).execute();
    if (old?.mobile) {
      await queueSms(ctx.trx, ctx.s.clock, { to: old.mobile, text: sms.mobileChanged(), purpose: 'mobile.changed' });
    }
    await audit(ctx.trx, ctx.s.clock, { actor: 'self', action: 'account.mobile_changed', accountId });
    return { ok: true, state: 'done', data: flow.data };
  },
  actions: {
    resend: resendAction<MobileChangeData>('verify', async (ctx, flow) => {
      const account = await accountOf(ctx, ctx.trx);
      return account && flow.data.mobile ? codeRequest(ctx, flow.data.mobile, account.national_code) : null;
    }),
  },
  load: async (ctx, flow) => (flow ? codePageLoad(ctx.s, flow.id, PURPOSE, flow.data.mobile) : {}),
  body: (v) => (
    <CodePageFields
      v={v}
      codeName="کد تایید"
      otherWay="اگر این شماره پیامک نمی‌گیرد، با «تغییر شماره» شماره دیگری را که به نام خودتان است وارد کنید."
    />
  ),
  after: resendAfter,
});

export const mobileChange = defineJourney<MobileChangeData>({
  kind: 'mobile_change',
  title: 'تغییر شماره همراه',
  basePath: '/account/mobile',
  apiPath: '/api/v1/account/mobile',
  apiTag: 'account',
  access: 'citizen',
  ttlMs: (L) => L.flowTtlMs,
  data: z.object({
    mobile: z
      .string()
      .regex(/^09\d{9}$/)
      .nullable(),
  }),
  initial: () => ({ mobile: null }),
  steps: [number, verify],
  ends: [{ state: 'done', redirect: () => '/account?done=mobile', ttlMs: () => 60_000 }],
});
