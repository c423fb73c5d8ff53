import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Clock } from '../clock.js';
import { addMs } from '../clock.js';
import { deleteInBatches } from '../db/purge.js';

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
