import { sql, type Kysely } from 'kysely';

/**
 * Sejam (the capital market's customer-information system): one profile per national code or
 * legal national ID, its forms by section, the result of each inquiry check, a unique tracking
 * code, and the history of every edit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sejam_profiles (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      person_type text NOT NULL CHECK (person_type IN ('natural', 'legal')),
      identifier text NOT NULL,
      representative_code text,
      mobile text NOT NULL,
      state text NOT NULL CHECK (state IN ('mobile_verified', 'paid', 'forms', 'under_inquiry', 'inquiry_failed',
        'tracking_code', 'awaiting_authentication', 'authenticated', 'trading_code')),
      fee_rial bigint NOT NULL CHECK (fee_rial >= 0),
      channel text,
      sections jsonb NOT NULL DEFAULT '{}'::jsonb,
      tracking_code text,
      tracking_code_issued_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CONSTRAINT sejam_profiles_identifier_key UNIQUE (identifier),
      CONSTRAINT sejam_profiles_tracking_code_key UNIQUE (tracking_code),
      CONSTRAINT sejam_profiles_identifier_shape CHECK (
        (person_type = 'natural' AND identifier ~ '^[0-9]{10}$' AND representative_code IS NULL)
        OR (person_type = 'legal' AND identifier ~ '^[0-9]{11}$' AND representative_code IS NOT NULL AND representative_code ~ '^[0-9]{10}$')),
      CONSTRAINT sejam_profiles_tracking_code_shape CHECK (tracking_code IS NULL OR tracking_code ~ '^[0-9]{10}$')
    );
    CREATE INDEX sejam_profiles_mobile_idx ON sejam_profiles (mobile);

    CREATE TABLE sejam_inquiries (
      profile_id uuid NOT NULL REFERENCES sejam_profiles(id) ON DELETE CASCADE,
      check_name text NOT NULL CHECK (check_name IN ('identity', 'bank', 'postal', 'mobile', 'company')),
      status text NOT NULL CHECK (status IN ('pending', 'passed', 'failed')),
      round integer NOT NULL,
      reason text,
      detail jsonb NOT NULL DEFAULT '{}'::jsonb,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (profile_id, check_name)
    );

    CREATE TABLE sejam_profile_history (
      id bigserial PRIMARY KEY,
      profile_id uuid NOT NULL REFERENCES sejam_profiles(id) ON DELETE CASCADE,
      actor text NOT NULL,
      action text NOT NULL,
      changes jsonb NOT NULL DEFAULT '[]'::jsonb,
      at timestamptz NOT NULL
    );
    CREATE INDEX sejam_profile_history_profile_idx ON sejam_profile_history (profile_id, at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS sejam_profile_history;
    DROP TABLE IF EXISTS sejam_inquiries;
    DROP TABLE IF EXISTS sejam_profiles;
  `.execute(db);
}
