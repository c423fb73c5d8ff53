import { sql, type Kysely } from 'kysely';

/**
 * What the civil registry answered when asked for a Sejam registrant's birth-certificate record,
 * read once the fee is paid so the identity form opens filled in. One row per profile; `pending`
 * until the job has an answer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sejam_civil_records (
      profile_id uuid PRIMARY KEY REFERENCES sejam_profiles(id) ON DELETE CASCADE,
      status text NOT NULL CHECK (status IN ('pending', 'found', 'not_found', 'deceased', 'unavailable')),
      record jsonb,
      updated_at timestamptz NOT NULL,
      CHECK ((status = 'found') = (record IS NOT NULL))
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS sejam_civil_records`.execute(db);
}
