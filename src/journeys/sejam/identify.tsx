import { z } from 'zod';
import { h, Fragment } from '../../web/jsx.js';
import { Notice, TextField, errorFor } from '../../web/components/form.js';
import { Captcha } from '../../web/components/captcha.js';
import { captchaProofFields } from '../../api/define.js';
import { sms } from '../../phrases/fa.js';
import { captchaAndField, fieldError } from '../../flows/outcome.js';
import { sendCode, verifyCode, type CodeRequest } from '../../flows/sms-code.js';
import { validateMobile } from '../../domain/mobile.js';
import { validateNationalCode } from '../../domain/national-code.js';
import type { CaptchaIssue } from '../../security/captcha-service.js';
import { defineStep, type TxContext } from '../engine/types.js';
import { RESUME_STATES, SEJAM_CODE_PURPOSE, emptyData, type SejamData } from './data.js';
import { MobileField, PersonTypeField } from '../../web/components/fields.js';
import { enterProfile } from './profile-entry.js';
import { validateLegalId } from '../../domain/legal-id.js';
import { CodePageFields, codePageLoad, resendAction, resendAfter } from '../code-step.js';

/** Steps 1 and 2 of the seed: the person's own mobile proven by SMS, then who registers. */

const codeRequest = (ctx: TxContext, mobile: string): CodeRequest => ({
  subject: ctx.flowId,
  purpose: SEJAM_CODE_PURPOSE,
  mobile,
  // the national code comes on the next page; the mobile and address budgets hold until then
  nationalCode: null,
  ip: ctx.ip,
  ttlMs: ctx.s.config.limits.registrationOtpTtlMs,
  text: sms.sejamCode,
});

const mobileInput = {
  mobile: z.string().max(20).describe('Your own mobile number, e.g. 09121234567'),
  channel: z.string().max(40).optional().describe("A broker's channel code from its link (may waive the fee)"),
  ...captchaProofFields,
};

export const mobileStep = defineStep<SejamData, typeof mobileInput, { mobile: string; channel: string | null }>({
  key: 'mobile',
  stage: 'شماره همراه',
  title: 'شماره همراه',
  input: z.object(mobileInput),
  secret: ['captcha', 'captcha_id', 'altcha'],
  next: ['verify'],
  primary: 'دریافت کد تایید',
  prefill: (flow): Record<string, string> => (flow.data.mobile ? { mobile: flow.data.mobile } : {}),
  async prepare(ctx, _flow, input) {
    const checked = await captchaAndField(ctx.s.captcha, input, 'mobile', validateMobile(input.mobile));
    if (!checked.ok) return checked;
    // an unknown channel is no error: the person simply pays the fee
    const channel = /^[a-z0-9-]{1,40}$/.test(input.channel ?? '') ? input.channel! : null;
    return { ok: true, value: { mobile: checked.value, channel } };
  },
  async commit(ctx, flow, _input, p) {
    const sent = await sendCode(ctx.s, ctx.trx, codeRequest(ctx, p.mobile));
    if (!sent.ok) return { ok: false, errors: [fieldError('mobile', sent.code, sent.params)] };
    const data = flow?.data ?? emptyData();
    return { ok: true, state: 'verify', data: { ...data, mobile: p.mobile, channel: p.channel ?? data.channel } };
  },
  load: async (ctx, _flow, face) =>
    face === 'page' ? { captcha: await ctx.s.captcha.issue(ctx.ip, { altcha: true }) } : {},
  body: (v) => (
    <Fragment>
      <Notice kind="info">
        <p>
          شماره‌ای را وارد کنید که به نام خود شما (یا برای شخص حقوقی، به نام نماینده‌ای که ثبت نام می‌کند) است. سجام
          پیام‌ها و کد پیگیری را به همین شماره می‌فرستد؛ آن را با دقت وارد کنید.
        </p>
      </Notice>
      <MobileField label="شماره همراه" value={v.values.mobile} error={errorFor(v.errors, 'mobile')} />
      {v.values.channel ? <input type="hidden" name="channel" value={v.values.channel} /> : null}
      <Captcha captcha={v.extra.captcha as CaptchaIssue | undefined} error={errorFor(v.errors, 'captcha')} />
    </Fragment>
  ),
});

export const verifyStep = defineStep<SejamData, { code: z.ZodString }, undefined>({
  key: 'verify',
  stage: 'کد تایید',
  title: 'کد تایید',
  input: z.object({ code: z.string().max(10).describe('The 6-digit code sent by SMS') }),
  secret: ['code'],
  next: ['person'],
  primary: 'تایید',
  back: { to: 'mobile', label: 'تغییر شماره' },
  async commit(ctx, flow, input) {
    if (!flow?.data.mobile) return { ok: false, errors: [fieldError(null, 'flow.wrong_step')] };
    const checked = await verifyCode(ctx.s, ctx.trx, flow.id, SEJAM_CODE_PURPOSE, input.code);
    if (!checked.ok) return checked;
    return { ok: true, state: 'person', data: flow.data };
  },
  actions: {
    resend: resendAction<SejamData>('verify', (ctx, flow) =>
      flow.data.mobile ? codeRequest(ctx, flow.data.mobile) : null,
    ),
  },
  load: async (ctx, flow) => (flow ? codePageLoad(ctx.s, flow.id, SEJAM_CODE_PURPOSE, flow.data.mobile) : {}),
  body: (v) => (
    <CodePageFields
      v={v}
      codeName="کد تایید"
      otherWay="اگر این شماره پیامک نمی‌گیرد، با «تغییر شماره» شماره دیگری را که به نام خودتان است وارد کنید."
    />
  ),
  after: resendAfter,
});

const personInput = {
  person_type: z.string().max(10).describe('natural (حقیقی) or legal (حقوقی); foreign nationals are refused'),
  national_code: z
    .string()
    .max(20)
    .describe("A natural person's national code; for a legal person, its registering representative's"),
  national_id: z.string().max(20).optional().describe("A legal person's 11-digit national ID (شناسه ملی)"),
};

type Checked = {
  personType: 'natural' | 'legal';
  identifier: string;
  representativeCode: string | null;
  nationalCode: string;
};

export const personStep = defineStep<SejamData, typeof personInput, Checked>({
  key: 'person',
  stage: 'نوع شخصیت',
  title: 'نوع شخصیت و کد ملی',
  input: z.object(personInput),
  next: [...RESUME_STATES, 'exists'],
  async prepare(ctx, flow, input) {
    const errors = [];
    const type = input.person_type;
    if (type === 'foreign') return { ok: false, errors: [fieldError('person_type', 'sejam.foreign_not_accepted')] };
    if (type !== 'natural' && type !== 'legal') errors.push(fieldError('person_type', 'sejam.person_type_required'));
    const nc = validateNationalCode(input.national_code);
    if (!nc.ok) errors.push(fieldError('national_code', nc.error));
    const legal = type === 'legal' ? validateLegalId(input.national_id ?? '') : null;
    if (legal && !legal.ok) errors.push(fieldError('national_id', legal.error));
    if (errors.length || !nc.ok || (legal && !legal.ok) || !flow?.data.mobile) {
      return { ok: false, errors: errors.length ? errors : [fieldError(null, 'flow.wrong_step')] };
    }
    // the mobile must be the natural person's own, or the representative's (Shahkar)
    const owner = await ctx.s.mobileOwnership.check(nc.value, flow.data.mobile);
    if (owner.status === 'unavailable') return { ok: false, errors: [fieldError(null, 'registry.unavailable')] };
    if (owner.status === 'no_match')
      return { ok: false, errors: [fieldError('national_code', 'sejam.mobile_not_owner')] };
    return {
      ok: true,
      value: {
        personType: type as 'natural' | 'legal',
        identifier: legal?.ok ? legal.value : nc.value,
        representativeCode: legal?.ok ? nc.value : null,
        nationalCode: nc.value,
      },
    };
  },
  async commit(ctx, flow, _input, p) {
    if (!flow?.data.mobile) return { ok: false, errors: [fieldError(null, 'flow.wrong_step')] };
    return enterProfile(ctx, flow, { ...p, mobile: flow.data.mobile });
  },
  body: (v) => (
    <Fragment>
      <PersonTypeField
        legend="نوع شخصیت"
        foreign
        value={v.values.person_type}
        error={errorFor(v.errors, 'person_type')}
      />
      <TextField
        name="national_code"
        label="کد ملی"
        hint="برای شخص حقوقی: کد ملی نماینده‌ای که ثبت نام می‌کند."
        ltr
        inputmode="numeric"
        maxlength={12}
        required
        value={v.values.national_code}
        error={errorFor(v.errors, 'national_code')}
        extra={{ 'data-digits': true }}
      />
      <TextField
        name="national_id"
        label="شناسه ملی شخص حقوقی"
        hint="فقط برای شخص حقوقی: ۱۱ رقم."
        ltr
        inputmode="numeric"
        maxlength={13}
        value={v.values.national_id}
        error={errorFor(v.errors, 'national_id')}
        extra={{ 'data-digits': true }}
      />
    </Fragment>
  ),
});
