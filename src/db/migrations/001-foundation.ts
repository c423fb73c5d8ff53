import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE accounts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      national_code text NOT NULL,
      person_kind text NOT NULL CHECK (person_kind IN ('iranian', 'foreign')),
      status text NOT NULL CHECK (status IN ('active', 'pending_branch_visit', 'disabled')),
      mobile text,
      email text,
      first_name text NOT NULL,
      last_name text NOT NULL,
      father_name text NOT NULL,
      shenasnameh_number text NOT NULL,
      birth_date date NOT NULL,
      gender text NOT NULL CHECK (gender IN ('male', 'female')),
      password_hash text NOT NULL,
      password_expired boolean NOT NULL DEFAULT false,
      password_changed_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CONSTRAINT accounts_national_code_key UNIQUE (national_code)
    );

    CREATE TABLE security_answers (
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      position smallint NOT NULL CHECK (position BETWEEN 1 AND 3),
      question_id text NOT NULL,
      answer_hash text NOT NULL,
      PRIMARY KEY (account_id, position)
    );

    CREATE TABLE flows (
      id uuid PRIMARY KEY,
      kind text NOT NULL,
      state text NOT NULL,
      data jsonb NOT NULL DEFAULT '{}'::jsonb,
      account_id uuid REFERENCES accounts(id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX flows_expires_at_idx ON flows (expires_at);

    CREATE TABLE registration_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      flow_id uuid NOT NULL,
      national_code text NOT NULL,
      person_kind text NOT NULL,
      mobile text NOT NULL,
      email text,
      first_name text NOT NULL,
      last_name text NOT NULL,
      father_name text NOT NULL,
      shenasnameh_number text NOT NULL,
      birth_date date NOT NULL,
      gender text NOT NULL,
      password_hash text NOT NULL,
      security_answers jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'activated', 'branch_visit', 'mismatch', 'expired', 'superseded')),
      outcome jsonb,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      decided_at timestamptz
    );
    -- one request under review per person: the second of two racing submissions fails here
    CREATE UNIQUE INDEX registration_requests_one_pending ON registration_requests (national_code) WHERE status = 'pending';
    CREATE UNIQUE INDEX registration_requests_flow ON registration_requests (flow_id);

    CREATE TABLE otp_codes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      subject text NOT NULL,
      purpose text NOT NULL,
      mobile text NOT NULL,
      code_hmac text NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      max_attempts integer NOT NULL,
      expires_at timestamptz NOT NULL,
      consumed_at timestamptz,
      superseded_at timestamptz,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX otp_codes_subject_idx ON otp_codes (subject, purpose, created_at DESC);

    CREATE TABLE rate_limits (
      key text PRIMARY KEY,
      window_start timestamptz NOT NULL,
      count integer NOT NULL,
      expires_at timestamptz NOT NULL
    );

    CREATE TABLE lockouts (
      key text PRIMARY KEY,
      failures integer NOT NULL DEFAULT 0,
      first_failure_at timestamptz NOT NULL,
      locked_until timestamptz,
      lock_count integer NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE captchas (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      answer_hmac text NOT NULL,
      svg text NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );
    CREATE INDEX captchas_expires_at_idx ON captchas (expires_at);

    CREATE TABLE sessions (
      id text PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      idle_expires_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      ip text,
      user_agent text
    );
    CREATE INDEX sessions_account_idx ON sessions (account_id);

    CREATE TABLE sign_ins (
      id bigserial PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
      at timestamptz NOT NULL,
      ip text,
      user_agent text,
      outcome text NOT NULL
    );
    CREATE INDEX sign_ins_account_idx ON sign_ins (account_id, at DESC);

    CREATE TABLE jobs (
      id bigserial PRIMARY KEY,
      queue text NOT NULL,
      payload jsonb NOT NULL,
      state text NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed')),
      run_at timestamptz NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      max_attempts integer NOT NULL,
      locked_until timestamptz,
      last_error text,
      created_at timestamptz NOT NULL,
      finished_at timestamptz
    );
    CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE state IN ('pending', 'running');

    CREATE TABLE sms_outbox (
      id uuid PRIMARY KEY,
      to_mobile text NOT NULL,
      body text,
      purpose text NOT NULL,
      sensitive boolean NOT NULL DEFAULT false,
      status text NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
      provider_message_id text,
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz NOT NULL,
      sent_at timestamptz
    );

    CREATE TABLE dev_sms_inbox (
      id bigserial PRIMARY KEY,
      message_id uuid NOT NULL UNIQUE,
      to_mobile text NOT NULL,
      body text NOT NULL,
      received_at timestamptz NOT NULL
    );
    CREATE INDEX dev_sms_inbox_to_idx ON dev_sms_inbox (to_mobile, id DESC);

    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      actor text NOT NULL,
      action text NOT NULL,
      account_id uuid,
      detail jsonb NOT NULL DEFAULT '{}'::jsonb
    );
    CREATE INDEX audit_log_account_idx ON audit_log (account_id, at DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE audit_log, dev_sms_inbox, sms_outbox, jobs, sign_ins, sessions, captchas, lockouts,
      rate_limits, otp_codes, registration_requests, flows, security_answers, accounts;
  `.execute(db);
}
