import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Clock } from '../clock.js';
import { addMs } from '../clock.js';

export interface LockoutPolicy {
  lockAfter: number;
  baseMs: number;
  maxMs: number;
  windowMs: number;
}

export interface LockState {
  failures: number;
  lockedUntil: Date | null;
  /** How many times this key has been locked before (a captcha stays on after a lock). */
  lockCount: number;
}

/**
 * Failure counters that lock for a growing, self-expiring window (base × 2^n, capped): no admin
 * is needed to unlock, and an attacker can't lock a victim out forever. Rows live in PostgreSQL.
 */
export class Lockout {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly policy: LockoutPolicy,
  ) {}

  async state(key: string, db: Executor = this.db): Promise<LockState> {
    const now = this.clock.now();
    const row = await db.selectFrom('lockouts').selectAll().where('key', '=', key).executeTakeFirst();
    if (!row) return { failures: 0, lockedUntil: null, lockCount: 0 };
    const lockedUntil = row.locked_until && row.locked_until > now ? row.locked_until : null;
    const fresh = row.first_failure_at.getTime() + this.policy.windowMs > now.getTime();
    return { failures: fresh || lockedUntil ? row.failures : 0, lockedUntil, lockCount: row.lock_count };
  }

  /** Counts a failure; returns the new state (locked when the threshold is reached). */
  async fail(key: string, db: Executor = this.db): Promise<LockState> {
    const now = this.clock.now();
    const windowStart = addMs(now, -this.policy.windowMs);
    const row = await db
      .insertInto('lockouts')
      .values({ key, failures: 1, first_failure_at: now, locked_until: null, lock_count: 0, updated_at: now })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql`CASE WHEN lockouts.first_failure_at < ${windowStart} AND (lockouts.locked_until IS NULL OR lockouts.locked_until <= ${now}) THEN 1 ELSE lockouts.failures + 1 END`,
          first_failure_at: sql`CASE WHEN lockouts.first_failure_at < ${windowStart} AND (lockouts.locked_until IS NULL OR lockouts.locked_until <= ${now}) THEN ${now} ELSE lockouts.first_failure_at END`,
          updated_at: now,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    if (row.failures >= this.policy.lockAfter) {
      const ms = Math.min(this.policy.maxMs, this.policy.baseMs * 2 ** row.lock_count);
      const until = addMs(now, ms);
      // a new lock starts a fresh count; lock_count remembers how many locks came before
      await db
        .updateTable('lockouts')
        .set({
          locked_until: until,
          lock_count: row.lock_count + 1,
          failures: 0,
          first_failure_at: now,
          updated_at: now,
        })
        .where('key', '=', key)
        .execute();
      return { failures: row.failures, lockedUntil: until, lockCount: row.lock_count + 1 };
    }
    return { failures: row.failures, lockedUntil: null, lockCount: row.lock_count };
  }

  async clear(key: string, db: Executor = this.db): Promise<void> {
    await db.deleteFrom('lockouts').where('key', '=', key).execute();
  }
}
