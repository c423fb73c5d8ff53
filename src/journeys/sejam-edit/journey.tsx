import { z } from 'zod';
import { h, Fragment } from '../../web/jsx.js';
import { Notice, RadioGroup, errorFor } from '../../web/components/form.js';
import { ui } from '../../phrases/ui.js';
import { fieldError } from '../../flows/outcome.js';
import { resendWaitMs, sendCode } from '../../flows/sms-code.js';
import { editChanges, editableSections, findEdit, type EditableSection } from '../../sejam/edits.js';
import { sectionOf } from '../../sejam/sections.js';
import { findProfile, sectionsOf, type Profile } from '../../sejam/profiles.js';
import { sejamForms } from '../sejam/forms-steps.js';
import { defineJourney, defineStep, type StepDef } from '../engine/types.js';
import { ownershipSteps } from '../sejam-profile/ownership.js';
import { EDIT_CODE_PURPOSE, editData, initialEditData, registeredProfile, type EditData } from './data.js';
import { confirmStep, editCodeRequest } from './confirm.js';

/**
 * «ویرایش اطلاعات سجام»: a registered person (tracking code issued) proves they own the profile as
 * in the profile view (registered mobile → SMS code; code, person type, national code), chooses
 * contact, bank accounts or job, edits the same form as at registration (prefilled), and confirms
 * with an SMS code to the registered mobile. The profile keeps its state and tracking code; an
 * edit with a check (postal code, account ownership) is applied only when it passes (see
 * src/sejam/edits.ts), and the last page says what became of it.
 */
const sectionLabels: Record<EditableSection, string> = {
  contact: 'اطلاعات ارتباطی (نشانی، کد پستی، تلفن ثابت، ایمیل)',
  bank: 'حساب‌های بانکی',
  job: 'اطلاعات شغلی',
};

const notRegistered = { ok: false as const, errors: [fieldError(null, 'sejam.edit_not_registered')] };

const chooseStep = defineStep<EditData, { section: z.ZodString }, undefined>({
  key: 'choose',
  stage: 'انتخاب بخش',
  title: 'کدام بخش را ویرایش می‌کنید؟',
  input: z.object({ section: z.string().max(20).describe('contact, bank or job') }),
  next: editableSections,
  primary: 'ادامه',
  async commit(ctx, flow, input) {
    if (!flow) return { ok: false, errors: [fieldError(null, 'flow.wrong_step')] };
    if (!(await registeredProfile(ctx.trx, flow.data))) return notRegistered;
    const section = editableSections.find((x) => x === input.section);
    if (!section) return { ok: false, errors: [fieldError('section', 'sejam.edit_section_required')] };
    return { ok: true, state: section, data: { ...flow.data, section, value: null, editId: null } };
  },
  async load(ctx, flow) {
    const profile = flow ? await registeredProfile(ctx.s.db, flow.data) : undefined;
    return { trackingCode: profile?.tracking_code ?? null };
  },
  body: (v) => {
    const code = v.extra.trackingCode as string | null | undefined;
    return (
      <Fragment>
        {code ? (
          <p>
            کد پیگیری شما <bdi dir="ltr">{ui.digits(code)}</bdi> است و با ویرایش تغییر نمی‌کند.
          </p>
        ) : (
          <Notice kind="warning">
            <p>این پرونده هنوز کد پیگیری ندارد؛ ویرایش پس از صدور کد پیگیری ممکن است.</p>
          </Notice>
        )}
        <RadioGroup
          name="section"
          legend="بخش"
          required
          value={v.values.section}
          error={errorFor(v.errors, 'section')}
          options={editableSections.map((s) => ({ value: s, label: sectionLabels[s] }))}
        />
      </Fragment>
    );
  },
});

/** The registration's own form for the section, prefilled from the profile; a code confirms it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function editFormStep(section: EditableSection): StepDef<EditData, any, any> {
  const form = sejamForms[section];
  return defineStep<EditData, typeof form.input.shape, undefined>({
    key: section,
    stage: 'ویرایش',
    title: `ویرایش ${form.title}`,
    input: form.input,
    next: ['confirm'],
    primary: 'دریافت کد تایید',
    back: { to: 'choose', label: 'انتخاب بخش دیگر' },
    async commit(ctx, flow, input) {
      const profile = flow ? await registeredProfile(ctx.trx, flow.data) : undefined;
      if (!flow || !profile) return notRegistered;
      const parsed = form.parse(input, profile, ctx.s.clock.now());
      if (!parsed.ok) return parsed;
      // compared field by field: stored JSON (jsonb) has its own key order
      if (!editChanges(section, sectionsOf(profile)[section], parsed.value).length)
        return { ok: false, errors: [fieldError(null, 'sejam.edit_unchanged')] };
      // a code sent within the cooldown (this flow's, after going back) still confirms: no new one
      if ((await resendWaitMs(ctx.s, ctx.trx, flow.id, EDIT_CODE_PURPOSE)) === 0) {
        const sent = await sendCode(ctx.s, ctx.trx, editCodeRequest(ctx, profile));
        if (!sent.ok) return { ok: false, errors: [fieldError(null, sent.code, sent.params)] };
      }
      return { ok: true, state: 'confirm', data: { ...flow.data, section, value: parsed.value } };
    },
    async load(ctx, flow, face) {
      const profile = flow ? await registeredProfile(ctx.s.db, flow.data) : undefined;
      const stored = profile ? sectionOf(profile, section) : null;
      const saved = stored ? form.values(stored) : null;
      // the API gets the form's current values, not the whole profile row the page's fields read
      return face === 'api' ? { saved } : { profile, saved };
    },
    body: (v) => {
      const profile = (v.extra.profile as Profile | undefined) ?? null;
      const values = Object.keys(v.values).length ? v.values : ((v.extra.saved as Record<string, string> | null) ?? {});
      return form.body({ values, errors: v.errors, profile, extra: v.extra });
    },
  });
}

/** What the person is told of a refused edit, by its check's reason. */
const refusals: Record<string, string> = {
  not_owned: 'شماره شبای جدید به نام شما نیست. حساب‌ها باید به نام خود شما باشند.',
  closed: 'حساب بانکی جدید بسته است.',
  not_found: 'کد پستی جدید در سامانه پست پیدا نشد.',
  unavailable: 'سامانه استعلام پاسخ نداد. کمی بعد دوباره ویرایش کنید.',
  missing: 'اطلاعات لازم برای استعلام کامل نبود.',
};

const resultStep = defineStep<EditData, Record<never, z.ZodString>, undefined>({
  key: 'result',
  stage: 'نتیجه',
  title: 'نتیجه ویرایش',
  input: z.object({}),
  next: ['closed'],
  primary: 'پایان',
  async commit(_ctx, flow) {
    if (!flow) return { ok: false, errors: [fieldError(null, 'flow.wrong_step')] };
    return { ok: true, state: 'closed', data: { ...flow.data, profileId: null } };
  },
  async load(ctx, flow) {
    const edit = flow?.data.editId ? await findEdit(ctx.s, flow.data.editId) : undefined;
    const profile = flow?.data.profileId ? await findProfile(ctx.s.db, flow.data.profileId) : undefined;
    return {
      status: edit ? edit.status : 'applied',
      reason: edit?.reason ?? null,
      trackingCode: profile?.tracking_code ?? null,
    };
  },
  body: (v) => {
    const status = v.extra.status as string;
    const code = v.extra.trackingCode as string | null;
    const kept = code ? (
      <p>
        کد پیگیری شما <bdi dir="ltr">{ui.digits(code)}</bdi> همچنان معتبر است.
      </p>
    ) : null;
    if (status === 'applied')
      return (
        <Fragment>
          <Notice kind="success" title="ویرایش انجام شد">
            <p>اطلاعات جدید در پرونده سجام شما ثبت شد.</p>
          </Notice>
          {kept}
        </Fragment>
      );
    if (status === 'checking')
      return (
        <Fragment>
          <Notice kind="info" title="در حال استعلام">
            <p>
              اطلاعات جدید در حال استعلام است و پس از تایید در پرونده ثبت می‌شود. تا آن زمان اطلاعات پیشین شما بر جای
              خود است. <a href={v.action}>تازه کردن این صفحه</a>
            </p>
          </Notice>
          {kept}
        </Fragment>
      );
    return (
      <Fragment>
        <Notice kind="error" title="ویرایش ثبت نشد">
          <p>{refusals[String(v.extra.reason)] ?? refusals.unavailable}</p>
          <p>
            اطلاعات پیشین شما بدون تغییر در پرونده مانده است. <a href="/sejam/edit">ویرایش دوباره</a>
          </p>
        </Notice>
        {kept}
      </Fragment>
    );
  },
});

export const sejamProfileEdit = defineJourney<EditData>({
  kind: 'sejam_profile_edit',
  title: 'ویرایش اطلاعات سجام',
  basePath: '/sejam/edit',
  apiPath: '/api/v1/sejam/edit',
  apiTag: 'sejam',
  access: 'anonymous',
  ttlMs: (L) => L.flowTtlMs,
  data: editData as z.ZodType<EditData>,
  initial: initialEditData,
  steps: [
    ...ownershipSteps<EditData>({ next: 'choose', primary: 'ادامه', initial: initialEditData }),
    chooseStep,
    ...editableSections.map(editFormStep),
    confirmStep,
    resultStep,
  ],
  ends: [{ state: 'closed', redirect: () => '/', ttlMs: () => 60_000 }],
});
