import { z } from 'zod';
import { sql } from 'kysely';
import type { Services } from '../services.js';
import type { Tx } from '../db/database.js';
import { RetryLater, backoffDelay } from '../jobs/queue.js';
import { defineJob, enqueueJob, handleJob } from '../jobs/typed.js';
import { queueSms } from '../sms/outbox.js';
import { sms } from '../phrases/fa.js';
import { maskSheba } from '../domain/sheba.js';
import { maskLandline } from '../domain/landline.js';
import { maskEmail } from '../domain/email.js';
import {
  findProfile,
  recordHistory,
  saveRegisteredSection,
  sectionsOf,
  type Change,
  type Profile,
} from './profiles.js';
import { inquiryChecks, type CheckName, type CheckOutcome } from './checks.js';
import { fingerprint } from './inquiry.js';

/**
 * Edits of a registered profile (its tracking code issued). The profile keeps its state and
 * tracking code throughout. An edit whose section has a check is kept pending (a row in
 * sejam_profile_edits, `checking`) and written to the profile only once its check passes: a
 * failed check (a Sheba not the person's own, an unknown postal code) leaves the profile as it
 * was, still valid, and the person is told why. An edit without a check (job) is applied at once.
 */
export const editableSections = ['contact', 'bank', 'job'] as const;
export type EditableSection = (typeof editableSections)[number];

/** The one check each editable section's data feeds (the others' inputs do not change). */
export const editCheck: Record<EditableSection, Extract<CheckName, 'bank' | 'postal'> | null> = {
  contact: 'postal',
  bank: 'bank',
  job: null,
};

export const editCheckJob = defineJob('sejam.edit_check', z.object({ editId: z.uuid() }), { maxAttempts: 12 });

const masks: Record<string, (v: string) => string> = {
  sheba: maskSheba,
  landline: maskLandline,
  workPhone: maskLandline,
  email: maskEmail,
};

/** A section as field paths (accounts.1.sheba) → its values as strings. */
function flatten(v: unknown, path: string, out: Map<string, string>): Map<string, string> {
  if (v === null || v === undefined) return out;
  if (typeof v !== 'object') return out.set(path, String(v));
  for (const [k, x] of Object.entries(v as Record<string, unknown>))
    flatten(x, path ? `${path}.${Array.isArray(v) ? Number(k) + 1 : k}` : k, out);
  return out;
}

const masked = (path: string, v: string | undefined): string | null => {
  if (v === undefined) return null;
  const mask = masks[path.split('.').at(-1)!];
  return mask ? mask(v) : v;
};

/** What an edit changes, field by field, old and new values masked where sensitive. */
export function editChanges(section: string, before: unknown, after: unknown): Change[] {
  const a = flatten(before, '', new Map());
  const b = flatten(after, '', new Map());
  // sorted: stored JSON (jsonb) keeps its own key order, the history a stable one
  return [...new Set([...a.keys(), ...b.keys()])]
    .sort()
    .filter((f) => a.get(f) !== b.get(f))
    .map((f) => ({ field: `${section}.${f}`, from: masked(f, a.get(f)), to: masked(f, b.get(f)) }));
}

export type EditOutcome = { editId: string | null; status: 'applied' | 'checking' };

/**
 * A confirmed edit (the SMS code was right), in the caller's transaction: history first (who,
 * what, old and new masked), then applied at once or kept for its check.
 */
export async function requestEdit(
  s: Services,
  trx: Tx,
  profile: Profile,
  section: EditableSection,
  value: unknown,
): Promise<EditOutcome | null> {
  const changes = editChanges(section, sectionsOf(profile)[section], value);
  await recordHistory(trx, s.clock, { profileId: profile.id, actor: 'self', action: `edit.${section}`, changes });
  const check = editCheck[section];
  if (!check) {
    const saved = await saveRegisteredSection(trx, s.clock, profile.id, section, value);
    return saved ? { editId: null, status: 'applied' } : null;
  }
  const now = s.clock.now();
  // a newer edit of the section replaces one still being checked (its job then finds it gone)
  await trx
    .updateTable('sejam_profile_edits')
    .set({ status: 'superseded', updated_at: now })
    .where('profile_id', '=', profile.id)
    .where('section', '=', section)
    .where('status', '=', 'checking')
    .execute();
  const row = await trx
    .insertInto('sejam_profile_edits')
    .values({
      profile_id: profile.id,
      section,
      value: JSON.stringify(value),
      check_name: check,
      status: 'checking',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await enqueueJob(trx, s.clock, editCheckJob, { editId: row.id }, { key: row.id });
  return { editId: row.id, status: 'checking' };
}

export function findEdit(s: Services, id: string) {
  return s.db.selectFrom('sejam_profile_edits').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Runs an edit's check on the profile as it would be, then applies or refuses the edit. */
export function editCheckHandler(s: Services) {
  return handleJob(editCheckJob, async ({ editId }, ctx) => {
    const edit = await findEdit(s, editId);
    const profile = edit && (await findProfile(s.db, edit.profile_id));
    if (!edit || !profile || edit.status !== 'checking' || !edit.check_name) return;
    const candidate: Profile = { ...profile, sections: { ...sectionsOf(profile), [edit.section]: edit.value } };
    const check = inquiryChecks.find((c) => c.name === edit.check_name)!;
    let outcome: CheckOutcome = await check.run(s, candidate);
    if (outcome.status === 'unavailable') {
      if (ctx.attempt < ctx.maxAttempts) throw new RetryLater(backoffDelay(ctx.attempt, 30_000, 30 * 60_000));
      outcome = { status: 'failed', reason: 'unavailable' };
    }
    const settled = outcome;
    await s.db.transaction().execute(async (trx) => {
      const moved = await trx
        .updateTable('sejam_profile_edits')
        .set({
          status: settled.status === 'passed' ? 'applied' : 'refused',
          reason: settled.status === 'failed' ? settled.reason : null,
          updated_at: s.clock.now(),
        })
        .where('id', '=', editId)
        .where('status', '=', 'checking')
        .executeTakeFirst();
      if (!moved.numUpdatedRows) return;
      if (settled.status === 'passed') await applyChecked(s, trx, candidate, check.name, settled.detail);
      await recordHistory(trx, s.clock, {
        profileId: profile.id,
        actor: 'system',
        action: settled.status === 'passed' ? `edit.${edit.section}.applied` : `edit.${edit.section}.refused`,
        changes: settled.status === 'failed' ? [{ field: check.name, from: null, to: settled.reason }] : [],
      });
      // the person may have left the result page: the outcome goes to the registered mobile too
      const passed = settled.status === 'passed';
      await queueSms(trx, s.clock, {
        to: profile.mobile,
        text: passed ? sms.sejamEditApplied() : sms.sejamEditRefused(),
        purpose: passed ? 'sejam.edit_applied' : 'sejam.edit_refused',
      });
    });
  });
}

/** The edit goes onto the profile, and the check's stored result now describes the new inputs. */
async function applyChecked(
  s: Services,
  trx: Tx,
  candidate: Profile,
  name: CheckName,
  detail: Record<string, unknown> | undefined,
): Promise<void> {
  const check = inquiryChecks.find((c) => c.name === name)!;
  const section = check.section;
  await saveRegisteredSection(trx, s.clock, candidate.id, section, sectionsOf(candidate)[section]);
  await trx
    .updateTable('sejam_inquiries')
    .set({
      status: 'passed',
      reason: null,
      round: sql<number>`round + 1`,
      detail: JSON.stringify({ inputs: fingerprint(check.inputs(candidate)), ...(detail ?? {}) }),
      updated_at: s.clock.now(),
    })
    .where('profile_id', '=', candidate.id)
    .where('check_name', '=', name)
    .execute();
}
