import { sql, type RawBuilder } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Database, Executor } from './db/database.js';
import type { Clock } from './clock.js';
import { addMs } from './clock.js';
import type { Limits } from './config.js';
import { deleteInBatches, PURGE_BATCH } from './db/purge.js';
import { purgeExpiredFlows } from './flows/purge-flows.js';
import type { JobHandler } from './jobs/queue.js';
import { defineJob, enqueueJob, handleJob } from './jobs/typed.js';
import { z } from 'zod';

/*
 * Housekeeping: the rule for when each expiring table's rows stop mattering, and the job that
 * deletes them once per cluster per period. It knows tables from every folder, so it sits at the
 * top beside services.ts (imports point down).
 */

export const HOUSEKEEPING_QUEUE = 'housekeeping.purge';
export const housekeepingJob = defineJob(HOUSEKEEPING_QUEUE, z.object({ period: z.number().int() }), {
  maxAttempts: 3,
});

type RetentionLimits = Pick<
  Limits,
  'loginFailureWindowMs' | 'purgeGraceMs' | 'jobRetentionMs' | 'smsRetentionMs' | 'devSmsRetentionMs'
>;

export type PurgeCounts = Record<
  | 'rate_limits'
  | 'lockouts'
  | 'sessions'
  | 'jobs'
  | 'sms_outbox'
  | 'dev_sms_inbox'
  | 'otp_codes'
  | 'captchas'
  | 'altcha_used'
  | 'flows'
  | 'sejam_civil_records',
  number
>;

/**
 * When a `lockouts` row can go. Logins no longer lock (failures live in rate_limits and make a
 * captcha mandatory), so the table only holds rows written by earlier versions: they go once
 * their last change is older than the failure window plus the grace period and no lock runs.
 */
export function deadLockouts(now: Date, L: RetentionLimits): RawBuilder<unknown> {
  const quietMs = L.loginFailureWindowMs + L.purgeGraceMs;
  return sql`updated_at < ${addMs(now, -quietMs)} AND (locked_until IS NULL OR locked_until < ${now})`;
}

/** Deletes every row that can no longer matter, table by table; returns how many went from each. */
export async function purgeExpired(
  db: Executor,
  clock: Clock,
  L: RetentionLimits,
  opts: { batchSize?: number } = {},
): Promise<PurgeCounts> {
  const now = clock.now();
  const ago = (ms: number) => addMs(now, -ms);
  const grace = ago(L.purgeGraceMs);
  const batch = opts.batchSize ?? PURGE_BATCH;
  const purge = (table: keyof PurgeCounts, key: string, dead: RawBuilder<unknown>) =>
    deleteInBatches(db, table, key, dead, batch);
  return {
    // an expired counter restarts at 1 on its next hit anyway
    rate_limits: await purge('rate_limits', 'key', sql`expires_at < ${now}`),
    lockouts: await purge('lockouts', 'key', deadLockouts(now, L)),
    sessions: await purge(
      'sessions',
      'id',
      sql`(expires_at < ${grace} OR idle_expires_at < ${grace} OR revoked_at < ${grace})`,
    ),
    // pending and running jobs stay however old: they are work still owed
    jobs: await purge('jobs', 'id', sql`state IN ('done', 'failed') AND finished_at < ${ago(L.jobRetentionMs)}`),
    // a queued message is still to be sent
    sms_outbox: await purge(
      'sms_outbox',
      'id',
      sql`status IN ('sent', 'failed') AND created_at < ${ago(L.smsRetentionMs)}`,
    ),
    dev_sms_inbox: await purge('dev_sms_inbox', 'id', sql`received_at < ${ago(L.devSmsRetentionMs)}`),
    // wrong guesses are budgeted per mobile in rate_limits, not on the code row: an expired code
    // holds nothing that still counts
    otp_codes: await purge('otp_codes', 'id', sql`expires_at < ${grace}`),
    // an expired captcha is refused and its image not served: nothing to keep
    captchas: await purge('captchas', 'id', sql`expires_at < ${now}`),
    // a used proof must outlive its challenge on every node's clock, or a node running behind
    // would take it again once the row was gone: kept for the grace period past expiry
    altcha_used: await purge('altcha_used', 'signature', sql`expires_at < ${grace}`),
    flows: await purgeExpiredFlows(db, clock, L.purgeGraceMs, batch),
    // the registry's copy of a birth certificate filled the identity form; once the inquiry has
    // passed (a tracking code) the confirmed section is what counts, and the copy need not stay
    sejam_civil_records: await purge(
      'sejam_civil_records',
      'profile_id',
      sql`profile_id IN (SELECT id FROM sejam_profiles WHERE tracking_code IS NOT NULL)`,
    ),
  };
}

export function housekeepingHandler(
  db: Database,
  clock: Clock,
  L: RetentionLimits,
  log: FastifyBaseLogger,
): JobHandler {
  return handleJob(housekeepingJob, async () => {
    const started = Date.now();
    const deleted = await purgeExpired(db, clock, L);
    // counts only: nothing about whose rows they were
    log.info({ deleted, ms: Date.now() - started }, 'housekeeping purge');
  });
}

/**
 * Asks for this period's purge. Every serving node calls this every few minutes; the period's
 * unique key makes all but the first call a no-op, so the cluster purges once per period.
 */
export async function scheduleHousekeeping(
  db: Executor,
  clock: Clock,
  L: Pick<Limits, 'purgeEveryMs'>,
): Promise<number | null> {
  const period = Math.floor(clock.now().getTime() / L.purgeEveryMs);
  return enqueueJob(db, clock, housekeepingJob, { period }, { key: `purge:${period}` });
}
