import { z } from 'zod';
import type { Executor } from '../db/database.js';
import type { Clock } from '../clock.js';
import type { Services } from '../services.js';
import { RetryLater, backoffDelay } from '../jobs/queue.js';
import { defineJob, enqueueJob, handleJob } from '../jobs/typed.js';
import { sameName, shenasnamehKey } from '../registries/civil-registry/matching.js';
import type { CivilRecord } from '../registries/civil-registry/port.js';
import type { Profile } from './profiles.js';
import type { Section } from './sections.js';

/**
 * The registrant's birth-certificate record, read from the civil registry once the fee is paid,
 * so the identity form opens filled in and the person only confirms it. Only the natural person
 * whose mobile Shahkar tied to this national code, and who paid, ever sees it: the record is
 * never shown to whoever merely types a national code.
 *
 * The read is a durable job: the person may reach the form before it answers (the page says so
 * and lets them type), and a registry outage is retried a few times, then given up as
 * `unavailable` (the form is typed by hand; the inquiry still checks it).
 */
export const civilRecordJob = defineJob('sejam.civil_record', z.object({ profileId: z.uuid() }), { maxAttempts: 5 });

export type CivilRecordRow =
  { status: 'pending' | 'not_found' | 'deceased' | 'unavailable' } | { status: 'found'; record: CivilRecord };

const recordSchema = z.object({
  firstName: z.string(),
  lastName: z.string(),
  fatherName: z.string(),
  birthDateIso: z.iso.date(),
  gender: z.enum(['male', 'female']),
  shenasnamehNumber: z.string(),
  birthPlace: z.string().nullable(),
  shenasnamehSerial: z.string().nullable(),
}) satisfies z.ZodType<CivilRecord>;

/** Asks for the record of a paid natural-person profile, in the caller's transaction (once). */
export async function requestCivilRecord(trx: Executor, clock: Clock, profile: Profile): Promise<void> {
  if (profile.person_type !== 'natural') return;
  const inserted = await trx
    .insertInto('sejam_civil_records')
    .values({ profile_id: profile.id, status: 'pending', record: null, updated_at: clock.now() })
    .onConflict((oc) => oc.column('profile_id').doNothing())
    .returning('profile_id')
    .executeTakeFirst();
  if (inserted) await enqueueJob(trx, clock, civilRecordJob, { profileId: profile.id }, { key: profile.id });
}

/** What the registry answered for this profile; null when it was never asked (a legal person). */
export async function civilRecordOf(db: Executor, profileId: string): Promise<CivilRecordRow | null> {
  const row = await db
    .selectFrom('sejam_civil_records')
    .select(['status', 'record'])
    .where('profile_id', '=', profileId)
    .executeTakeFirst();
  if (!row) return null;
  if (row.status !== 'found') return { status: row.status };
  const record = recordSchema.safeParse(row.record);
  // a stored record that no longer parses is treated as no answer: the person types the form
  return record.success ? { status: 'found', record: record.data } : { status: 'unavailable' };
}

export function civilRecordHandler(s: Services) {
  return handleJob(civilRecordJob, async ({ profileId }, ctx) => {
    const profile = await s.db
      .selectFrom('sejam_profiles')
      .select(['identifier'])
      .where('id', '=', profileId)
      .executeTakeFirst();
    const current = await civilRecordOf(s.db, profileId);
    if (!profile || current?.status !== 'pending') return;
    const r = await s.civilRegistry.readRecord({ nationalCode: profile.identifier, personKind: 'iranian' });
    if (r.status === 'unavailable' && ctx.attempt < ctx.maxAttempts) {
      s.log.warn({ attempt: ctx.attempt }, 'sejam civil record: registry unavailable; will retry');
      throw new RetryLater(backoffDelay(ctx.attempt, 10_000, 5 * 60_000));
    }
    await s.db
      .updateTable('sejam_civil_records')
      .set({
        status: r.status,
        record: r.status === 'found' ? JSON.stringify(r.record) : null,
        updated_at: s.clock.now(),
      })
      .where('profile_id', '=', profileId)
      .where('status', '=', 'pending')
      .execute();
  });
}

/** The record as the identity form's values (what the registry does not hold is left empty). */
export function recordAsIdentity(r: CivilRecord): Omit<Section<'identity'>, 'fromRegistry'> {
  return {
    firstName: r.firstName,
    lastName: r.lastName,
    fatherName: r.fatherName,
    birthDate: r.birthDateIso,
    birthPlace: r.birthPlace ?? '',
    shenasnamehNumber: r.shenasnamehNumber,
    shenasnamehSerial: r.shenasnamehSerial ?? '',
    gender: r.gender,
  };
}

/** Whether what the person confirmed is the registry's record, unchanged where the registry spoke. */
export function confirmsRecord(v: Omit<Section<'identity'>, 'fromRegistry'>, r: CivilRecord): boolean {
  return (
    sameName(v.firstName, r.firstName) &&
    sameName(v.lastName, r.lastName) &&
    sameName(v.fatherName, r.fatherName) &&
    v.birthDate === r.birthDateIso &&
    v.gender === r.gender &&
    shenasnamehKey(v.shenasnamehNumber) === shenasnamehKey(r.shenasnamehNumber) &&
    (r.birthPlace === null || sameName(v.birthPlace, r.birthPlace)) &&
    (r.shenasnamehSerial === null || v.shenasnamehSerial === r.shenasnamehSerial.replace(/\s+/g, ''))
  );
}
