import { sql, type Kysely } from 'kysely';

/**
 * Registration's `submitted` state waits on its `registration.verify` job, whose payload now names
 * the flow it moves. Jobs queued before that named only the request: they get its flow's id, so
 * requests in flight at the upgrade are still checked and settled.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE jobs SET payload = jobs.payload || jsonb_build_object('flowId', r.flow_id)
    FROM registration_requests r
    WHERE jobs.queue = 'registration.verify'
      AND jobs.state IN ('pending', 'running')
      AND NOT jobs.payload ? 'flowId'
      AND r.id::text = jobs.payload->>'requestId'
  `.execute(db);
}

export async function down(): Promise<void> {
  // the extra field is harmless to the older code, which reads only requestId
}
