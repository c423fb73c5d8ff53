import { isIPv6 } from 'node:net';
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Clock } from '../clock.js';
import { addMs } from '../clock.js';
import { hmac } from './hmac.js';

export interface Budget {
  key: string;
  limit: number;
  windowMs: number;
}

export type ChargeResult =
  { allowed: true; counts: number[] } | { allowed: false; retryAfterMs: number; refusedKeys: string[] };

export interface RateResult {
  allowed: boolean;
  count: number;
  retryAfterMs: number;
}

/**
 * Fixed-window counters in PostgreSQL: one atomic upsert per hit, so every node shares the budget.
 * Keys are HMACed: a national code or mobile number never sits in this table in clear.
 */
export class RateLimiter {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly secret: string,
  ) {}

  key(scope: string, value: string): string {
    return `${scope}:${hmac(this.secret, 'rate', value).slice(0, 32)}`;
  }

  async hit(key: string, limit: number, windowMs: number, db: Executor = this.db): Promise<RateResult> {
    const now = this.clock.now();
    const end = addMs(now, windowMs);
    const row = await db
      .insertInto('rate_limits')
      .values({ key, window_start: now, count: 1, expires_at: end })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          count: sql`CASE WHEN rate_limits.expires_at <= ${now} THEN 1 ELSE rate_limits.count + 1 END`,
          window_start: sql`CASE WHEN rate_limits.expires_at <= ${now} THEN ${now} ELSE rate_limits.window_start END`,
          expires_at: sql`CASE WHEN rate_limits.expires_at <= ${now} THEN ${end} ELSE rate_limits.expires_at END`,
        }),
      )
      .returning(['count', 'expires_at'])
      .executeTakeFirstOrThrow();
    return {
      allowed: row.count <= limit,
      count: row.count,
      retryAfterMs: Math.max(0, row.expires_at.getTime() - now.getTime()),
    };
  }

  /**
   * Charges one unit to every budget, but only when all of them have room: a refusal charges
   * nothing, so requests that are turned away cannot use up someone else's budget. Rows are
   * locked in key order (no deadlock between two callers) inside a transaction, so two nodes can
   * never both take the last place.
   */
  async chargeAll(budgets: Budget[], db: Executor = this.db): Promise<ChargeResult> {
    if (!db.isTransaction) return this.db.transaction().execute((trx) => this.chargeAll(budgets, trx));
    const now = this.clock.now();
    const sorted = [...new Map(budgets.map((b) => [b.key, b])).values()].sort((a, b) => (a.key < b.key ? -1 : 1));
    if (!sorted.length) return { allowed: true, counts: [] };
    await db
      .insertInto('rate_limits')
      .values(sorted.map((b) => ({ key: b.key, window_start: now, count: 0, expires_at: addMs(now, b.windowMs) })))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const rows = await db
      .selectFrom('rate_limits')
      .select(['key', 'count', 'expires_at'])
      .where(
        'key',
        'in',
        sorted.map((b) => b.key),
      )
      .orderBy('key')
      .forUpdate()
      .execute();
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const refused: { key: string; retryAfterMs: number }[] = [];
    for (const b of sorted) {
      const r = byKey.get(b.key)!;
      const live = r.expires_at > now;
      if (live && r.count >= b.limit)
        refused.push({ key: b.key, retryAfterMs: r.expires_at.getTime() - now.getTime() });
    }
    if (refused.length) {
      return {
        allowed: false,
        retryAfterMs: Math.max(...refused.map((r) => r.retryAfterMs)),
        refusedKeys: refused.map((r) => r.key),
      };
    }
    const counts = new Map<string, number>();
    for (const b of sorted) {
      const r = byKey.get(b.key)!;
      const live = r.expires_at > now;
      await db
        .updateTable('rate_limits')
        .set(live ? { count: r.count + 1 } : { count: 1, window_start: now, expires_at: addMs(now, b.windowMs) })
        .where('key', '=', b.key)
        .execute();
      counts.set(b.key, live ? r.count + 1 : 1);
    }
    return { allowed: true, counts: budgets.map((b) => counts.get(b.key)!) };
  }

  /** Gives back one unit (a reserved attempt that turned out to be the right one). */
  async refund(key: string, db: Executor = this.db): Promise<void> {
    await db
      .updateTable('rate_limits')
      .set({ count: sql`GREATEST(rate_limits.count - 1, 0)` })
      .where('key', '=', key)
      .execute();
  }

  /** When a spent budget has room again (null: it has room now). */
  async blockedUntil(b: Budget, db: Executor = this.db): Promise<Date | null> {
    const row = await db
      .selectFrom('rate_limits')
      .select(['count', 'expires_at'])
      .where('key', '=', b.key)
      .executeTakeFirst();
    if (!row || row.expires_at <= this.clock.now() || row.count < b.limit) return null;
    return row.expires_at;
  }

  /** The current count without adding to it. */
  async peek(key: string, db: Executor = this.db): Promise<number> {
    const row = await db
      .selectFrom('rate_limits')
      .select(['count', 'expires_at'])
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row || row.expires_at <= this.clock.now()) return 0;
    return row.count;
  }

  async reset(key: string, db: Executor = this.db): Promise<void> {
    await db.deleteFrom('rate_limits').where('key', '=', key).execute();
  }
}

/**
 * What a per-client budget counts: an IPv4 address, or an IPv6 /64. One subscriber (a phone on a
 * mobile network) owns a whole /64 and may use any address in it, so single IPv6 addresses would
 * be no limit at all.
 */
export function clientNetwork(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  const addr = ip.split('%')[0]!.toLowerCase();
  if (!isIPv6(addr)) return ip;
  const [head = '', tail] = addr.split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  // an IPv4 tail (::ffff:1.2.3.4 style) fills two groups
  const dotted = ((tail === undefined ? front : back).at(-1) ?? '').includes('.') ? 1 : 0;
  const zeros = tail === undefined ? 0 : 8 - front.length - back.length - dotted;
  const groups = [...front, ...Array<string>(Math.max(0, zeros)).fill('0'), ...back];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
