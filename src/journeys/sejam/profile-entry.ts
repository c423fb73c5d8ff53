import type { Move, JourneyFlow, TxContext } from '../engine/types.js';
import { createProfile, recordHistory, type PersonType, type Profile } from '../../sejam/profiles.js';
import { formsOpen } from '../../sejam/lifecycle.js';
import { missingSections, sectionOf, sectionsFor } from '../../sejam/sections.js';
import { SEJAM_PAYMENT_PURPOSE, receiptData, type SejamData } from './data.js';

export interface Registrant {
  personType: PersonType;
  identifier: string;
  representativeCode: string | null;
  mobile: string;
}

/** The fee this registration owes: waived for a broker channel that pays it, else the configured one. */
export function feeFor(ctx: TxContext, channel: string | null): number {
  const cfg = ctx.s.config.sejam;
  return channel && cfg.freeChannels.includes(channel) ? 0 : cfg.feeRial;
}

/** Where a flow continues for a profile, by the profile's stage (a person who left comes back here). */
export function stepFor(profile: Profile): string {
  if (profile.state === 'mobile_verified') return 'fee';
  if (profile.state === 'inquiry_failed') return 'failed';
  if (formsOpen(profile.state)) return missingSections(profile)[0] ?? 'review';
  if (profile.state === 'under_inquiry') return 'checking';
  return 'registered';
}

/** The flow's record of the forms saved so far (they may be opened again). */
export const filledOf = (profile: Profile): string[] =>
  sectionsFor(profile.person_type).filter((n) => sectionOf(profile, n) !== null);

/**
 * Makes the profile, or finds the one this person already started: one profile per national code
 * or national ID. Somebody else's profile (another mobile, type or representative) is never
 * continued nor duplicated: the person is told it exists and how to reach it.
 */
export async function enterProfile(
  ctx: TxContext,
  flow: JourneyFlow<SejamData>,
  who: Registrant,
): Promise<Move<SejamData>> {
  const r = await createProfile(ctx.trx, ctx.s.clock, {
    ...who,
    feeRial: feeFor(ctx, flow.data.channel),
    channel: flow.data.channel,
  });
  const mine =
    r.profile.mobile === who.mobile &&
    r.profile.person_type === who.personType &&
    r.profile.representative_code === who.representativeCode;
  if (!mine) return { ok: true, state: 'exists', data: { ...flow.data, profileId: null } };
  if (r.created)
    await recordHistory(ctx.trx, ctx.s.clock, { profileId: r.profile.id, actor: 'self', action: 'profile.created' });
  const state = stepFor(r.profile);
  // the status page keeps the fee's receipt for a person who comes back
  const receipt =
    state === 'registered'
      ? receiptData(await ctx.s.payments.receipt({ purpose: SEJAM_PAYMENT_PURPOSE, ref: r.profile.id }, ctx.trx))
      : null;
  const data = {
    ...flow.data,
    profileId: r.profile.id,
    personType: r.profile.person_type,
    filled: filledOf(r.profile),
    trackingCode: r.profile.tracking_code,
    receipt,
  };
  return { ok: true, state, data };
}
