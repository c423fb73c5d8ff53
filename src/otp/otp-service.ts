import { randomInt } from 'node:crypto';
import type { Executor } from '../db/database.js';
import type { Clock } from '../clock.js';
import { addMs } from '../clock.js';
import { hmac, safeEqualHex } from '../security/hmac.js';
import type { Budget, RateLimiter } from '../security/rate-limit.js';

export type OtpCheck =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'expired' }
  | { ok: false; reason: 'too_many_attempts'; retryAt: Date }
  | { ok: false; reason: 'wrong'; remaining: number };

export interface GuessPolicy {
  /** Wrong guesses allowed per mobile and purpose within one window. */
  maxAttempts: number;
  /** How long a spent guess budget stays spent, counted from the first wrong guess. */
  windowMs: number;
}

/**
 * Six-digit SMS codes. Stored as HMAC, compared in constant time, single use; a new code voids
 * the old one. Wrong guesses are budgeted per MOBILE and purpose over a window (not per code or
 * flow), so neither a resend, nor a new flow, nor another tab buys fresh guesses; once the window
 * is over a fresh code works again, so nobody is stuck for good.
 */
export class OtpService {
  constructor(
    private readonly clock: Clock,
    private readonly secret: string,
    private readonly rates: RateLimiter,
    private readonly policy: GuessPolicy,
  ) {}

  private digest(subject: string, purpose: string, code: string) {
    return hmac(this.secret, `otp:${purpose}`, `${subject}:${code}`);
  }

  guessBudget(purpose: string, mobile: string): Budget {
    return {
      key: this.rates.key(`otp-guess-${purpose}`, mobile),
      limit: this.policy.maxAttempts,
      windowMs: this.policy.windowMs,
    };
  }

  /** When guessing at codes for this mobile may start again (null: it may now). */
  guessesBlockedUntil(db: Executor, purpose: string, mobile: string): Promise<Date | null> {
    return this.rates.blockedUntil(this.guessBudget(purpose, mobile), db);
  }

  /** Creates a code for subject+purpose and returns it (to be put in an SMS, never stored). */
  async issue(
    db: Executor,
    p: { subject: string; purpose: string; mobile: string; ttlMs: number; outboxId?: string },
  ): Promise<string> {
    const now = this.clock.now();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await db
      .updateTable('otp_codes')
      .set({ superseded_at: now })
      .where('subject', '=', p.subject)
      .where('purpose', '=', p.purpose)
      .where('consumed_at', 'is', null)
      .where('superseded_at', 'is', null)
      .execute();
    await db
      .insertInto('otp_codes')
      .values({
        subject: p.subject,
        purpose: p.purpose,
        mobile: p.mobile,
        code_hmac: this.digest(p.subject, p.purpose, code),
        attempts: 0,
        max_attempts: this.policy.maxAttempts,
        expires_at: addMs(now, p.ttlMs),
        created_at: now,
        outbox_id: p.outboxId ?? null,
      })
      .execute();
    return code;
  }

  /** The live code's facts, for showing the resend countdown and how its SMS is doing. */
  async current(db: Executor, subject: string, purpose: string) {
    return db
      .selectFrom('otp_codes')
      .select(['created_at', 'expires_at', 'attempts', 'max_attempts', 'mobile', 'outbox_id'])
      .where('subject', '=', subject)
      .where('purpose', '=', purpose)
      .where('consumed_at', 'is', null)
      .where('superseded_at', 'is', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
  }

  /**
   * Checks a code. Run inside a transaction: the code row is locked, and the guess is charged to
   * the mobile's budget BEFORE comparing (given back when right), so parallel guesses from any
   * number of nodes can never exceed the budget.
   */
  async check(trx: Executor, subject: string, purpose: string, code: string): Promise<OtpCheck> {
    const now = this.clock.now();
    const row = await trx
      .selectFrom('otp_codes')
      .selectAll()
      .where('subject', '=', subject)
      .where('purpose', '=', purpose)
      .where('consumed_at', 'is', null)
      .where('superseded_at', 'is', null)
      .orderBy('created_at', 'desc')
      .forUpdate()
      .executeTakeFirst();
    if (!row) return { ok: false, reason: 'missing' };
    const budget = this.guessBudget(purpose, row.mobile);
    const charged = await this.rates.chargeAll([budget], trx);
    if (!charged.allowed) return { ok: false, reason: 'too_many_attempts', retryAt: addMs(now, charged.retryAfterMs) };
    if (row.expires_at <= now) {
      await this.rates.refund(budget.key, trx);
      return { ok: false, reason: 'expired' };
    }
    if (safeEqualHex(row.code_hmac, this.digest(subject, purpose, code))) {
      await this.rates.refund(budget.key, trx);
      const used = await trx
        .updateTable('otp_codes')
        .set({ consumed_at: now })
        .where('id', '=', row.id)
        .where('consumed_at', 'is', null)
        .executeTakeFirst();
      return used.numUpdatedRows > 0n ? { ok: true } : { ok: false, reason: 'missing' };
    }
    await trx
      .updateTable('otp_codes')
      .set({ attempts: row.attempts + 1 })
      .where('id', '=', row.id)
      .execute();
    const remaining = budget.limit - charged.counts[0]!;
    if (remaining > 0) return { ok: false, reason: 'wrong', remaining };
    const until = (await this.guessesBlockedUntil(trx, purpose, row.mobile)) ?? addMs(now, budget.windowMs);
    return { ok: false, reason: 'too_many_attempts', retryAt: until };
  }
}
