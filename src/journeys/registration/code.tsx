/** Step 2: the code sent to the mobile proves the person holds it. */
import { z } from 'zod';
import { h, Fragment } from '../../web/jsx.js';
import { CodeField, ResendCodeForm, errorFor } from '../../web/components/form.js';
import { CodeDeliveryStatus } from '../../web/components/code-delivery.js';
import { ui } from '../../phrases/ui.js';
import { fieldError } from '../../flows/outcome.js';
import { codeDelivery, resendCode, resendWaitMs, verifyCode, type CodeDelivery } from '../../flows/sms-code.js';
import { defineStep } from '../engine/types.js';
import { identityWords, later, resumeStep, resumes, stepUrl, type RegistrationData } from './data.js';
import { OTP_PURPOSE, codeRequest } from './start.js';
import { RegistrationNotice } from './notice.js';

const CHANGE = 'تغییر کد ملی یا شماره همراه';

export const verifyMobile = defineStep<RegistrationData, { code: z.ZodString }, undefined>({
  key: 'verify_mobile',
  // the code belongs to the stage of the number it confirms
  stage: identityWords,
  title: 'تایید شماره همراه',
  input: z.object({ code: z.string().max(10).describe('The 6-digit SMS code') }),
  secret: ['code'],
  next: resumes('birth_certificate'),
  back: { to: 'identity', label: CHANGE },
  async commit(ctx, flow, input) {
    const data = flow?.data;
    if (!flow || !data?.identity) return { ok: false, errors: [fieldError(null, 'flow.wrong_step')] };
    // a second tab already confirmed it: carry on
    if (data.mobileVerified) return { ok: true, state: resumeStep(data, 'birth_certificate'), data };
    const checked = await verifyCode(ctx.s, ctx.trx, flow.id, OTP_PURPOSE, input.code, 'code', ui.otpCode);
    // a wrong guess stays counted: the failure keeps what the check wrote
    if (!checked.ok) return checked;
    const next: RegistrationData = { ...data, mobileVerified: true, reached: later(data.reached, 'birth_certificate') };
    return { ok: true, state: resumeStep(next, 'birth_certificate'), data: next };
  },
  actions: {
    resend: {
      summary: 'send a new SMS code (after the cooldown; at once when the last one failed)',
      async run(ctx, flow) {
        const identity = flow.data.identity;
        if (flow.state !== 'verify_mobile' || !identity)
          return { ok: false, errors: [fieldError(null, 'flow.wrong_step')] };
        const r = await resendCode(ctx.s, ctx.trx, codeRequest(ctx, identity));
        return r.ok
          ? { ok: true, state: 'verify_mobile', data: flow.data }
          : { ok: false, errors: [fieldError('code', r.code, r.params)] };
      },
    },
  },
  async load(ctx, flow) {
    if (!flow) return {};
    return {
      mobile: flow.data.identity?.mobile,
      /** How the code's SMS is doing: sending, sent or failed (a failed one may be resent at once). */
      codeDelivery: await codeDelivery(ctx.s, ctx.s.db, flow.id, OTP_PURPOSE),
      resendAvailableInSeconds: Math.ceil((await resendWaitMs(ctx.s, ctx.s.db, flow.id, OTP_PURPOSE)) / 1000),
    };
  },
  body: (v) => (
    <Fragment>
      {/* the person typed this number: it is shown in full, to be checked */}
      <CodeDeliveryStatus
        delivery={(v.extra.codeDelivery as CodeDelivery | null | undefined) ?? null}
        mobile={String(v.extra.mobile ?? '')}
        codeName={ui.otpCode}
        selfUrl={v.action}
        change={{ href: stepUrl(v.flow?.id ?? '', 'identity'), label: CHANGE }}
        otherWay="اگر باز هم پیامکی نرسید، با شماره همراه دیگری که به نام خودتان است ثبت نام کنید یا برای ساخت حساب به نزدیک‌ترین شعبه مراجعه کنید."
      />
      <CodeField label={ui.otpCode} error={errorFor(v.errors, 'code')} />
    </Fragment>
  ),
  after: (v) => (
    <Fragment>
      <ResendCodeForm action={v.action} csrf={v.csrf} waitSeconds={Number(v.extra.resendAvailableInSeconds ?? 0)} />
      {/* here the SMS comes first: the box follows the form */}
      <RegistrationNotice />
    </Fragment>
  ),
});
