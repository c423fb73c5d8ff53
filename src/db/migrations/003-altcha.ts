import { sql, type Kysely } from 'kysely';

/**
 * Used ALTCHA proofs: a solved challenge works once across the cluster, so its signature is
 * recorded on use (the primary key refuses a second) until the challenge expires.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE altcha_used (
      signature text PRIMARY KEY,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX altcha_used_expires_idx ON altcha_used (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS altcha_used;`.execute(db);
}
