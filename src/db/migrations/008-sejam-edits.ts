import { sql, type Kysely } from 'kysely';

/**
 * Edits of a registered Sejam profile (one with a tracking code). An edit whose section has a
 * check (contact → postal code, bank → account ownership) waits here, `checking`, until its check
 * passes; only then is it written to the profile. A newer edit of the same section supersedes
 * one still checking, so at most one per section and profile waits at a time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sejam_profile_edits (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      profile_id uuid NOT NULL REFERENCES sejam_profiles(id) ON DELETE CASCADE,
      section text NOT NULL CHECK (section IN ('contact', 'bank', 'job')),
      value jsonb NOT NULL,
      check_name text CHECK (check_name IN ('bank', 'postal')),
      status text NOT NULL CHECK (status IN ('checking', 'applied', 'refused', 'superseded')),
      reason text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE UNIQUE INDEX sejam_profile_edits_one_checking
      ON sejam_profile_edits (profile_id, section) WHERE status = 'checking';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS sejam_profile_edits`.execute(db);
}
