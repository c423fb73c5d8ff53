/** The first two steps: the kind of person, then national (or FIDA) code, mobile and captcha. */
import { z } from 'zod';
import { h, Fragment } from '../../web/jsx.js';
import { DefaultSubmit, Notice, TextField, errorFor, fieldId } from '../../web/components/form.js';
import { Captcha } from '../../web/components/captcha.js';
import { ui } from '../../phrases/ui.js';
import { sms } from '../../phrases/fa.js';
import type { FieldError } from '../../errors/catalogue.js';
import type { CaptchaIssue } from '../../security/captcha-service.js';
import { captchaProofFields } from '../../api/define.js';
import { captchaError, fieldError, minutesCeil } from '../../flows/outcome.js';
import { sendCode, type CodeRequest } from '../../flows/sms-code.js';
import { validateNationalCode } from '../../domain/national-code.js';
import { validateFidaCode } from '../../domain/fida.js';
import { validateMobile } from '../../domain/mobile.js';
import { defineStep, type StepContext, type TxContext } from '../engine/types.js';
import { identityWords, isForeign, later, resumeStep, resumes, type RegistrationData } from './data.js';
import { existingAccountError, expireStaleRequests, pendingExists } from './requests.js';
import { RegistrationNotice } from './notice.js';

export const OTP_PURPOSE = 'registration';

/** The registration code for the flow's mobile (one live code per flow). */
export const codeRequest = (ctx: TxContext, identity: { nationalCode: string; mobile: string }): CodeRequest => ({
  subject: ctx.flowId,
  purpose: OTP_PURPOSE,
  mobile: identity.mobile,
  nationalCode: identity.nationalCode,
  ip: ctx.ip,
  ttlMs: ctx.s.config.limits.registrationOtpTtlMs,
  text: sms.registrationCode,
});

export const kind = defineStep<RegistrationData, { personKind: z.ZodString }, undefined>({
  key: 'kind',
  title: 'نوع کاربری',
  input: z.object({ personKind: z.string().max(20).describe('iranian (national code) or foreign (FIDA code)') }),
  next: ['identity'],
  primary: false,
  async commit(_ctx, _flow, input) {
    const personKind = input.personKind;
    if (personKind !== 'iranian' && personKind !== 'foreign') {
      return { ok: false, errors: [fieldError('personKind', 'person_kind.required')] };
    }
    return { ok: true, state: 'identity', data: { personKind, reached: 'identity' } };
  },
  body: () => (
    <Fragment>
      <Notice kind="info" title="کاربر گرامی توجه داشته باشید">
        <ul>
          <li>نوع کاربری خود را انتخاب کنید: اشخاص حقیقی (ایرانی) یا اتباع خارجی.</li>
          <li>شماره تلفن همراهی که وارد می‌کنید باید به نام خود شما باشد.</li>
          <li>پس از پایان ثبت نام، درخواست با پایگاه ثبت احوال سنجیده و نتیجه پیامک می‌شود.</li>
        </ul>
      </Notice>
      <div class="choice-cards" id={fieldId('personKind')} tabindex="-1">
        <button type="submit" name="personKind" value="iranian" class="choice-card">
          <span class="choice-card__title">ثبت نام اشخاص حقیقی</span>
          <span class="choice-card__text">با کد ملی ۱۰ رقمی</span>
        </button>
        <button type="submit" name="personKind" value="foreign" class="choice-card">
          <span class="choice-card__title">ثبت نام اتباع خارجی</span>
          <span class="choice-card__text">با کد فیدا ۱۲ رقمی</span>
        </button>
      </div>
    </Fragment>
  ),
  after: () => (
    <p>
      حساب کاربری دارید؟ <a href="/login">{ui.login}</a>
    </p>
  ),
});

type Checked = { same: true } | { same: false; nationalCode: string; mobile: string };

/**
 * Step 1's checks, outside any transaction (they ask Shahkar): the captcha first, so nothing
 * below can be probed by a script; then the budgets per national code and client, the account
 * and pending request of that national code, and whether the mobile is the person's own.
 */
async function checkIdentity(
  ctx: StepContext,
  data: RegistrationData,
  input: Record<string, string>,
): Promise<{ ok: true; value: Checked } | { ok: false; errors: FieldError[] }> {
  const { s } = ctx;
  const errors: FieldError[] = [];
  const captcha = await captchaError(s.captcha, input);
  const code =
    data.personKind === 'foreign' ? validateFidaCode(input.nationalCode!) : validateNationalCode(input.nationalCode!);
  if (!code.ok) errors.push(fieldError('nationalCode', code.error));
  const mobile = validateMobile(input.mobile!);
  if (!mobile.ok) errors.push(fieldError('mobile', mobile.error));
  // listed in the order of the form's fields
  if (captcha) errors.push(captcha);
  if (!code.ok || !mobile.ok || errors.length) return { ok: false, errors };

  const nationalCode = code.value;
  if (data.identity?.nationalCode === nationalCode && data.identity.mobile === mobile.value && data.mobileVerified) {
    // nothing changed since the code was confirmed: no new SMS, straight on (or back to the review)
    return { ok: true, value: { same: true } };
  }
  // each look-up below answers a question about someone (is there an account? is this their
  // mobile?): budgeted per national code and per client so step 1 cannot serve as an oracle
  const L = s.config.limits;
  const checks = await s.rates.chargeAll([
    {
      key: s.rates.key('identity-nc', nationalCode),
      limit: L.identityChecksPerNationalCode,
      windowMs: L.identityCheckWindowMs,
    },
    { key: s.rates.key('identity-ip', ctx.ip), limit: L.identityChecksPerIp, windowMs: L.identityCheckWindowMs },
  ]);
  if (!checks.allowed) {
    return {
      ok: false,
      errors: [fieldError(null, 'registration.too_many_checks', { minutes: minutesCeil(checks.retryAfterMs) })],
    };
  }
  const existing = await s.db
    .selectFrom('accounts')
    .select(['id', 'status'])
    .where('national_code', '=', nationalCode)
    .executeTakeFirst();
  if (existing)
    return { ok: false, errors: [await existingAccountError(s, existing.status, nationalCode, mobile.value)] };
  await expireStaleRequests(s, nationalCode);
  const pending = await s.db
    .selectFrom('registration_requests')
    .select('id')
    .where('national_code', '=', nationalCode)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (pending) return { ok: false, errors: [pendingExists(s, 'nationalCode')] };
  const owner = await s.mobileOwnership.check(nationalCode, mobile.value);
  if (owner.status === 'unavailable') {
    s.log.warn({ reason: owner.reason }, 'mobile ownership check unavailable');
    return { ok: false, errors: [fieldError(null, 'registry.unavailable')] };
  }
  if (owner.status === 'no_match') return { ok: false, errors: [fieldError('mobile', 'mobile.not_owner')] };
  return { ok: true, value: { same: false, nationalCode, mobile: mobile.value } };
}

const text = (max: number) => z.string().max(max);

export const identity = defineStep<
  RegistrationData,
  {
    nationalCode: z.ZodString;
    mobile: z.ZodString;
  } & typeof captchaProofFields,
  Checked
>({
  key: 'identity',
  stage: identityWords,
  title: identityWords,
  input: z.object({
    nationalCode: text(20).describe('National code (10 digits) or FIDA code (12 digits); Persian digits accepted'),
    mobile: text(20).describe('Mobile number, e.g. 09121234567'),
    ...captchaProofFields,
  }),
  secret: ['captcha', 'captcha_id', 'altcha'],
  next: ['verify_mobile', ...resumes('birth_certificate')],
  prefill: (flow): Record<string, string> => (flow.data.identity ? { ...flow.data.identity } : {}),
  prepare: (ctx, flow, input) => checkIdentity(ctx, flow!.data, input),
  async commit(ctx, flow, _input, checked) {
    const data = flow!.data;
    if (checked.same) return { ok: true, state: resumeStep(data, 'birth_certificate'), data };
    const sent = await sendCode(ctx.s, ctx.trx, codeRequest(ctx, checked));
    if (!sent.ok) return { ok: false, errors: [fieldError(null, sent.code, sent.params)] };
    const codeChanged = data.identity !== undefined && data.identity.nationalCode !== checked.nationalCode;
    const next: RegistrationData = {
      ...data,
      identity: { nationalCode: checked.nationalCode, mobile: checked.mobile },
      mobileVerified: false,
      // the later steps' data is kept: once the new mobile is confirmed the person carries on
      reached: later(data.reached, 'verify_mobile'),
    };
    if (codeChanged && next.password) {
      // the policy keeps the national code out of the password: a new code asks for the password again
      next.password = { ...next.password, hash: '' };
    }
    if (codeChanged && next.birth && next.personKind === 'foreign') {
      // a foreign national's FIDA code stands in for the shenasnameh number
      next.birth = { ...next.birth, shenasnamehNumber: checked.nationalCode };
    }
    return { ok: true, state: 'verify_mobile', data: next };
  },
  // a captcha is made for each page view; apps ask for their own (POST /api/v1/captcha)
  load: async (ctx, _flow, face) =>
    face === 'page' ? { captcha: await ctx.s.captcha.issue(ctx.ip, { altcha: true }) } : {},
  body: (v) => {
    const foreign = isForeign(v.flow);
    return (
      <Fragment>
        <DefaultSubmit label={ui.next} />
        <RegistrationNotice>
          <li>
            شماره همراه و ایمیل را با دقت وارد کنید: سازمان از راه همین‌ها با شما در ارتباط است و بازیابی گذرواژه با
            پیامک فقط به همین شماره ممکن است.
          </li>
          <li>اگر شماره همراهی به نام خود ندارید، برای ساخت حساب به نزدیک‌ترین شعبه مراجعه کنید.</li>
        </RegistrationNotice>
        <TextField
          name="nationalCode"
          label={foreign ? ui.fidaCode : ui.nationalCode}
          hint={foreign ? 'کد فراگیر اتباع خارجی، ۱۲ رقم' : '۱۰ رقم، بدون خط تیره'}
          value={v.values.nationalCode}
          error={errorFor(v.errors, 'nationalCode')}
          ltr
          inputmode="numeric"
          maxlength={foreign ? 16 : 14}
          required
          extra={{ 'data-digits': true }}
        />
        <TextField
          name="mobile"
          label={ui.mobile}
          hint="مانند ۰۹۱۲۱۲۳۴۵۶۷؛ شماره‌ای که به نام خود شماست."
          value={v.values.mobile}
          error={errorFor(v.errors, 'mobile')}
          type="tel"
          ltr
          inputmode="tel"
          maxlength={16}
          required
          extra={{ 'data-digits': true }}
        />
        <Captcha captcha={v.extra.captcha as CaptchaIssue | undefined} error={errorFor(v.errors, 'captcha')} />
      </Fragment>
    );
  },
});
