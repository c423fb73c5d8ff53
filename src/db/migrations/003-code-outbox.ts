import { sql, type Kysely } from 'kysely';

/**
 * Each one-time code names the outbox row of the SMS that carries it, so a code step can tell the
 * person whether the message is still on its way, went out, or could not be sent. No foreign key:
 * outbox rows and codes are purged on their own schedules, and a missing row just means "unknown".
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE otp_codes ADD COLUMN outbox_id uuid`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE otp_codes DROP COLUMN IF EXISTS outbox_id`.execute(db);
}
