import { sql, type Selectable } from 'kysely';
import type { Executor, Tx } from '../db/database.js';
import type { SejamProfilesTable } from '../db/schema.js';
import type { Clock } from '../clock.js';
import { hasTrackingCode, profileStates, transitionOf, type ProfileEvent, type ProfileState } from './lifecycle.js';
import { newTrackingCode } from './tracking-code.js';
import { requestCivilRecord } from './civil-record.js';

export type Profile = Selectable<SejamProfilesTable>;
export type PersonType = SejamProfilesTable['person_type'];

export interface NewProfile {
  personType: PersonType;
  identifier: string;
  representativeCode: string | null;
  mobile: string;
  feeRial: number;
  channel: string | null;
}

export function findProfile(db: Executor, id: string): Promise<Profile | undefined> {
  return db.selectFrom('sejam_profiles').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findProfileByIdentifier(db: Executor, identifier: string): Promise<Profile | undefined> {
  return db.selectFrom('sejam_profiles').selectAll().where('identifier', '=', identifier).executeTakeFirst();
}

/**
 * One profile per national code or national ID, whoever asks first: two registrations at once
 * meet at the unique constraint, and the second is given the profile that exists.
 */
export async function createProfile(
  trx: Executor,
  clock: Clock,
  p: NewProfile,
): Promise<{ created: true; profile: Profile } | { created: false; profile: Profile }> {
  const now = clock.now();
  const inserted = await trx
    .insertInto('sejam_profiles')
    .values({
      person_type: p.personType,
      identifier: p.identifier,
      representative_code: p.representativeCode,
      mobile: p.mobile,
      state: 'mobile_verified',
      fee_rial: p.feeRial,
      channel: p.channel,
      sections: '{}',
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('identifier').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { created: true, profile: inserted };
  const existing = await findProfileByIdentifier(trx, p.identifier);
  if (!existing) throw new Error('sejam profile vanished between insert and read');
  return { created: false, profile: existing };
}

/**
 * Moves a profile by a declared event, only from the states that event leaves: a repeated or
 * late event (a second callback, a job run twice) finds the state gone and changes nothing.
 */
export async function moveProfile(
  trx: Executor,
  clock: Clock,
  id: string,
  event: ProfileEvent,
  set: Partial<Pick<Profile, 'tracking_code' | 'tracking_code_issued_at'>> = {},
): Promise<Profile | undefined> {
  const t = transitionOf(event);
  return trx
    .updateTable('sejam_profiles')
    .set({ ...set, state: t.to, updated_at: clock.now(), version: sql`version + 1` })
    .where('id', '=', id)
    .where('state', 'in', t.from as ProfileState[])
    .returningAll()
    .executeTakeFirst();
}

/** The profile's forms, by section (identity, contact, bank, job, financial, company…). */
export function sectionsOf(p: Profile): Record<string, unknown> {
  return (p.sections ?? {}) as Record<string, unknown>;
}

/** Writes one section (and bumps the profile's version), only in the given states. */
function writeSection(
  trx: Executor,
  clock: Clock,
  id: string,
  section: string,
  value: unknown,
  states: readonly ProfileState[],
): Promise<Profile | undefined> {
  return trx
    .updateTable('sejam_profiles')
    .set({
      sections: sql<string>`jsonb_set(sections, ${sql.val([section])}::text[], ${JSON.stringify(value)}::jsonb, true)`,
      updated_at: clock.now(),
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .where('state', 'in', states)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Saves one form section, only while forms are open (after the fee, before the inquiry, or to
 * correct a failed one). The first form saved after the fee moves the profile to `forms`.
 */
export async function saveSection(
  trx: Executor,
  clock: Clock,
  id: string,
  section: string,
  value: unknown,
): Promise<Profile | undefined> {
  const saved = await writeSection(trx, clock, id, section, value, ['paid', 'forms', 'inquiry_failed']);
  if (saved?.state === 'paid') return (await moveProfile(trx, clock, id, 'form_saved')) ?? saved;
  return saved;
}

/** The states of a registered profile (its tracking code issued), in which edits are allowed. */
export const registeredStates: readonly ProfileState[] = profileStates.filter(hasTrackingCode);

/**
 * Writes an edited section to a registered profile, only while it is registered (the state and
 * the tracking code are never touched: an edit cannot lose them; every registered state has its
 * code). saveSection stays for the forms.
 */
export const saveRegisteredSection = (trx: Executor, clock: Clock, id: string, section: string, value: unknown) =>
  writeSection(trx, clock, id, section, value, registeredStates);

/**
 * Issues the tracking code to a profile whose inquiry passed. Codes are random, so a clash with an
 * issued one is possible (about one in a billion): that try is rolled back to a savepoint and
 * another code drawn. Issued once: a repeated call finds the profile past `under_inquiry`.
 */
export async function issueTrackingCode(
  trx: Tx,
  clock: Clock,
  id: string,
  draw: () => string = newTrackingCode,
): Promise<Profile | undefined> {
  for (let attempt = 0; attempt < 5; attempt++) {
    await sql`SAVEPOINT tracking_code`.execute(trx);
    try {
      const moved = await moveProfile(trx, clock, id, 'tracking_code_issued', {
        tracking_code: draw(),
        tracking_code_issued_at: clock.now(),
      });
      await sql`RELEASE SAVEPOINT tracking_code`.execute(trx);
      return moved;
    } catch (e) {
      if ((e as { code?: string }).code !== '23505') throw e;
      await sql`ROLLBACK TO SAVEPOINT tracking_code`.execute(trx);
    }
  }
  throw new Error('no free tracking code after 5 draws');
}

/**
 * The fee is paid (or waived): the profile moves to `paid` and the forms open; the history says
 * which, and the civil registry is asked for the identity form's record. Undefined when the
 * profile was not waiting for its fee (paid already, in another tab or by another attempt).
 */
export async function feeSettled(
  trx: Executor,
  clock: Clock,
  profileId: string,
  how: 'fee.paid' | 'fee.waived',
): Promise<Profile | undefined> {
  const moved = await moveProfile(trx, clock, profileId, 'fee_paid');
  if (!moved) return undefined;
  await recordHistory(trx, clock, { profileId: moved.id, actor: 'self', action: how });
  await requestCivilRecord(trx, clock, moved);
  return moved;
}

export interface Change {
  field: string;
  /** Masked where sensitive (a Sheba, a phone): the history shows what changed, not the secret. */
  from: string | null;
  to: string | null;
}

export async function recordHistory(
  db: Executor,
  clock: Clock,
  entry: { profileId: string; actor: string; action: string; changes?: Change[] },
): Promise<void> {
  await db
    .insertInto('sejam_profile_history')
    .values({
      profile_id: entry.profileId,
      actor: entry.actor,
      action: entry.action,
      changes: JSON.stringify(entry.changes ?? []),
      at: clock.now(),
    })
    .execute();
}

/** The kind of the flow that registers a profile (the journey declares it; the profile's jobs wake it). */
export const SEJAM_REGISTRATION_KIND = 'sejam_registration';

/** The registration flows waiting in `state` on this profile (a payment, the inquiry), to be told it moved. */
export function flowsWaitingOn(trx: Executor, state: string, profileId: string): Promise<{ id: string }[]> {
  return trx
    .selectFrom('flows')
    .select('id')
    .where('kind', '=', SEJAM_REGISTRATION_KIND)
    .where('state', '=', state)
    .where(sql<boolean>`data->>'profileId' = ${profileId}`)
    .execute();
}
