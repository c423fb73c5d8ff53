import { sql, type Kysely } from 'kysely';

/**
 * The journey engine: a flow belongs to the browser or app that started it (`client_hash`, the
 * SHA-256 of a secret only that client holds), and a failed submit's errors and kept input live
 * in the flow row (`form_state`) so the answer can be a redirect (post/redirect/get for errors too).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE flows ADD COLUMN client_hash text;
    ALTER TABLE flows ADD COLUMN form_state jsonb;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE flows DROP COLUMN IF EXISTS form_state;
    ALTER TABLE flows DROP COLUMN IF EXISTS client_hash;
  `.execute(db);
}
