import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Clock } from '../clock.js';
import { addMs } from '../clock.js';
import { isUuid } from '../security/captcha-service.js';
import { deleteInBatches } from '../db/purge.js';

export interface Flow<D = Record<string, unknown>> {
  id: string;
  kind: string;
  state: string;
  data: D;
  accountId: string | null;
  expiresAt: Date;
  version: number;
}

type Row = {
  id: string;
  kind: string;
  state: string;
  data: Record<string, unknown>;
  account_id: string | null;
  expires_at: Date;
  version: number;
};

const toFlow = <D>(r: Row): Flow<D> => ({
  id: r.id,
  kind: r.kind,
  state: r.state,
  data: r.data as D,
  accountId: r.account_id,
  expiresAt: r.expires_at,
  version: r.version,
});

export async function createFlow<D extends object>(
  db: Executor,
  clock: Clock,
  p: { kind: string; state: string; data: D; ttlMs: number; accountId?: string | null },
): Promise<Flow<D>> {
  const now = clock.now();
  const row = await db
    .insertInto('flows')
    .values({
      id: randomUUID(),
      kind: p.kind,
      state: p.state,
      data: JSON.stringify(p.data),
      account_id: p.accountId ?? null,
      expires_at: addMs(now, p.ttlMs),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toFlow<D>(row);
}

export type LoadResult<D> = { ok: true; flow: Flow<D> } | { ok: false; reason: 'not_found' | 'expired' };

export async function loadFlow<D>(
  db: Executor,
  clock: Clock,
  id: unknown,
  kind: string,
  opts: { forUpdate?: boolean } = {},
): Promise<LoadResult<D>> {
  if (typeof id !== 'string' || !isUuid(id)) return { ok: false, reason: 'not_found' };
  let q = db.selectFrom('flows').selectAll().where('id', '=', id).where('kind', '=', kind);
  if (opts.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) return { ok: false, reason: 'not_found' };
  if (row.expires_at <= clock.now()) return { ok: false, reason: 'expired' };
  return { ok: true, flow: toFlow<D>(row) };
}

/**
 * Saves a step's result if nobody else moved the flow meanwhile (optimistic: version must match).
 * Each save extends the flow's life: the deadline counts from the last step taken.
 */
export async function saveFlow<D>(
  db: Executor,
  clock: Clock,
  flow: Flow<D>,
  next: { state: string; data: D; ttlMs: number },
): Promise<Flow<D> | null> {
  const now = clock.now();
  const row = await db
    .updateTable('flows')
    .set({
      state: next.state,
      data: JSON.stringify(next.data),
      version: flow.version + 1,
      expires_at: addMs(now, next.ttlMs),
      updated_at: now,
    })
    .where('id', '=', flow.id)
    .where('version', '=', flow.version)
    .returningAll()
    .executeTakeFirst();
  return row ? toFlow<D>(row) : null;
}

/**
 * Deletes flows more than graceMs past their deadline. A flow whose registration request is still
 * under review stays until the request is decided: the request names it, and such flows are few
 * (one pending request per person, for at most 48 hours).
 */
export async function purgeExpiredFlows(
  db: Executor,
  clock: Clock,
  graceMs = 24 * 60 * 60_000,
  batchSize?: number,
): Promise<number> {
  const cut = addMs(clock.now(), -graceMs);
  return deleteInBatches(
    db,
    'flows',
    'id',
    sql`expires_at < ${cut} AND NOT EXISTS (
      SELECT 1 FROM registration_requests r WHERE r.flow_id = flows.id AND r.status = 'pending'
    )`,
    batchSize,
  );
}
