import type { Database, Executor } from '../db/database.js';
import type { Clock } from '../clock.js';
import { addMs } from '../clock.js';
import { randomToken, sha256 } from '../security/hmac.js';
import type { Principal } from './principal.js';

export const SESSION_COOKIE = 'hv_session';

export interface SessionInfo {
  id: string;
  accountId: string;
  createdAt: Date;
  /** What the session may do: a citizen's own things, or staff work under its roles. */
  principal: Exclude<Principal, { kind: 'anonymous' }>;
}

/**
 * Server-side sessions: the browser holds a random token, the database only its SHA-256, so a
 * leaked table can't be replayed. Idle and absolute expiry; revocable one by one or all at once.
 */
export class SessionStore {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly idleMs: number,
    private readonly absoluteMs: number,
  ) {}

  async create(
    db: Executor,
    accountId: string,
    meta: { ip?: string | undefined; userAgent?: string | undefined },
    as: { kind: 'citizen' } | { kind: 'staff'; roles: readonly string[] } = { kind: 'citizen' },
  ): Promise<{ token: string; id: string }> {
    const token = randomToken(32);
    const id = sha256(token);
    const now = this.clock.now();
    await db
      .insertInto('sessions')
      .values({
        id,
        account_id: accountId,
        created_at: now,
        last_seen_at: now,
        idle_expires_at: addMs(now, this.idleMs),
        expires_at: addMs(now, this.absoluteMs),
        ip: meta.ip ?? null,
        user_agent: meta.userAgent?.slice(0, 300) ?? null,
        principal: as.kind,
        roles: as.kind === 'staff' ? [...as.roles] : [],
      })
      .execute();
    return { token, id };
  }

  async lookup(token: string | undefined): Promise<SessionInfo | null> {
    if (!token || token.length > 100) return null;
    const id = sha256(token);
    const now = this.clock.now();
    const row = await this.db
      .selectFrom('sessions')
      .select([
        'id',
        'account_id',
        'created_at',
        'last_seen_at',
        'idle_expires_at',
        'expires_at',
        'revoked_at',
        'principal',
        'roles',
      ])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || row.revoked_at || row.expires_at <= now || row.idle_expires_at <= now) return null;
    // sliding idle expiry, written at most once a minute to spare the database
    if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
      await this.db
        .updateTable('sessions')
        .set({ last_seen_at: now, idle_expires_at: addMs(now, this.idleMs) })
        .where('id', '=', id)
        .execute();
    }
    const principal: SessionInfo['principal'] =
      row.principal === 'staff'
        ? { kind: 'staff', accountId: row.account_id, roles: row.roles }
        : { kind: 'citizen', accountId: row.account_id };
    return { id: row.id, accountId: row.account_id, createdAt: row.created_at, principal };
  }

  async revoke(id: string): Promise<void> {
    await this.db.updateTable('sessions').set({ revoked_at: this.clock.now() }).where('id', '=', id).execute();
  }

  /** Ends every session of an account (after a password reset), optionally keeping one. */
  async revokeAll(db: Executor, accountId: string, exceptId?: string): Promise<number> {
    let q = db
      .updateTable('sessions')
      .set({ revoked_at: this.clock.now() })
      .where('account_id', '=', accountId)
      .where('revoked_at', 'is', null);
    if (exceptId) q = q.where('id', '!=', exceptId);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  }
}
