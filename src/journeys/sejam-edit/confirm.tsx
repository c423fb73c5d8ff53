import { z } from 'zod';
import { h, Fragment } from '../../web/jsx.js';
import { sms } from '../../phrases/fa.js';
import { fieldError } from '../../flows/outcome.js';
import { resendCode, verifyCode, type CodeRequest } from '../../flows/sms-code.js';
import { requestEdit } from '../../sejam/edits.js';
import type { Profile } from '../../sejam/profiles.js';
import { sejamForms } from '../sejam/forms-steps.js';
import { defineStep, type TxContext } from '../engine/types.js';
import { Rows, type Row } from '../sejam-profile/view.js';
import { EDIT_CODE_PURPOSE, registeredProfile, type EditData } from './data.js';
import { CodePageFields, codePageLoad, resendAfter } from '../code-step.js';

/** The code that confirms an edit goes to the registered mobile; it belongs to this flow. */
export const editCodeRequest = (ctx: TxContext, profile: Profile): CodeRequest => ({
  subject: ctx.flowId,
  purpose: EDIT_CODE_PURPOSE,
  mobile: profile.mobile,
  nationalCode: profile.representative_code ?? profile.identifier,
  ip: ctx.ip,
  ttlMs: ctx.s.config.limits.registrationOtpTtlMs,
  text: sms.sejamEditCode,
});

const notRegistered = { ok: false as const, errors: [fieldError(null, 'sejam.edit_not_registered')] };

/**
 * The SMS code confirms the edit: only then is it recorded (history) and applied, or kept for its
 * check. A wrong guess stays counted (the refusal commits what the check wrote).
 */
export const confirmStep = defineStep<EditData, { code: z.ZodString }, undefined>({
  key: 'confirm',
  stage: 'تایید با کد',
  title: 'تایید ویرایش با کد پیامکی',
  input: z.object({ code: z.string().max(10).describe('The 6-digit code sent by SMS to the registered mobile') }),
  secret: ['code'],
  next: ['result'],
  primary: 'تایید ویرایش',
  back: { to: 'choose', label: 'انصراف و انتخاب بخش دیگر' },
  async commit(ctx, flow, input) {
    const section = flow?.data.section;
    if (!flow || !section || flow.data.value === undefined || flow.data.value === null)
      return { ok: false, errors: [fieldError(null, 'flow.wrong_step')] };
    const checked = await verifyCode(ctx.s, ctx.trx, flow.id, EDIT_CODE_PURPOSE, input.code);
    if (!checked.ok) return checked;
    const profile = await registeredProfile(ctx.trx, flow.data);
    if (!profile) return notRegistered;
    const done = await requestEdit(ctx.s, ctx.trx, profile, section, flow.data.value);
    if (!done) return notRegistered;
    return { ok: true, state: 'result', data: { ...flow.data, value: null, editId: done.editId } };
  },
  actions: {
    resend: {
      summary: 'send the code again (after the cooldown)',
      async run(ctx, flow) {
        const profile = await registeredProfile(ctx.trx, flow.data);
        if (!profile) return notRegistered;
        const r = await resendCode(ctx.s, ctx.trx, editCodeRequest(ctx, profile));
        return r.ok
          ? { ok: true, state: 'confirm', data: flow.data }
          : { ok: false, errors: [fieldError('code', r.code, r.params)] };
      },
    },
  },
  async load(ctx, flow) {
    if (!flow?.data.section) return {};
    const form = sejamForms[flow.data.section];
    return {
      ...(await codePageLoad(ctx.s, flow.id, EDIT_CODE_PURPOSE, flow.data.mobile)),
      summary: flow.data.value ? form.summary(flow.data.value) : [],
    };
  },
  body: (v) => (
    <Fragment>
      <p>اطلاعات جدید:</p>
      <Rows rows={(v.extra.summary ?? []) as Row[]} />
      <CodePageFields
        v={v}
        codeName="کد تایید ویرایش"
        otherWay="اگر به این شماره دسترسی ندارید، ویرایش ممکن نیست؛ با کارگزاری یا دفاتر پیشخوان تماس بگیرید."
      />
    </Fragment>
  ),
  after: resendAfter,
});
