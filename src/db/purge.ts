import { sql, type RawBuilder } from 'kysely';
import type { Executor } from './database.js';
import type { DB } from './schema.js';

/** Rows per DELETE: small enough that one statement holds its locks and WAL briefly. */
export const PURGE_BATCH = 5000;

/**
 * Deletes the rows `dead` describes, one bounded batch per statement, until a batch comes back
 * short. SKIP LOCKED: a row a request is working on right now waits for the next run instead of
 * making the purge wait. The condition is checked again on the row deleted, so a row that came
 * back to life meanwhile (a counter restarted, a session extended) stays.
 */
export async function deleteInBatches(
  db: Executor,
  table: keyof DB,
  key: string,
  dead: RawBuilder<unknown>,
  batchSize = PURGE_BATCH,
): Promise<number> {
  let total = 0;
  for (;;) {
    // = ANY(ARRAY(…)) rather than IN (…): the planner then looks the batch up by primary key
    // instead of scanning the whole table once per batch
    const r = await sql`DELETE FROM ${sql.table(table)} WHERE ${sql.ref(key)} = ANY(ARRAY(
      SELECT ${sql.ref(key)} FROM ${sql.table(table)} WHERE ${dead} LIMIT ${batchSize} FOR UPDATE SKIP LOCKED
    )) AND ${dead}`.execute(db);
    const n = Number(r.numAffectedRows ?? 0n);
    total += n;
    if (n < batchSize) return total;
  }
}
