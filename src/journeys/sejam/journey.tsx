import { defineJourney } from '../engine/types.js';
import { SEJAM_BASE, SEJAM_KIND, emptyData, sejamData, type SejamData } from './data.js';
import { mobileStep, personStep, verifyStep } from './identify.js';
import { feeStep, paying } from './fee.js';
import { formSteps } from './forms-steps.js';
import { checking, exists, failedStep, registered, reviewStep } from './review.js';
import { openForms } from './navigation.js';

/**
 * «ثبت نام سجام»: the person's own mobile proven by SMS, who registers (a natural person, or a
 * legal person with its representative; one profile per national code or national ID), the fee
 * paid online, the forms (saved on the profile, so a person who leaves finds them again), the
 * review, then the inquiry (each check a durable job) and the tracking code. The profile's own
 * life is declared in src/sejam/lifecycle.ts; this flow is one visit to it.
 */
export const sejamRegistration = defineJourney<SejamData>({
  kind: SEJAM_KIND,
  title: 'ثبت نام سجام',
  basePath: SEJAM_BASE,
  apiPath: '/api/v1/sejam',
  apiTag: 'sejam',
  access: 'anonymous',
  ttlMs: (L) => L.flowTtlMs,
  data: sejamData,
  initial: emptyData,
  steps: [mobileStep, verifyStep, personStep, feeStep, ...formSteps, reviewStep, failedStep],
  open: (flow) => openForms(flow.data, flow.state),
  waits: { paying, checking },
  ends: [registered, exists],
});
