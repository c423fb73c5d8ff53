import { z } from 'zod';
import type { Services } from '../../services.js';
import { h, Fragment } from '../../web/jsx.js';
import { Notice, errorFor } from '../../web/components/form.js';
import { ReceiptList } from '../../web/components/payment.js';
import { CheckboxField } from '../../web/components/fields.js';
import { fieldError } from '../../flows/outcome.js';
import { formatMessage } from '../../phrases/fa.js';
import type { ErrorCode } from '../../errors/catalogue.js';
import { findProfile, moveProfile, recordHistory, type Profile } from '../../sejam/profiles.js';
import { missingSections, sectionOf, type SectionName } from '../../sejam/sections.js';
import { inquiriesOf, inquiryDoneJob, startInquiry, type InquiryRow } from '../../sejam/inquiry.js';
import { inquiryChecks } from '../../sejam/checks.js';
import { defineStep, type EndDef, type WaitDef } from '../engine/types.js';
import { FORM_STEPS, SEJAM_PAYMENT_PURPOSE, receiptData, stepUrl, type SejamData, type SejamFlow } from './data.js';
import { formsOf } from './navigation.js';
import { sejamForms } from './forms-steps.js';

function SectionSummary(p: { profile: Profile; name: SectionName; flowId: string }) {
  const form = sejamForms[p.name];
  const section = sectionOf(p.profile, p.name);
  return (
    <section class="review-section">
      <h3>{form.title}</h3>
      {section ? (
        <dl class="summary-list">
          {form.summary(section).map((row) => (
            <div class="summary-list__row">
              <dt>{row.label}</dt>
              <dd dir={row.ltr ? 'ltr' : undefined}>{row.value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>{formatMessage('sejam.forms_missing', { field: form.title })}</p>
      )}
      <p>
        <a href={stepUrl(p.flowId, p.name)}>ویرایش {form.title}</a>
      </p>
    </section>
  );
}

export const reviewStep = defineStep<SejamData, { confirm: z.ZodOptional<z.ZodString> }, undefined>({
  key: 'review',
  stage: 'بازبینی و تایید',
  title: 'بازبینی اطلاعات و تایید نهایی',
  input: z.object({ confirm: z.string().max(5).optional().describe('"on": the person confirms the data are true') }),
  next: ['checking', ...FORM_STEPS],
  primary: 'تایید نهایی و ارسال برای استعلام',
  async commit(ctx, flow, input) {
    const profile = flow?.data.profileId ? await findProfile(ctx.trx, flow.data.profileId) : undefined;
    if (!flow || !profile) return { ok: false, errors: [fieldError(null, 'flow.wrong_step')] };
    const missing = missingSections(profile);
    if (missing.length) {
      return {
        ok: false,
        errors: missing.map((n) => fieldError(null, 'sejam.forms_missing', { field: sejamForms[n].title })),
      };
    }
    if (input.confirm !== 'on') return { ok: false, errors: [fieldError('confirm', 'sejam.confirm_required')] };
    const confirmed = await moveProfile(ctx.trx, ctx.s.clock, profile.id, 'confirmed');
    if (!confirmed) return { ok: false, errors: [fieldError(null, 'sejam.forms_closed')] };
    const checks = await startInquiry(ctx.s, ctx.trx, confirmed);
    await recordHistory(ctx.trx, ctx.s.clock, {
      profileId: profile.id,
      actor: 'self',
      action: 'profile.confirmed',
      changes: checks.map((c) => ({ field: c, from: null, to: 'pending' })),
    });
    return { ok: true, state: 'checking', data: flow.data };
  },
  async load(ctx, flow) {
    const profile = flow?.data.profileId ? await findProfile(ctx.s.db, flow.data.profileId) : undefined;
    return { profile };
  },
  body: (v) => {
    const profile = v.extra.profile as Profile | undefined;
    if (!profile || !v.flow) return <p>{formatMessage('sejam.forms_closed')}</p>;
    return (
      <Fragment>
        <dl class="summary-list">
          <div class="summary-list__row">
            <dt>{profile.person_type === 'legal' ? 'شناسه ملی' : 'کد ملی'}</dt>
            <dd dir="ltr">{profile.identifier}</dd>
          </div>
          <div class="summary-list__row">
            <dt>شماره همراه</dt>
            <dd dir="ltr">{profile.mobile}</dd>
          </div>
        </dl>
        {formsOf(v.flow.data).map((n) => (
          <SectionSummary profile={profile} name={n} flowId={v.flow!.id} />
        ))}
        <CheckboxField
          name="confirm"
          label="درستی همه اطلاعات بالا را تایید می‌کنم و می‌دانم که با سامانه‌های مرجع استعلام می‌شود."
          error={errorFor(v.errors, 'confirm')}
        />
      </Fragment>
    );
  },
});

/** What a failed check tells the person, and which form puts it right. */
function failureOf(row: InquiryRow): { code: ErrorCode; params: Record<string, string>; fix: string | null } {
  const detail = (row.detail ?? {}) as { fields?: string[]; shebas?: string[] };
  const fix = inquiryChecks.find((c) => c.name === row.check_name)?.section ?? null;
  if (row.reason === 'unavailable') return { code: 'sejam.inquiry_unavailable', params: {}, fix: null };
  switch (row.check_name) {
    case 'identity':
      return { code: 'sejam.inquiry_identity', params: { fields: (detail.fields ?? []).join('، ') }, fix };
    case 'bank':
      return {
        code: row.reason === 'closed' ? 'sejam.inquiry_bank_closed' : 'sejam.inquiry_bank_not_owned',
        params: { shebas: (detail.shebas ?? []).join('، ') },
        fix,
      };
    case 'postal':
      return { code: 'sejam.inquiry_postal_not_found', params: {}, fix };
    case 'company':
      // the national ID and the representative are fixed on the profile: no form changes this
      // answer, only the companies registry does (then the check is simply run again)
      return { code: 'sejam.inquiry_company', params: {}, fix: null };
    default:
      return { code: 'sejam.inquiry_mobile', params: {}, fix: null };
  }
}

/** A failed inquiry: which part failed and why; the person corrects only that part and confirms again. */
export const failedStep = defineStep<SejamData, Record<string, never>, undefined>({
  key: 'failed',
  stage: 'بازبینی و تایید',
  title: 'نتیجه استعلام: نیاز به اصلاح',
  input: z.object({}),
  next: [...FORM_STEPS, 'review'],
  primary: 'اصلاح اطلاعات',
  async commit(ctx, flow) {
    if (!flow?.data.profileId) return { ok: false, errors: [fieldError(null, 'flow.wrong_step')] };
    const rows = await inquiriesOf(ctx.trx, flow.data.profileId);
    const fix = rows
      .filter((r) => r.status === 'failed')
      .map((r) => failureOf(r).fix)
      .find(Boolean);
    return { ok: true, state: fix ?? 'review', data: { ...flow.data, reviewed: true } };
  },
  async load(ctx, flow) {
    return { rows: flow?.data.profileId ? await inquiriesOf(ctx.s.db, flow.data.profileId) : [] };
  },
  body: (v) => {
    const failed = ((v.extra.rows as InquiryRow[] | undefined) ?? []).filter((r) => r.status === 'failed');
    return (
      <Fragment>
        <Notice kind="warning" title="استعلام بخشی از اطلاعات شما ناموفق بود">
          <ul>
            {failed.map((r) => {
              const f = failureOf(r);
              return (
                <li>
                  {formatMessage(f.code, f.params)}{' '}
                  {f.fix && v.flow ? <a href={stepUrl(v.flow.id, f.fix)}>اصلاح این بخش</a> : null}
                </li>
              );
            })}
          </ul>
        </Notice>
        <p>
          بخش‌های دیگر درست بودند و دوباره استعلام نمی‌شوند. پس از اصلاح، در صفحه بازبینی دوباره «تایید نهایی» را بزنید.
        </p>
      </Fragment>
    );
  },
});

type Outcome = { state: string; trackingCode: string | null; receipt: SejamData['receipt'] };

/** Confirmed: the checks run as jobs; the last one moves this flow on. */
export const checking: WaitDef<SejamData, { flowId: string; profileId: string }, Outcome> = {
  job: inquiryDoneJob,
  next: ['registered', 'failed'],
  async check({ s }, flow) {
    return outcomeOf(s, flow);
  },
  async handle(_ctx, flow, _event, o) {
    if (o.state === 'inquiry_failed') return { ok: true, state: 'failed', data: flow.data };
    if (!o.trackingCode) return { ok: false, errors: [fieldError(null, 'flow.wrong_step')] };
    return { ok: true, state: 'registered', data: { ...flow.data, trackingCode: o.trackingCode, receipt: o.receipt } };
  },
  title: 'در حال استعلام',
  body: (flow) => (
    <Fragment>
      <p>
        اطلاعات شما برای استعلام از سامانه‌های ثبت احوال، بانک‌ها، پست و (برای شخص حقوقی) ثبت شرکت‌ها فرستاده شد. نتیجه
        با پیامک به شماره همراه شما اعلام می‌شود؛ این کار ممکن است از چند دقیقه تا چند ساعت طول بکشد.
      </p>
      <p>
        <a href={stepUrl(flow.id, 'checking')}>دیدن نتیجه (تازه کردن صفحه)</a>
      </p>
    </Fragment>
  ),
};

/** The profile's outcome as the end page shows it (the tracking code, the fee's receipt). */
export async function outcomeOf(s: Services, flow: SejamFlow): Promise<Outcome> {
  const profile = flow.data.profileId ? await findProfile(s.db, flow.data.profileId) : undefined;
  const r = profile ? await s.payments.receipt({ purpose: SEJAM_PAYMENT_PURPOSE, ref: profile.id }) : null;
  const receipt = receiptData(r);
  return { state: profile?.state ?? 'under_inquiry', trackingCode: profile?.tracking_code ?? null, receipt };
}

export const registered: EndDef<SejamData> = {
  state: 'registered',
  ttlMs: (L) => L.flowTtlMs,
  view: (flow) => ({ trackingCode: flow.data.trackingCode, receipt: flow.data.receipt }),
  page: {
    title: 'کد پیگیری سجام',
    body: (flow) => (
      <Fragment>
        <Notice kind="success" title="ثبت نام شما در سجام انجام شد">
          <p class="tracking-code" dir="ltr">
            {flow.data.trackingCode ?? ''}
          </p>
          <p>
            این کد پیگیری ده رقمی به شماره همراه شما هم پیامک شد؛ آن پیامک را نگه دارید. گام بعد احراز هویت است: با این
            کد و کارت ملی به یکی از دفاتر پیشخوان دولت یا مراکز مورد تایید سجام بروید.
          </p>
        </Notice>
        {flow.data.receipt ? (
          <Fragment>
            <h3>رسید پرداخت هزینه ثبت نام</h3>
            <ReceiptList receipt={{ ...flow.data.receipt, paidAt: new Date(flow.data.receipt.paidAt) }} />
          </Fragment>
        ) : null}
        <p>
          کد را فراموش کردید؟ از <a href="/sejam/tracking-code">بازیابی کد پیگیری</a> یا{' '}
          <a href="/sejam/profile">مشاهده پروفایل</a> استفاده کنید.
        </p>
      </Fragment>
    ),
  },
};

export const exists: EndDef<SejamData> = {
  state: 'exists',
  ttlMs: () => 10 * 60_000,
  page: {
    title: 'پروفایل سجام موجود است',
    body: () => (
      <Notice kind="info">
        <p>
          برای این کد ملی (یا شناسه ملی) پیش‌تر در سجام ثبت نام شده است و پروفایل دوم ساخته نمی‌شود. اگر ثبت نام از
          شماست، از <a href="/sejam/tracking-code">بازیابی کد پیگیری</a> یا <a href="/sejam/profile">مشاهده پروفایل</a>{' '}
          (با شماره همراهی که با آن ثبت نام کردید) استفاده کنید. اگر شماره همراه شما عوض شده است، برای تغییر آن به یکی
          از کارگزاری‌ها یا دفاتر پیشخوان دولت مراجعه کنید.
        </p>
      </Notice>
    ),
  },
};
