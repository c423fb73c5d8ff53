import { z } from 'zod';
import { h, Fragment } from '../../web/jsx.js';
import { Notice, errorFor } from '../../web/components/form.js';
import { ProfileIdentifierField } from '../../web/components/fields.js';
import { Captcha } from '../../web/components/captcha.js';
import { captchaProofFields } from '../../api/define.js';
import { ui } from '../../phrases/ui.js';
import { sms } from '../../phrases/fa.js';
import { captchaAndField, wholeMinutes } from '../../flows/outcome.js';
import { queueSms } from '../../sms/outbox.js';
import type { CaptchaIssue } from '../../security/captcha-service.js';
import { findProfileByIdentifier, recordHistory } from '../../sejam/profiles.js';
import { validateProfileIdentifier } from '../../sejam/identifier.js';
import type { Services } from '../../services.js';
import { defineJourney, defineStep, type TxContext } from '../engine/types.js';

/**
 * «بازیابی کد پیگیری» (the seed's first way back to a lost tracking code): a national code or a
 * legal person's national ID and a captcha, button «بررسی»; the same code is SMSed again to the
 * profile's own mobile, only while the profile is in «کد پیگیری».
 *
 * Privacy: national codes are not secrets, so this page must not become a way to learn whether
 * somebody registered in Sejam or how far they got. Past the captcha, every well-formed code gets
 * the one answer page: it states the seed's rule (sent only in «کد پیگیری»; nothing before that
 * stage, nothing while awaiting authentication or after it) and what to do in each case, and
 * never says which case this is: no "sent", no masked mobile, no state. The owner knows their own
 * stage, and the profile view (after proving the mobile) shows it. A spent send budget changes
 * nothing on the page either (the rule it follows is stated there). See docs/security.md.
 */
export interface TrackingCodeData {
  /** What was typed (normalised), shown back on the answer; nothing about any profile. */
  identifier: string | null;
}

const SMS_PURPOSE = 'sejam.tracking_code_again';

/**
 * Sends the same tracking code to the profile's own mobile when its state allows it and its
 * budgets have room; otherwise nothing, silently (the answer is the same either way). Budgets:
 * a cooldown and a per-profile and per-mobile count of their own, the per-IP SMS flood guard.
 */
async function resendTrackingCode(ctx: TxContext, identifier: string): Promise<void> {
  const profile = await findProfileByIdentifier(ctx.trx, identifier);
  if (profile?.state !== 'tracking_code' || !profile.tracking_code) return;
  const { rates, config, clock } = ctx.s;
  const L = config.limits;
  const charged = await rates.chargeAll(
    [
      { key: rates.key('sejam-code-cooldown', profile.id), limit: 1, windowMs: L.otpResendCooldownMs },
      {
        key: rates.key('sejam-code-profile', profile.id),
        limit: L.sejamCodeSmsPerProfile,
        windowMs: L.sejamCodeSmsWindowMs,
      },
      {
        key: rates.key('sejam-code-mobile', profile.mobile),
        limit: L.sejamCodeSmsPerMobile,
        windowMs: L.sejamCodeSmsWindowMs,
      },
      { key: rates.key('sms-ip', ctx.ip), limit: L.smsPerIp, windowMs: L.smsWindowMs },
    ],
    ctx.trx,
  );
  if (!charged.allowed) return;
  await queueSms(ctx.trx, clock, {
    to: profile.mobile,
    text: sms.sejamTrackingCodeAgain(profile.tracking_code),
    purpose: SMS_PURPOSE,
    // the outbox forgets the text once the gateway has it, as for codes
    sensitive: true,
  });
  // support can answer "I asked and got nothing" (who asked is not known: the actor is the route)
  await recordHistory(ctx.trx, clock, {
    profileId: profile.id,
    actor: 'tracking_code_recovery',
    action: 'tracking_code.resent',
  });
}

const checkInput = {
  national_code: z
    .string()
    .max(20)
    .describe("A natural person's 10-digit national code, or a legal person's 11-digit national ID"),
  ...captchaProofFields,
};

const check = defineStep<TrackingCodeData, typeof checkInput, string>({
  key: 'check',
  stage: 'بررسی',
  title: 'کد ملی و کد امنیتی',
  input: z.object(checkInput),
  secret: ['captcha', 'captcha_id', 'altcha'],
  next: ['answered'],
  primary: 'بررسی',
  prepare: (ctx, _flow, input) =>
    captchaAndField(ctx.s.captcha, input, 'national_code', validateProfileIdentifier(input.national_code)),
  async commit(ctx, _flow, _input, identifier) {
    await resendTrackingCode(ctx, identifier);
    return { ok: true, state: 'answered', data: { identifier } };
  },
  load: async (ctx) => ({ captcha: await ctx.s.captcha.issue(ctx.ip, { altcha: true }) }),
  body: (v) => (
    <Fragment>
      <p>
        کد ملی خود (شخص حقوقی: شناسه ملی) و کد امنیتی را وارد کنید و «بررسی» را بزنید. اگر پرونده شما در وضعیت «کد
        پیگیری» باشد، همان کد پیگیری ده رقمی به شماره همراهی که با آن ثبت نام کرده‌اید پیامک می‌شود.
      </p>
      <ProfileIdentifierField value={v.values.national_code} error={errorFor(v.errors, 'national_code')} />
      <Captcha captcha={v.extra.captcha as CaptchaIssue | undefined} error={errorFor(v.errors, 'captcha')} />
    </Fragment>
  ),
});

/** The one answer for every well-formed code: the rule, what to do in each case, never which case. */
function Answer(p: { identifier: string | null; s: Services }) {
  const L = p.s.config.limits;
  return (
    <Fragment>
      <Notice kind="info">
        <p>
          درخواست برای <span dir="ltr">{ui.digits(p.identifier ?? '')}</span> بررسی شد. کد پیگیری فقط وقتی دوباره پیامک
          می‌شود که پرونده سجام در وضعیت «کد پیگیری» باشد.
        </p>
      </Notice>
      <ul>
        <li>
          <strong>در وضعیت «کد پیگیری»:</strong> همان کد پیگیری ده رقمی به شماره همراهی که با آن ثبت نام کرده‌اید پیامک
          می‌شود (برای هر پرونده حداکثر {ui.digits(String(L.sejamCodeSmsPerProfile))} بار در{' '}
          {ui.digits(String(wholeMinutes(L.sejamCodeSmsWindowMs)))} دقیقه). پیامک را نگه دارید؛ برای احراز هویت حضوری یا
          غیر حضوری به این کد نیاز دارید.
        </li>
        <li>
          <strong>پیش از این مرحله</strong> (پرداخت هزینه، تکمیل فرم‌ها، استعلام یا اصلاح استعلام ناموفق): هنوز کد
          پیگیری صادر نشده و پیامکی فرستاده نمی‌شود. با «ثبت نام سجام» و همان شماره همراه ادامه دهید.
        </li>
        <li>
          <strong>در انتظار نتیجه احراز هویت یا پس از آن:</strong> کد پیگیری دوباره فرستاده نمی‌شود؛ نتیجه احراز هویت و
          کد بورسی با پیامک اعلام می‌شود.
        </li>
      </ul>
      <p>
        اگر پیامکی نرسید، کد پیگیری را در «مشاهده پرونده سجام» ببینید: با شماره همراه ثبت‌شده و کد تایید پیامکی، کد
        پیگیری و وضعیت پرونده بالای پرونده نمایش داده می‌شود.
      </p>
      <p class="muted">
        این پاسخ برای هر کد ملی یکسان است و نمی‌گوید پرونده‌ای هست یا در چه وضعیتی است؛ پیامک فقط به شماره همراه خود
        پرونده می‌رود.
      </p>
      <ul>
        <li>
          <a href="/sejam/profile">مشاهده پرونده سجام</a>
        </li>
        <li>
          <a href="/sejam">ثبت نام سجام</a>
        </li>
        <li>
          <a href="/sejam/tracking-code">بررسی کد ملی دیگر</a>
        </li>
      </ul>
    </Fragment>
  );
}

export const sejamTrackingCode = defineJourney<TrackingCodeData>({
  kind: 'sejam_tracking_code',
  title: 'بازیابی کد پیگیری',
  basePath: '/sejam/tracking-code',
  apiPath: '/api/v1/sejam/tracking-code',
  apiTag: 'sejam',
  access: 'anonymous',
  ttlMs: (L) => L.flowTtlMs,
  data: z.object({
    identifier: z
      .string()
      .regex(/^\d{10,11}$/)
      .nullable(),
  }),
  initial: () => ({ identifier: null }),
  steps: [check],
  ends: [
    {
      state: 'answered',
      page: { title: 'نتیجه بررسی', body: (flow, s) => <Answer identifier={flow.data.identifier} s={s} /> },
      // it names what was typed: on a shared computer it should not stay long
      ttlMs: (L) => L.sejamProfileViewMs,
    },
  ],
});
