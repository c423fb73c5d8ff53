import { createHash } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { z } from 'zod';
import type { Services } from '../services.js';
import type { Executor, Tx } from '../db/database.js';
import type { SejamInquiriesTable } from '../db/schema.js';
import { RetryLater, backoffDelay } from '../jobs/queue.js';
import { defineJob, enqueueJob, handleJob } from '../jobs/typed.js';
import { queueSms } from '../sms/outbox.js';
import { sms } from '../phrases/fa.js';
import {
  findProfile,
  flowsWaitingOn,
  issueTrackingCode,
  moveProfile,
  recordHistory,
  type Profile,
} from './profiles.js';
import { inquiryChecks, type CheckName, type CheckOutcome } from './checks.js';

/**
 * The inquiry (استعلام): after the person confirms the review, each check that applies runs as
 * its own durable job and stores its result. When the last one is in: all passed, a tracking code
 * is issued and sent; any failed, the person is shown which part and why. A resubmission runs
 * again only the checks that failed or whose inputs changed since they passed.
 */
export const inquiryJob = defineJob(
  'sejam.inquiry',
  z.object({
    profileId: z.uuid(),
    check: z.enum(['identity', 'bank', 'postal', 'mobile', 'company']),
    round: z.number().int().min(1),
  }),
  { maxAttempts: 12 },
);

/** Told to every flow waiting on this profile's inquiry (its page moves on). */
export const inquiryDoneJob = defineJob('sejam.inquiry_done', z.object({ flowId: z.uuid(), profileId: z.uuid() }));

export type InquiryRow = Selectable<SejamInquiriesTable>;

/** What a check's inputs were, so a resubmission knows whether a passed check must run again. */
export function fingerprint(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value ?? null))
    .digest('base64url')
    .slice(0, 22);
}

export function inquiriesOf(db: Executor, profileId: string) {
  return db.selectFrom('sejam_inquiries').selectAll().where('profile_id', '=', profileId).execute();
}

/**
 * Starts (or restarts) the inquiry of a confirmed profile, in the caller's transaction. Returns the
 * checks queued. Round numbers make a job of an earlier round a no-op.
 */
export async function startInquiry(s: Services, trx: Tx, profile: Profile): Promise<CheckName[]> {
  const previous = new Map((await inquiriesOf(trx, profile.id)).map((r) => [r.check_name, r]));
  const round = Math.max(0, ...[...previous.values()].map((r) => r.round)) + 1;
  const now = s.clock.now();
  const queued: CheckName[] = [];
  for (const check of inquiryChecks) {
    if (!check.appliesTo(profile)) continue;
    const print = fingerprint(check.inputs(profile));
    const before = previous.get(check.name);
    const detail = (before?.detail ?? {}) as Record<string, unknown>;
    if (before?.status === 'passed' && detail.inputs === print) continue;
    await trx
      .insertInto('sejam_inquiries')
      .values({
        profile_id: profile.id,
        check_name: check.name,
        status: 'pending',
        round,
        reason: null,
        detail: JSON.stringify({ inputs: print }),
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['profile_id', 'check_name']).doUpdateSet({
          status: 'pending',
          round,
          reason: null,
          detail: JSON.stringify({ inputs: print }),
          updated_at: now,
        }),
      )
      .execute();
    await enqueueJob(
      trx,
      s.clock,
      inquiryJob,
      { profileId: profile.id, check: check.name, round },
      { key: `${profile.id}:${check.name}:${round}` },
    );
    queued.push(check.name);
  }
  return queued;
}

export function inquiryHandler(s: Services) {
  return handleJob(inquiryJob, async ({ profileId, check: name, round }, ctx) => {
    const row = await s.db
      .selectFrom('sejam_inquiries')
      .selectAll()
      .where('profile_id', '=', profileId)
      .where('check_name', '=', name)
      .executeTakeFirst();
    const profile = await findProfile(s.db, profileId);
    // a job of an earlier round, or repeated after its result was stored, changes nothing
    if (!row || !profile || row.status !== 'pending' || row.round !== round || profile.state !== 'under_inquiry')
      return;
    const check = inquiryChecks.find((c) => c.name === name)!;
    let outcome: CheckOutcome = await check.run(s, profile);
    if (outcome.status === 'unavailable') {
      s.log.warn({ check: name, attempt: ctx.attempt }, 'sejam inquiry: registry unavailable; will retry');
      // the last try gives up, so the person can resubmit later instead of waiting for ever
      if (ctx.attempt < ctx.maxAttempts) throw new RetryLater(backoffDelay(ctx.attempt, 30_000, 30 * 60_000));
      outcome = { status: 'failed', reason: 'unavailable' };
    }
    await s.db.transaction().execute(async (trx) => {
      await settleCheck(s, trx, profileId, name, round, outcome as Exclude<CheckOutcome, { status: 'unavailable' }>);
    });
  });
}

async function settleCheck(
  s: Services,
  trx: Tx,
  profileId: string,
  name: CheckName,
  round: number,
  outcome: Exclude<CheckOutcome, { status: 'unavailable' }>,
): Promise<void> {
  // one check at a time decides the profile's fate: the row lock orders concurrent last checks
  await sql`SELECT 1 FROM sejam_profiles WHERE id = ${profileId} FOR UPDATE`.execute(trx);
  const stored = await trx
    .updateTable('sejam_inquiries')
    .set({
      status: outcome.status,
      reason: outcome.status === 'failed' ? outcome.reason : null,
      detail: sql`detail || ${JSON.stringify(outcome.detail ?? {})}::jsonb`,
      updated_at: s.clock.now(),
    })
    .where('profile_id', '=', profileId)
    .where('check_name', '=', name)
    .where('round', '=', round)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (!stored.numUpdatedRows) return;
  const rows = await inquiriesOf(trx, profileId);
  if (rows.some((r) => r.status === 'pending')) return;
  const failed = rows.filter((r) => r.status === 'failed');
  const moved = failed.length
    ? await moveProfile(trx, s.clock, profileId, 'inquiry_failed')
    : await issueTrackingCode(trx, s.clock, profileId);
  if (!moved) return;
  await recordHistory(trx, s.clock, {
    profileId,
    actor: 'system',
    action: failed.length ? 'inquiry.failed' : 'inquiry.passed',
    changes: failed.map((r) => ({ field: r.check_name, from: null, to: r.reason })),
  });
  if (moved.tracking_code) {
    await queueSms(trx, s.clock, {
      to: moved.mobile,
      text: sms.sejamTrackingCode(moved.tracking_code),
      purpose: 'sejam.tracking_code',
      sensitive: true,
    });
  } else {
    await queueSms(trx, s.clock, { to: moved.mobile, text: sms.sejamInquiryFailed(), purpose: 'sejam.inquiry_failed' });
  }
  // every registration flow waiting on this profile moves on (its page shows the outcome)
  for (const f of await flowsWaitingOn(trx, 'checking', profileId)) {
    await enqueueJob(trx, s.clock, inquiryDoneJob, { flowId: f.id, profileId }, { key: `${f.id}:${round}` });
  }
}
