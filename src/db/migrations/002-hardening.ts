import { sql, type Kysely } from 'kysely';

/**
 * Security hardening: cluster-wide settings (the secret's fingerprint), a numeric outbox sequence
 * (Kavenegar's `localid`), job idempotency keys (scheduled housekeeping runs once per cluster),
 * and indexes that let housekeeping purge expiring rows cheaply.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE cluster_settings (
      key text PRIMARY KEY,
      value text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    ALTER TABLE sms_outbox ADD COLUMN seq bigserial;
    CREATE UNIQUE INDEX sms_outbox_seq_key ON sms_outbox (seq);
    CREATE INDEX sms_outbox_created_idx ON sms_outbox (created_at);

    ALTER TABLE jobs ADD COLUMN unique_key text;
    CREATE UNIQUE INDEX jobs_unique_key ON jobs (queue, unique_key) WHERE unique_key IS NOT NULL;
    CREATE INDEX jobs_finished_idx ON jobs (finished_at) WHERE state IN ('done', 'failed');

    CREATE INDEX rate_limits_expires_idx ON rate_limits (expires_at);
    CREATE INDEX lockouts_updated_idx ON lockouts (updated_at);
    CREATE INDEX sessions_expires_idx ON sessions (expires_at);
    CREATE INDEX otp_codes_expires_idx ON otp_codes (expires_at);
    CREATE INDEX dev_sms_inbox_received_idx ON dev_sms_inbox (received_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS dev_sms_inbox_received_idx;
    DROP INDEX IF EXISTS otp_codes_expires_idx;
    DROP INDEX IF EXISTS sessions_expires_idx;
    DROP INDEX IF EXISTS lockouts_updated_idx;
    DROP INDEX IF EXISTS rate_limits_expires_idx;
    DROP INDEX IF EXISTS jobs_finished_idx;
    DROP INDEX IF EXISTS jobs_unique_key;
    ALTER TABLE jobs DROP COLUMN IF EXISTS unique_key;
    DROP INDEX IF EXISTS sms_outbox_created_idx;
    DROP INDEX IF EXISTS sms_outbox_seq_key;
    ALTER TABLE sms_outbox DROP COLUMN IF EXISTS seq;
    DROP TABLE IF EXISTS cluster_settings;
  `.execute(db);
}
