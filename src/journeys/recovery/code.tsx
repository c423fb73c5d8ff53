/** Recovery step 3 by SMS: the six-digit code, the same page for every national code. */
import { z } from 'zod';
import { h, Fragment } from '../../web/jsx.js';
import { CodeField, Notice, ResendCodeForm, errorFor } from '../../web/components/form.js';
import { ui } from '../../phrases/ui.js';
import type { Services } from '../../services.js';
import type { Tx } from '../../db/database.js';
import { addMs } from '../../clock.js';
import { normalizeDigits, stripSeparators } from '../../domain/digits.js';
import { fieldError } from '../../flows/outcome.js';
import { retryParams, verifyCode } from '../../flows/sms-code.js';
import { defineStep } from '../engine/types.js';
import {
  CODE_LABEL,
  RECOVERY_OTP_PURPOSE,
  accountOf,
  noFlow,
  recoveryCodeSubject,
  statusError,
  type RecoveryAccount,
  type RecoveryData,
  verifyStage,
} from './data.js';
import { sendRecoveryCode } from './start.js';

/** With no account or no mobile, guesses are budgeted per national code: the answers look alike. */
const noCodeBudget = (s: Services, nationalCode: string) =>
  s.otp.guessBudget(RECOVERY_OTP_PURPOSE, `nc:${nationalCode}`);

/** The code step when no code was sent: every guess is wrong, budgeted like a real one. */
async function verifyNoCode(s: Services, trx: Tx, nationalCode: string, raw: string) {
  const code = stripSeparators(normalizeDigits(raw));
  const label = CODE_LABEL;
  if (!code) return { ok: false as const, errors: [fieldError('code', 'otp.required', { label })] };
  if (!/^\d{6}$/.test(code)) return { ok: false as const, errors: [fieldError('code', 'otp.format', { label })] };
  const budget = noCodeBudget(s, nationalCode);
  const charged = await s.rates.chargeAll([budget], trx);
  const now = s.clock.now();
  const remaining = charged.allowed ? budget.limit - charged.counts[0]! : 0;
  if (remaining > 0) return { ok: false as const, errors: [fieldError('code', 'otp.wrong', { remaining, label })] };
  const until = (await s.rates.blockedUntil(budget, trx)) ?? addMs(now, charged.allowed ? budget.windowMs : 0);
  return { ok: false as const, errors: [fieldError('code', 'otp.too_many_attempts', retryParams(s, until))] };
}

/** The resend wait, counted from this flow's last request (whether or not an SMS went). */
export function resendWaitMs(s: Services, data: RecoveryData): number {
  const at = data.codeAt ? Date.parse(data.codeAt) : NaN;
  if (Number.isNaN(at)) return 0;
  return Math.max(0, at + s.config.limits.otpResendCooldownMs - s.clock.now().getTime());
}

/**
 * Wrong guesses are budgeted per mobile (see OtpService), and the refusal commits the charge. A
 * right code for an account that cannot be used online says so (branch visit) only now. The code
 * typed is shown again with its error (it is no secret once wrong).
 */
export const code = defineStep<RecoveryData, { code: z.ZodString }, { account: RecoveryAccount | null }>({
  key: 'code',
  stage: verifyStage,
  title: 'درج کد',
  input: z.object({ code: z.string().max(10).describe('The 6-digit code sent by SMS') }),
  next: ['new_password'],
  back: { to: 'method' },
  async prepare(ctx, flow) {
    if (!flow) return noFlow();
    return { ok: true, value: { account: await accountOf(ctx.s.db, flow.data) } };
  },
  async commit(ctx, flow, input, { account }) {
    if (!flow) return noFlow();
    const checked = account?.mobile
      ? await verifyCode(
          ctx.s,
          ctx.trx,
          recoveryCodeSubject(account.id),
          RECOVERY_OTP_PURPOSE,
          input.code,
          'code',
          CODE_LABEL,
        )
      : await verifyNoCode(ctx.s, ctx.trx, flow.data.nationalCode, input.code);
    if (!checked.ok) return checked;
    const closed = account ? statusError(account.status) : null;
    if (closed) return { ok: false, errors: [closed] };
    return { ok: true, state: 'new_password', data: { ...flow.data, verified: 'sms' } };
  },
  actions: {
    resend: {
      summary: 'send a new recovery code (after the cooldown)',
      /** A new code to the account's mobile as it is now; with none, the same answers as if there were. */
      async run(ctx, flow) {
        const wait = resendWaitMs(ctx.s, flow.data);
        if (wait > 0)
          return {
            ok: false,
            errors: [fieldError('code', 'otp.resend_too_soon', { seconds: Math.ceil(wait / 1000) })],
          };
        const account = await accountOf(ctx.trx, flow.data);
        if (account?.mobile) {
          const r = await sendRecoveryCode(ctx, account, account.mobile, false);
          if (!r.ok) return { ok: false, errors: [fieldError('code', r.code, r.params)] };
        } else {
          // guesses spent means no new code, with or without an account
          const blocked = await ctx.s.rates.blockedUntil(noCodeBudget(ctx.s, flow.data.nationalCode), ctx.trx);
          if (blocked)
            return { ok: false, errors: [fieldError('code', 'otp.too_many_attempts', retryParams(ctx.s, blocked))] };
        }
        return { ok: true, state: 'code', data: { ...flow.data, codeAt: ctx.s.clock.now().toISOString() } };
      },
    },
  },
  load: async (ctx, flow) => (flow ? { resendWaitSeconds: Math.ceil(resendWaitMs(ctx.s, flow.data) / 1000) } : {}),
  body: (v) => (
    <Fragment>
      <p class="lead">
        اگر برای این کد ملی حسابی با شماره همراه ثبت شده باشد، {ui.verificationCode} ۶ رقمی به آن شماره پیامک می‌شود. آن
        را وارد کنید؛ این کد {ui.digits(String(Math.round(v.s.config.limits.recoveryOtpTtlMs / 60_000)))} دقیقه معتبر
        است.
      </p>
      {/* the same for every national code: whether an SMS went, or failed, is never shown here */}
      <Notice kind="info" title="اگر پیامک نرسید">
        <ul data-recovery="no-sms-advice">
          <li>چند لحظه صبر کنید؛ سپس با «{ui.resendCode}» کد تازه بخواهید.</li>
          <li>
            شاید شماره همراهی در حساب شما ثبت نشده باشد، آن شماره دیگر در دسترس شما نباشد یا پیامک به آن نرسد: از «مرحله
            قبل» روش سوالات امنیتی را برگزینید.
          </li>
          <li>اگر هیچ‌یک ممکن نبود، برای بازیابی گذرواژه با مدارک هویتی به نزدیک‌ترین شعبه مراجعه کنید.</li>
        </ul>
        <p class="muted">
          برای حفظ امنیت حساب‌ها، این صفحه نشان نمی‌دهد که برای این کد ملی پیامکی فرستاده شده است یا نه.
        </p>
      </Notice>
      <CodeField label={ui.verificationCode} value={v.values.code} error={errorFor(v.errors, 'code')} />
    </Fragment>
  ),
  after: (v) => <ResendCodeForm action={v.action} csrf={v.csrf} waitSeconds={Number(v.extra.resendWaitSeconds ?? 0)} />,
});
