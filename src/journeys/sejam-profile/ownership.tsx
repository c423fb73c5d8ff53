import { z } from 'zod';
import { sql } from 'kysely';
import { addMs } from '../../clock.js';
import { h, Fragment } from '../../web/jsx.js';
import { CodeField, ResendCodeForm, errorFor } from '../../web/components/form.js';
import { MobileField, PersonTypeField, ProfileIdentifierField } from '../../web/components/fields.js';
import { Captcha } from '../../web/components/captcha.js';
import { captchaProofFields } from '../../api/define.js';
import { ui } from '../../phrases/ui.js';
import { captchaAndField, captchaError, fieldError, minutesCeil } from '../../flows/outcome.js';
import { retryParams, verifyCode } from '../../flows/sms-code.js';
import { validateMobile } from '../../domain/mobile.js';
import type { CaptchaIssue } from '../../security/captcha-service.js';
import { findProfileByIdentifier, type PersonType } from '../../sejam/profiles.js';
import { validateProfileIdentifier } from '../../sejam/identifier.js';
import { defineStep, type Move, type TxContext } from '../engine/types.js';
import { codeWaitMs, sendViewCode, viewCodeSubject, VIEW_CODE_PURPOSE } from './code.js';

export interface ProfileViewData {
  /** The mobile typed at the first step (a code went to it if any profile has it). */
  mobile: string | null;
  /** The profile shown, once code, mobile, type and national code were all one profile's. */
  profileId: string | null;
}

const mobileInput = {
  mobile: z.string().max(20).describe('The mobile the Sejam profile was registered with, e.g. 09121234567'),
  ...captchaProofFields,
};

/**
 * The two steps that prove a person owns a profile (the registered mobile and a captcha → an SMS
 * code; then the code, the person type and the national code), shared by every journey that
 * opens a profile (its view, its edit). The code step leads to `next` with `profileId` set.
 */
export function ownershipSteps<D extends ProfileViewData>(opts: { next: string; primary: string; initial: () => D }) {
  const mobileStep = defineStep<D, typeof mobileInput, string>({
    key: 'mobile',
    stage: 'شماره همراه',
    title: 'شماره همراه ثبت‌شده در سجام',
    input: z.object(mobileInput),
    secret: ['captcha', 'captcha_id', 'altcha'],
    next: ['code'],
    primary: 'دریافت کد تایید',
    prefill: (flow): Record<string, string> => (flow.data.mobile ? { mobile: flow.data.mobile } : {}),
    prepare: (ctx, _flow, input) => captchaAndField(ctx.s.captcha, input, 'mobile', validateMobile(input.mobile)),
    async commit(ctx, _flow, _input, mobile) {
      // a code sent within the cooldown (asked for in any flow) is on the phone: no new one, no refusal
      if ((await codeWaitMs(ctx.s, ctx.trx, mobile)) === 0) {
        const sent = await sendViewCode(ctx, mobile);
        if (!sent.ok) return { ok: false, errors: [fieldError('mobile', sent.code, sent.params)] };
      }
      return { ok: true, state: 'code', data: { ...(_flow?.data ?? opts.initial()), mobile, profileId: null } };
    },
    load: async (ctx) => ({ captcha: await ctx.s.captcha.issue(ctx.ip, { altcha: true }) }),
    body: (v) => (
      <Fragment>
        <p>
          شماره همراهی را وارد کنید که با آن در سجام ثبت نام کرده‌اید. اگر پرونده‌ای با این شماره باشد، کد تایید به آن
          پیامک می‌شود.
        </p>
        <MobileField label="شماره همراه" value={v.values.mobile} error={errorFor(v.errors, 'mobile')} />
        <Captcha captcha={v.extra.captcha as CaptchaIssue | undefined} error={errorFor(v.errors, 'captcha')} />
      </Fragment>
    ),
  });

  const codeInput = {
    code: z.string().max(10).describe('The 6-digit code sent by SMS'),
    person_type: z.string().max(10).describe('natural (حقیقی) or legal (حقوقی)'),
    national_code: z.string().max(20).describe("A natural person's national code, or a legal person's national ID"),
    ...captchaProofFields,
  };

  type Who = { personType: PersonType; identifier: string };

  /**
   * The right code, but mobile, type and national code are not one profile's: one answer for every
   * such miss. It costs a guess from the mobile's code budget (so the form is no oracle to try
   * national codes with), and the code stays usable: a typo needs no new SMS.
   */
  async function mismatch<D>(ctx: TxContext, mobile: string): Promise<Move<D>> {
    const budget = ctx.s.otp.guessBudget(VIEW_CODE_PURPOSE, mobile);
    const charged = await ctx.s.rates.chargeAll([budget], ctx.trx);
    const remaining = charged.allowed ? budget.limit - charged.counts[0]! : 0;
    if (remaining > 0) return { ok: false, errors: [fieldError(null, 'sejam.profile_not_matched', { remaining })] };
    const until = (await ctx.s.rates.blockedUntil(budget, ctx.trx)) ?? addMs(ctx.s.clock.now(), budget.windowMs);
    return { ok: false, errors: [fieldError('code', 'otp.too_many_attempts', retryParams(ctx.s, until))] };
  }

  const codeStep = defineStep<D, typeof codeInput, Who>({
    key: 'code',
    stage: 'کد تایید',
    title: 'کد تایید، نوع مشتری و کد ملی',
    input: z.object(codeInput),
    secret: ['code', 'captcha', 'captcha_id', 'altcha'],
    next: [opts.next],
    primary: opts.primary,
    back: { to: 'mobile', label: 'تغییر شماره' },
    async prepare(ctx, _flow, input) {
      const captcha = await captchaError(ctx.s.captcha, input);
      const type = input.person_type;
      const typed = type === 'natural' || type === 'legal';
      const id = typed ? validateProfileIdentifier(input.national_code, type) : null;
      const errors = [
        ...(typed ? [] : [fieldError('person_type', 'sejam.person_type_required')]),
        ...(id && !id.ok ? [fieldError('national_code', id.error)] : []),
        ...(captcha ? [captcha] : []),
      ];
      if (!id?.ok || errors.length) return { ok: false, errors };
      return { ok: true, value: { personType: id.personType, identifier: id.value } };
    },
    async commit(ctx, flow, input, who) {
      const mobile = flow?.data.mobile;
      if (!flow || !mobile) return { ok: false, errors: [fieldError(null, 'flow.wrong_step')] };
      await sql`SAVEPOINT sejam_view_code`.execute(ctx.trx);
      const checked = await verifyCode(ctx.s, ctx.trx, viewCodeSubject(mobile), VIEW_CODE_PURPOSE, input.code);
      if (!checked.ok) return checked;
      const profile = await findProfileByIdentifier(ctx.trx, who.identifier);
      if (profile?.mobile === mobile && profile.person_type === who.personType) {
        await sql`RELEASE SAVEPOINT sejam_view_code`.execute(ctx.trx);
        return { ok: true, state: opts.next, data: { ...flow.data, mobile, profileId: profile.id } };
      }
      // the code is given back unused; the miss is charged instead
      await sql`ROLLBACK TO SAVEPOINT sejam_view_code`.execute(ctx.trx);
      return mismatch<D>(ctx, mobile);
    },
    actions: {
      resend: {
        summary: 'send the code again (after the cooldown; to the mobile only if a profile has it)',
        async run(ctx, flow) {
          const mobile = flow.data.mobile;
          if (!mobile) return { ok: false, errors: [fieldError(null, 'flow.wrong_step')] };
          const wait = await codeWaitMs(ctx.s, ctx.trx, mobile);
          if (wait > 0)
            return {
              ok: false,
              errors: [fieldError('code', 'otp.resend_too_soon', { seconds: Math.ceil(wait / 1000) })],
            };
          const sent = await sendViewCode(ctx, mobile);
          return sent.ok
            ? { ok: true, state: 'code', data: flow.data }
            : { ok: false, errors: [fieldError('code', sent.code, sent.params)] };
        },
      },
    },
    async load(ctx, flow) {
      const mobile = flow?.data.mobile;
      return {
        mobile,
        resendWaitSeconds: mobile ? Math.ceil((await codeWaitMs(ctx.s, ctx.s.db, mobile)) / 1000) : 0,
        captcha: await ctx.s.captcha.issue(ctx.ip, { altcha: true }),
      };
    },
    body: (v) => (
      <Fragment>
        {/* never whether an SMS went, is on its way or failed: that would tell who has a profile */}
        <p>
          اگر پرونده سجامی با شماره <span dir="ltr">{ui.digits(String(v.extra.mobile ?? ''))}</span> باشد، کد تایید به
          آن پیامک شد. کد تا {ui.digits(String(minutesCeil(v.s.config.limits.sejamViewOtpTtlMs)))} دقیقه معتبر است.
        </p>
        <CodeField label={ui.otpCode} error={errorFor(v.errors, 'code')} />
        <PersonTypeField legend="نوع مشتری" value={v.values.person_type} error={errorFor(v.errors, 'person_type')} />
        <ProfileIdentifierField value={v.values.national_code} error={errorFor(v.errors, 'national_code')} />
        <Captcha captcha={v.extra.captcha as CaptchaIssue | undefined} error={errorFor(v.errors, 'captcha')} />
      </Fragment>
    ),
    after: (v) => (
      <ResendCodeForm action={v.action} csrf={v.csrf} waitSeconds={Number(v.extra.resendWaitSeconds ?? 0)} />
    ),
  });
  return [mobileStep, codeStep] as const;
}
