/**
 * Registration, as the Social Security portal runs it: national (or FIDA) code, a mobile that is
 * the person's own (Shahkar) and a captcha → the SMS code → birth-certificate data → email →
 * password and security questions → review → a request the civil registry checks in the
 * background; the outcome (an account, a branch visit, a mismatch, no answer in time) comes by SMS
 * and on the status page. Any step already reached opens again; an edit after the review leads
 * back to it, keeping the hashed password and answers.
 */
import { defineJourney } from '../engine/types.js';
import { ui } from '../../phrases/ui.js';
import { BASE, isForeign, openSteps, registrationData, type RegistrationData } from './data.js';
import { identity, kind } from './start.js';
import { verifyMobile } from './code.js';
import { birthCertificate, email } from './personal.js';
import { password } from './password.js';
import { review } from './review.js';
import { outcomes, submitted } from './outcome.js';

export const registration = defineJourney<RegistrationData>({
  kind: 'registration',
  title: ui.register,
  heading: (flow) =>
    flow && flow.state !== 'kind' ? `${ui.register} ${isForeign(flow) ? 'اتباع خارجی' : 'اشخاص حقیقی'}` : ui.register,
  basePath: BASE,
  apiPath: '/api/v1/registration',
  apiTag: 'registration',
  access: 'anonymous',
  ttlMs: (L) => L.flowTtlMs,
  data: registrationData,
  initial: () => ({ personKind: 'iranian', reached: 'identity' }),
  steps: [kind, identity, verifyMobile, birthCertificate, email, password, review],
  // the choice of kind is made once; after it, any step reached so far may be visited again
  open: (flow) => (flow.state === 'kind' ? [] : openSteps(flow.data)),
  waits: { submitted },
  ends: outcomes,
});
