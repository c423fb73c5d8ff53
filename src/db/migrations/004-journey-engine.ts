import { sql, type Kysely } from 'kysely';

/**
 * The journey engine. Sessions carry a principal (a citizen, or staff with roles) that journeys
 * check against who may run them. A flow belongs to the browser or app that started it (`client_hash`, the
 * SHA-256 of a secret only that client holds), and a failed submit's errors and kept input live
 * in the flow row (`form_state`) so the answer can be a redirect (post/redirect/get for errors too).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE flows ADD COLUMN client_hash text;
    ALTER TABLE flows ADD COLUMN form_state jsonb;
    ALTER TABLE sessions ADD COLUMN principal text NOT NULL DEFAULT 'citizen' CHECK (principal IN ('citizen', 'staff'));
    ALTER TABLE sessions ADD COLUMN roles text[] NOT NULL DEFAULT '{}';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE sessions DROP COLUMN IF EXISTS roles;
    ALTER TABLE sessions DROP COLUMN IF EXISTS principal;
    ALTER TABLE flows DROP COLUMN IF EXISTS form_state;
    ALTER TABLE flows DROP COLUMN IF EXISTS client_hash;
  `.execute(db);
}
