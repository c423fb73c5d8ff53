import { z } from 'zod';
import type { JourneyFlow } from '../engine/types.js';
import type { Receipt } from '../../payments/model.js';

/** What a Sejam registration flow holds; the forms themselves live on the profile, not the flow. */
export const sejamData = z.object({
  /** The mobile the code went to (proven once the flow is past `verify`). */
  mobile: z
    .string()
    .regex(/^09\d{9}$/)
    .nullable(),
  /** The profile this flow registers or continues, once the person step found or made it. */
  profileId: z.uuid().nullable(),
  personType: z.enum(['natural', 'legal']).nullable().default(null),
  /** A broker channel named in the link (`?channel=`), which may waive the fee. */
  channel: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .nullable(),
  /** The payment attempt this flow sent to the gateway, and how the browser goes there. */
  payment: z
    .object({
      id: z.uuid(),
      browser: z.discriminatedUnion('method', [
        z.object({ method: z.literal('GET'), url: z.string() }),
        z.object({ method: z.literal('POST'), url: z.string(), fields: z.record(z.string(), z.string()) }),
      ]),
    })
    .nullable()
    .default(null),
  /** What the last unpaid attempt ended as (cancelled, failed…), told on the fee page. */
  lastPayment: z.string().max(40).nullable().default(null),
  /** The forms saved so far (they may be opened again), and whether an edit returns to the review. */
  filled: z.array(z.string()).default([]),
  reviewed: z.boolean().default(false),
  /** Once issued: the tracking code and the fee's receipt, for the end page. */
  trackingCode: z
    .string()
    .regex(/^\d{10}$/)
    .nullable()
    .default(null),
  receipt: z
    .object({
      amountRials: z.number(),
      orderNumber: z.number(),
      referenceId: z.string().nullable(),
      cardPan: z.string().nullable(),
      paidAt: z.string(),
      waived: z.boolean(),
      // the receipt names the gateway and a waiver's channel (defaults: flows saved before they were kept)
      gateway: z.enum(['simulator', 'mellat', 'zarinpal', 'none']).default('none'),
      authority: z.string().nullable().default(null),
      waivedBy: z.string().nullable().default(null),
    })
    .nullable()
    .default(null),
});

export type SejamData = z.infer<typeof sejamData>;
export type SejamFlow = JourneyFlow<SejamData>;

/** A counted payment's receipt as the flow keeps it for the status page. */
export function receiptData(r: Receipt | null): SejamData['receipt'] {
  if (!r) return null;
  return {
    amountRials: r.amountRials,
    orderNumber: r.orderNumber,
    referenceId: r.referenceId,
    cardPan: r.cardPan,
    paidAt: r.paidAt.toISOString(),
    waived: r.waived,
    gateway: r.gateway,
    authority: r.authority,
    waivedBy: r.waivedBy,
  };
}

export { SEJAM_REGISTRATION_KIND as SEJAM_KIND } from '../../sejam/profiles.js';
export const SEJAM_BASE = '/sejam';
export const SEJAM_CODE_PURPOSE = 'sejam-mobile';
export const SEJAM_PAYMENT_PURPOSE = 'sejam';

export const emptyData = (): SejamData => ({
  mobile: null,
  profileId: null,
  personType: null,
  channel: null,
  payment: null,
  lastPayment: null,
  filled: [],
  reviewed: false,
  trackingCode: null,
  receipt: null,
});

export const stepUrl = (flowId: string, step: string) => `${SEJAM_BASE}/${step}?flow=${flowId}`;

/** The forms' steps, by section name (natural persons and legal persons each fill some). */
export const FORM_STEPS = ['identity', 'company', 'representatives', 'contact', 'bank', 'job', 'financial'] as const;
/** Where a returning person's flow may continue, by the profile's stage. */
export const RESUME_STATES = ['fee', ...FORM_STEPS, 'review', 'checking', 'failed', 'registered'] as const;
