import { randomInt } from 'node:crypto';
import type { Executor } from '../db/database.js';
import type { Clock } from '../clock.js';
import { addMs } from '../clock.js';
import { hmac, safeEqualHex } from '../security/hmac.js';

export type OtpCheck =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'expired' | 'too_many_attempts' }
  | { ok: false; reason: 'wrong'; remaining: number };

/**
 * Six-digit SMS codes. Stored as HMAC, compared in constant time, single use. A new code voids the
 * old one and inherits its wrong-guess count: the guess budget belongs to the subject (a flow),
 * so resending never buys fresh guesses.
 */
export class OtpService {
  constructor(
    private readonly clock: Clock,
    private readonly secret: string,
    private readonly maxAttempts: number,
  ) {}

  private digest(subject: string, purpose: string, code: string) {
    return hmac(this.secret, `otp:${purpose}`, `${subject}:${code}`);
  }

  /** Creates a code for subject+purpose and returns it (to be put in an SMS, never stored). */
  async issue(db: Executor, p: { subject: string; purpose: string; mobile: string; ttlMs: number }): Promise<string> {
    const now = this.clock.now();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const previous = await db
      .updateTable('otp_codes')
      .set({ superseded_at: now })
      .where('subject', '=', p.subject)
      .where('purpose', '=', p.purpose)
      .where('consumed_at', 'is', null)
      .where('superseded_at', 'is', null)
      .returning('attempts')
      .execute();
    const carried = previous.reduce((m, r) => Math.max(m, r.attempts), 0);
    await db
      .insertInto('otp_codes')
      .values({
        subject: p.subject,
        purpose: p.purpose,
        mobile: p.mobile,
        code_hmac: this.digest(p.subject, p.purpose, code),
        attempts: carried,
        max_attempts: this.maxAttempts,
        expires_at: addMs(now, p.ttlMs),
        created_at: now,
      })
      .execute();
    return code;
  }

  /** The live code's facts, for showing the resend countdown. */
  async current(db: Executor, subject: string, purpose: string) {
    return db
      .selectFrom('otp_codes')
      .select(['created_at', 'expires_at', 'attempts', 'max_attempts', 'mobile'])
      .where('subject', '=', subject)
      .where('purpose', '=', purpose)
      .where('consumed_at', 'is', null)
      .where('superseded_at', 'is', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
  }

  /** Checks a code. Run inside a transaction: the row is locked so two guesses can't both count once. */
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
    if (row.attempts >= row.max_attempts) return { ok: false, reason: 'too_many_attempts' };
    if (row.expires_at <= now) return { ok: false, reason: 'expired' };
    if (safeEqualHex(row.code_hmac, this.digest(subject, purpose, code))) {
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
    const remaining = row.max_attempts - row.attempts - 1;
    return remaining <= 0 ? { ok: false, reason: 'too_many_attempts' } : { ok: false, reason: 'wrong', remaining };
  }
}
