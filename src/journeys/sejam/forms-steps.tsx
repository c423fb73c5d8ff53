import { h, Fragment } from '../../web/jsx.js';
import { Notice } from '../../web/components/form.js';
import { fieldError } from '../../flows/outcome.js';
import { findProfile, saveSection, type Profile } from '../../sejam/profiles.js';
import { formsOpen } from '../../sejam/lifecycle.js';
import { sectionOf, type SectionName } from '../../sejam/sections.js';
import { defineStep, type JourneyFlow, type StepContext, type StepDef } from '../engine/types.js';
import { outcomeOf } from '../../payments/model.js';
import { formatMessage } from '../../phrases/fa.js';
import type { SejamData } from './data.js';
import { FORM_STEPS } from './data.js';
import { formsOf, nextForm } from './navigation.js';
import { toPersianDigits } from '../../domain/digits.js';
import type { SejamForm } from './forms/define.js';
import { identityForm } from './forms/identity.js';
import { contactForm } from './forms/contact.js';
import { bankForm } from './forms/bank.js';
import { jobForm } from './forms/job.js';
import { financialForm } from './forms/financial.js';
import { companyForm } from './forms/company.js';
import { representativesForm } from './forms/representatives.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const sejamForms: Record<SectionName, SejamForm<any, any>> = {
  identity: identityForm,
  contact: contactForm,
  bank: bankForm,
  job: jobForm,
  financial: financialForm,
  company: companyForm,
  representatives: representativesForm,
};

/** A profile whose forms may be filled now (after the fee, before the inquiry or to correct it). */
async function openProfile(db: Parameters<typeof findProfile>[0], data: SejamData): Promise<Profile | undefined> {
  const p = data.profileId ? await findProfile(db, data.profileId) : undefined;
  return p && formsOpen(p.state) ? p : undefined;
}

/**
 * Whether this flow's own payment came after the fee was already paid (another tab's), so it is
 * being returned: said on the first form, until one is saved.
 */
async function paidTwice(ctx: StepContext, flow: JourneyFlow<SejamData> | null): Promise<boolean> {
  if (!flow?.data.payment || flow.data.filled.length) return false;
  const own = await ctx.s.payments.payment(flow.data.payment.id);
  return own !== null && outcomeOf(own) === 'duplicate';
}

/**
 * One step per form: it saves its section on the profile (so a person who leaves finds it again
 * in a new flow), and leads to the next form not yet saved, or back to the review after an edit.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function formStep(form: SejamForm<SectionName>): StepDef<SejamData, any, any> {
  return defineStep<SejamData, typeof form.input.shape, undefined>({
    key: form.section,
    stage: 'فرم‌های اطلاعات',
    title: form.title,
    input: form.input,
    next: [...FORM_STEPS, 'review'],
    async commit(ctx, flow, input) {
      const profile = flow ? await openProfile(ctx.trx, flow.data) : undefined;
      if (!flow || !profile) return { ok: false, errors: [fieldError(null, 'sejam.forms_closed')] };
      const context = await form.context?.(ctx.trx, profile);
      const parsed = form.parse(input, profile, ctx.s.clock.now(), context);
      if (!parsed.ok) return parsed;
      const saved = await saveSection(ctx.trx, ctx.s.clock, profile.id, form.section, parsed.value);
      if (!saved) return { ok: false, errors: [fieldError(null, 'sejam.forms_closed')] };
      const filled = [...new Set([...flow.data.filled, form.section])];
      const state = nextForm(flow.data, form.section);
      return { ok: true, state, data: { ...flow.data, filled, reviewed: flow.data.reviewed || state === 'review' } };
    },
    async load(ctx, flow, face) {
      const profile = flow ? await openProfile(ctx.s.db, flow.data) : undefined;
      const section = profile ? sectionOf(profile, form.section) : null;
      const context = profile ? await form.context?.(ctx.s.db, profile) : undefined;
      return {
        ...context?.facts,
        suggested: context?.suggested ?? null,
        // the page draws from the profile row; an app is told only whether the form is open
        ...(face === 'page' ? { profile } : { open: profile !== undefined }),
        saved: section ? form.values(section) : null,
        paidTwice: await paidTwice(ctx, flow),
      };
    },
    body: (v) => {
      const profile = (v.extra.profile as Profile | undefined) ?? null;
      const values = Object.keys(v.values).length
        ? v.values
        : ((v.extra.saved ?? v.extra.suggested ?? {}) as Record<string, string>);
      // the stepper shows the forms as one stage: say which of them this is
      const forms = v.flow ? formsOf(v.flow.data) : [];
      const at = forms.indexOf(form.section);
      return (
        <Fragment>
          {at >= 0 ? (
            <p class="hint">
              فرم {toPersianDigits(String(at + 1))} از {toPersianDigits(String(forms.length))}
            </p>
          ) : null}
          {v.extra.paidTwice ? (
            <Notice kind="warning">
              <p>{formatMessage('payment.duplicate')}</p>
            </Notice>
          ) : null}
          {profile ? null : (
            <Notice kind="warning">
              <p>این فرم اکنون باز نیست (پیش از پرداخت هزینه، یا هنگامی که اطلاعات شما در حال استعلام است).</p>
            </Notice>
          )}
          {form.body({ values, errors: v.errors, profile, extra: v.extra })}
        </Fragment>
      );
    },
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const formSteps: StepDef<SejamData, any, any>[] = FORM_STEPS.map((n) => formStep(sejamForms[n]));
