import { sql, type Kysely } from 'kysely';

/**
 * Payments (one row per attempt; our side is the source of truth) and the simulated gateway's
 * transactions (so that a payment made on the simulator's page is known to every node).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE payments (
      id uuid PRIMARY KEY,
      order_number bigint NOT NULL UNIQUE CHECK (order_number > 0),
      purpose text NOT NULL,
      purpose_ref text NOT NULL,
      amount_rials bigint NOT NULL CHECK (amount_rials >= 0),
      gateway text NOT NULL CHECK (gateway IN ('simulator', 'mellat', 'zarinpal', 'none')),
      state text NOT NULL CHECK (state IN ('created', 'redirected', 'callback_received', 'verified', 'settled',
        'waived', 'cancelled', 'failed', 'expired', 'reversing', 'reversed')),
      authority text,
      reference_id text,
      card_pan text,
      result_code text,
      reason text,
      waived_by text,
      created_at timestamptz NOT NULL,
      verify_deadline timestamptz NOT NULL,
      redirected_at timestamptz,
      callback_at timestamptz,
      verified_at timestamptz,
      settled_at timestamptz,
      closed_at timestamptz,
      updated_at timestamptz NOT NULL,
      CHECK ((gateway = 'none') = (state = 'waived')),
      CHECK (state <> 'waived' OR amount_rials = 0),
      CHECK (gateway = 'none' OR amount_rials > 0),
      CHECK (state NOT IN ('verified', 'settled') OR reference_id IS NOT NULL)
    );
    -- a gateway's token names one attempt: a callback can never be applied to two
    CREATE UNIQUE INDEX payments_gateway_authority ON payments (gateway, authority) WHERE authority IS NOT NULL;
    -- at most one payment counts for a purpose, however many attempts were paid
    CREATE UNIQUE INDEX payments_one_counted ON payments (purpose, purpose_ref)
      WHERE state IN ('verified', 'settled', 'waived');
    CREATE INDEX payments_purpose_idx ON payments (purpose, purpose_ref, created_at DESC);

    CREATE TABLE payment_sim_transactions (
      token text PRIMARY KEY,
      facade text NOT NULL CHECK (facade IN ('simulator', 'mellat', 'zarinpal')),
      merchant text NOT NULL,
      order_number bigint NOT NULL,
      amount_rials bigint NOT NULL CHECK (amount_rials > 0),
      callback_url text NOT NULL,
      description text NOT NULL,
      state text NOT NULL CHECK (state IN ('pending', 'paid', 'failed', 'cancelled', 'expired', 'verified',
        'settled', 'reversed')),
      result_code text,
      card_pan text,
      reference_id text,
      outage_left integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      paid_at timestamptz,
      updated_at timestamptz NOT NULL
    );
    -- Mellat refuses an orderId it has seen (code 41)
    CREATE UNIQUE INDEX payment_sim_mellat_order ON payment_sim_transactions (merchant, order_number)
      WHERE facade = 'mellat';
    CREATE INDEX payment_sim_reference_idx ON payment_sim_transactions (order_number, reference_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS payment_sim_transactions;
    DROP TABLE IF EXISTS payments;
  `.execute(db);
}
