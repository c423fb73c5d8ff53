/** Recovery's first two steps: who (national code or FIDA code, behind a captcha) and how (SMS or questions). */
import { z } from 'zod';
import { h, Fragment } from '../../web/jsx.js';
import { NationalOrFidaField, Notice, RadioGroup, errorFor } from '../../web/components/form.js';
import { Captcha } from '../../web/components/captcha.js';
import { ui } from '../../phrases/ui.js';
import { sms } from '../../phrases/fa.js';
import type { Services } from '../../services.js';
import type { CaptchaIssue } from '../../security/captcha-service.js';
import { captchaProofFields } from '../../api/define.js';
import { captchaError, fieldError, wholeMinutes } from '../../flows/outcome.js';
import { sendCode, type CodeRequest } from '../../flows/sms-code.js';
import { findAccountByNationalCode } from '../../identity/accounts.js';
import { defineStep, type TxContext } from '../engine/types.js';
import {
  RECOVERY_OTP_PURPOSE,
  accountOf,
  noFlow,
  recoveryCodeSubject,
  validateRecoveryIdentifier,
  type RecoveryAccount,
  type RecoveryData,
} from './data.js';
import { questionsClosed } from './questions.js';

const identifyInput = z.object({
  nationalCode: z.string().max(20).describe('National code (10 digits) or FIDA code (12 digits)'),
  ...captchaProofFields,
});

type Found = { nationalCode: string; accountId: string | null };

/**
 * Step 1: national code / FIDA code and the captcha, checked first (nothing below can be probed by
 * a script). Past it, every well-formed code gets the same answer: a flow at `method`. Reached
 * again by «مرحله قبل», the same code carries on in this flow; another one starts a fresh flow.
 */
export const identify = defineStep<RecoveryData, (typeof identifyInput)['shape'], Found>({
  key: 'identify',
  stage: ui.nationalOrFida,
  title: ui.nationalOrFida,
  input: identifyInput,
  secret: ['captcha_id', 'captcha', 'altcha'],
  next: ['method'],
  prefill: (flow): Record<string, string> => ({ nationalCode: flow.data.nationalCode }),
  async prepare(ctx, _flow, input) {
    const errors = [];
    const captcha = await captchaError(ctx.s.captcha, input);
    const code = validateRecoveryIdentifier(input.nationalCode);
    if (!code.ok) errors.push(fieldError('nationalCode', code.error));
    if (captcha) errors.push(captcha);
    if (!code.ok || errors.length) return { ok: false, errors };
    const account = await findAccountByNationalCode(ctx.s.db, code.value);
    return { ok: true, value: { nationalCode: code.value, accountId: account?.id ?? null } };
  },
  async commit(_ctx, flow, _input, found) {
    if (flow && found.nationalCode === flow.data.nationalCode) return { ok: true, state: 'method', data: flow.data };
    return { ok: true, state: 'method', data: found, ...(flow ? { fresh: true as const } : {}) };
  },
  // the image is issued for the page only: an app asks POST /api/v1/captcha for its own
  load: async (ctx, _flow, face) =>
    face === 'page' ? { captcha: await ctx.s.captcha.issue(ctx.ip, { altcha: true }) } : {},
  body: (v) => (
    <Fragment>
      <Notice kind="info" title="کاربر گرامی">
        <p>
          اگر گذرواژه خود را فراموش کرده‌اید، در این بخش می‌توانید با کدی که به شماره همراه ثبت‌شده در حسابتان پیامک
          می‌شود یا با پاسخ سوالات امنیتی، گذرواژه جدیدی تعیین کنید.
        </p>
      </Notice>
      <NationalOrFidaField
        name="nationalCode"
        hint="کد ملی ۱۰ رقمی، یا کد فیدای ۱۲ رقمی برای اتباع خارجی"
        value={v.values.nationalCode}
        error={errorFor(v.errors, 'nationalCode')}
      />
      <Captcha captcha={v.extra.captcha as CaptchaIssue | undefined} error={errorFor(v.errors, 'captcha')} />
    </Fragment>
  ),
});

const recoveryCodeRequest = (ctx: TxContext, account: RecoveryAccount, mobile: string): CodeRequest => ({
  subject: recoveryCodeSubject(account.id),
  purpose: RECOVERY_OTP_PURPOSE,
  mobile,
  nationalCode: account.national_code,
  ip: ctx.ip,
  ttlMs: ctx.s.config.limits.recoveryOtpTtlMs,
  text: (code) => sms.recoveryCode(code, wholeMinutes(ctx.s.config.limits.recoveryOtpTtlMs)),
});

/**
 * Sends a recovery code to the account's mobile as it is now, unless a live code already went
 * there (asked for in any flow: a code sent at someone else's request reaches the owner's phone
 * and works in the owner's flow, so a flood of requests cannot keep the owner from recovering).
 */
export async function sendRecoveryCode(ctx: TxContext, account: RecoveryAccount, mobile: string, reuse: boolean) {
  if (reuse) {
    const live = await ctx.s.otp.current(ctx.trx, recoveryCodeSubject(account.id), RECOVERY_OTP_PURPOSE);
    if (live && live.mobile === mobile && live.expires_at > ctx.s.clock.now()) return { ok: true as const };
  }
  return sendCode(ctx.s, ctx.trx, recoveryCodeRequest(ctx, account, mobile));
}

const methodsOpen = async (s: Services, data: RecoveryData) => ({
  sms: true,
  questions: !(await questionsClosed(s, data)),
});

/**
 * Step 2: the method. Both are always offered, and the page shows nothing of the account (mobile,
 * questions, status). SMS sends a code to the account's mobile; with no account or no mobile
 * nothing is sent, and the next page is the same.
 */
export const method = defineStep<
  RecoveryData,
  { method: z.ZodString },
  { method: 'questions' } | { method: 'sms'; account: RecoveryAccount | null }
>({
  key: 'method',
  stage: 'روش بازنشانی گذرواژه',
  title: 'روش بازنشانی گذرواژه',
  input: z.object({ method: z.string().max(20).describe("'sms' or 'questions'") }),
  next: ['code', 'questions'],
  back: { to: 'identify' },
  prefill: (flow): Record<string, string> => (flow.data.method ? { method: flow.data.method } : {}),
  async prepare(ctx, flow, input) {
    if (!flow) return noFlow();
    if (input.method === 'questions') {
      if (await questionsClosed(ctx.s, flow.data))
        return { ok: false, errors: [fieldError('method', 'recovery.too_many_attempts')] };
      return { ok: true, value: { method: 'questions' } };
    }
    if (input.method !== 'sms') return { ok: false, errors: [fieldError('method', 'recovery.method_required')] };
    return { ok: true, value: { method: 'sms', account: await accountOf(ctx.s.db, flow.data) } };
  },
  async commit(ctx, flow, _input, p) {
    if (!flow) return noFlow();
    if (p.method === 'questions') return { ok: true, state: 'questions', data: { ...flow.data, method: 'questions' } };
    if (p.account?.mobile) {
      const sent = await sendRecoveryCode(ctx, p.account, p.account.mobile, true);
      if (!sent.ok) return { ok: false, errors: [fieldError('method', sent.code, sent.params)] };
    }
    return { ok: true, state: 'code', data: { ...flow.data, method: 'sms', codeAt: ctx.s.clock.now().toISOString() } };
  },
  load: async (ctx, flow) => (flow ? { methods: await methodsOpen(ctx.s, flow.data) } : {}),
  body: (v) => (
    <Fragment>
      <RadioGroup
        name="method"
        legend={ui.recoveryMethodLegend}
        required
        value={v.values.method}
        error={errorFor(v.errors, 'method')}
        options={[
          { value: 'sms', label: ui.recoveryBySms },
          { value: 'questions', label: ui.recoveryByQuestions },
        ]}
      />
      <p class="hint">با پیامک، کد ۶ رقمی به شماره همراهی فرستاده می‌شود که در حساب شما ثبت است.</p>
      <Notice kind="info">
        <p>اگر بازیابی با هیچ‌یک از این دو روش ممکن نبود، برای بازیابی گذرواژه به نزدیک‌ترین شعبه مراجعه کنید.</p>
      </Notice>
    </Fragment>
  ),
});
