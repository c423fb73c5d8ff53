import type { ColumnType, Generated } from 'kysely';
import type { ProfileState } from '../sejam/lifecycle.js';

type Timestamp = ColumnType<Date, Date, Date>;
type Json<T> = ColumnType<T, string, string>;

export interface AccountsTable {
  id: Generated<string>;
  national_code: string;
  person_kind: 'iranian' | 'foreign';
  status: 'active' | 'pending_branch_visit' | 'disabled';
  mobile: string | null;
  email: string | null;
  first_name: string;
  last_name: string;
  father_name: string;
  shenasnameh_number: string;
  birth_date: string;
  gender: 'male' | 'female';
  password_hash: string;
  password_expired: Generated<boolean>;
  password_changed_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SecurityAnswersTable {
  account_id: string;
  position: number;
  question_id: string;
  answer_hash: string;
}

export interface FlowsTable {
  id: string;
  kind: string;
  state: string;
  data: Json<Record<string, unknown>>;
  /** SHA-256 (hex) of the secret the starting browser (cookie) or app (token) holds; null: unbound. */
  client_hash: Generated<string | null>;
  /** The last failed submit: { step, errors, values } (never secrets), shown by the next GET. */
  form_state: ColumnType<unknown, string | null | undefined, string | null>;
  account_id: string | null;
  expires_at: Timestamp;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StoredSecurityAnswer {
  questionId: string;
  answerHash: string;
}

export type RegistrationStatus = 'pending' | 'activated' | 'branch_visit' | 'mismatch' | 'expired' | 'superseded';

export interface RegistrationRequestsTable {
  id: Generated<string>;
  flow_id: string;
  national_code: string;
  person_kind: 'iranian' | 'foreign';
  mobile: string;
  email: string | null;
  first_name: string;
  last_name: string;
  father_name: string;
  shenasnameh_number: string;
  birth_date: string;
  gender: 'male' | 'female';
  password_hash: string;
  security_answers: Json<StoredSecurityAnswer[]>;
  status: RegistrationStatus;
  outcome: Json<Record<string, unknown>> | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  decided_at: Timestamp | null;
}

export interface OtpCodesTable {
  id: Generated<string>;
  subject: string;
  purpose: string;
  mobile: string;
  code_hmac: string;
  attempts: Generated<number>;
  max_attempts: number;
  expires_at: Timestamp;
  consumed_at: Timestamp | null;
  superseded_at: Timestamp | null;
  created_at: Timestamp;
  /** The sms_outbox row of the SMS that carries this code (null: none recorded). */
  outbox_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  count: number;
  expires_at: Timestamp;
}

export interface LockoutsTable {
  key: string;
  failures: number;
  first_failure_at: Timestamp;
  locked_until: Timestamp | null;
  lock_count: number;
  updated_at: Timestamp;
}

export interface CaptchasTable {
  id: Generated<string>;
  answer_hmac: string;
  svg: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** One row per ALTCHA proof already used, until its challenge expires. */
export interface AltchaUsedTable {
  signature: string;
  expires_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  account_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  idle_expires_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
  principal: Generated<'citizen' | 'staff'>;
  roles: Generated<string[]>;
}

export interface SignInsTable {
  id: Generated<number>;
  account_id: string;
  at: Timestamp;
  ip: string | null;
  user_agent: string | null;
  outcome: string;
}

export interface JobsTable {
  id: Generated<number>;
  queue: string;
  payload: Json<Record<string, unknown>>;
  state: 'pending' | 'running' | 'done' | 'failed';
  run_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: number;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
  /** At most one job per (queue, unique_key): enqueueing twice is a no-op. */
  unique_key: string | null;
}

export interface SmsOutboxTable {
  id: string;
  to_mobile: string;
  body: string | null;
  purpose: string;
  sensitive: boolean;
  status: 'queued' | 'sent' | 'failed';
  provider_message_id: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  /** A number for the gateway's duplicate check (Kavenegar's `localid`). */
  seq: Generated<number>;
}

export interface DevSmsInboxTable {
  id: Generated<number>;
  message_id: string;
  to_mobile: string;
  body: string;
  received_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor: string;
  action: string;
  account_id: string | null;
  detail: Json<Record<string, unknown>>;
}

export interface ClusterSettingsTable {
  key: string;
  value: string;
  created_at: Generated<Date>;
}

export interface SejamProfilesTable {
  id: Generated<string>;
  person_type: 'natural' | 'legal';
  /** A natural person's national code (10 digits) or a legal person's national ID (11). */
  identifier: string;
  /** For a legal person: the national code of the representative who registers it. */
  representative_code: string | null;
  mobile: string;
  state: ProfileState;
  fee_rial: ColumnType<string | number, number, number>;
  channel: string | null;
  sections: Json<Record<string, unknown>>;
  tracking_code: string | null;
  tracking_code_issued_at: Date | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SejamInquiriesTable {
  profile_id: string;
  check_name: 'identity' | 'bank' | 'postal' | 'mobile' | 'company';
  status: 'pending' | 'passed' | 'failed';
  round: number;
  reason: string | null;
  detail: Json<Record<string, unknown>>;
  updated_at: Timestamp;
}

export interface SejamProfileHistoryTable {
  id: Generated<string>;
  profile_id: string;
  actor: string;
  action: string;
  changes: Json<unknown[]>;
  at: Timestamp;
}

export interface SejamProfileEditsTable {
  id: Generated<string>;
  profile_id: string;
  section: 'contact' | 'bank' | 'job';
  value: Json<unknown>;
  check_name: 'bank' | 'postal' | null;
  status: 'checking' | 'applied' | 'refused' | 'superseded';
  reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SejamCivilRecordsTable {
  profile_id: string;
  status: 'pending' | 'found' | 'not_found' | 'deceased' | 'unavailable';
  /** The record as the registry gave it (a `CivilRecord`), when found. */
  record: Json<Record<string, unknown>> | null;
  updated_at: Timestamp;
}

export type PaymentState =
  | 'created'
  | 'redirected'
  | 'callback_received'
  | 'verified'
  | 'settled'
  | 'waived'
  | 'cancelled'
  | 'failed'
  | 'expired'
  | 'reversing'
  | 'reversed';

/** One row per payment attempt (src/payments/): our record is the truth, the gateway's a witness. */
export interface PaymentsTable {
  id: string;
  order_number: number;
  purpose: string;
  purpose_ref: string;
  amount_rials: number;
  gateway: 'simulator' | 'mellat' | 'zarinpal' | 'none';
  state: PaymentState;
  authority: string | null;
  reference_id: string | null;
  card_pan: string | null;
  result_code: string | null;
  reason: string | null;
  waived_by: string | null;
  created_at: Timestamp;
  verify_deadline: Timestamp;
  redirected_at: Timestamp | null;
  callback_at: Timestamp | null;
  verified_at: Timestamp | null;
  settled_at: Timestamp | null;
  closed_at: Timestamp | null;
  updated_at: Timestamp;
}

export type SimTransactionState =
  'pending' | 'paid' | 'failed' | 'cancelled' | 'expired' | 'verified' | 'settled' | 'reversed';

/** The simulated payment gateway's own book (registries/payment/sim-bank.ts). */
export interface PaymentSimTransactionsTable {
  token: string;
  facade: 'simulator' | 'mellat' | 'zarinpal';
  merchant: string;
  order_number: number;
  amount_rials: number;
  callback_url: string;
  description: string;
  state: SimTransactionState;
  result_code: string | null;
  card_pan: string | null;
  reference_id: string | null;
  outage_left: Generated<number>;
  created_at: Timestamp;
  expires_at: Timestamp;
  paid_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface DB {
  cluster_settings: ClusterSettingsTable;
  accounts: AccountsTable;
  security_answers: SecurityAnswersTable;
  flows: FlowsTable;
  registration_requests: RegistrationRequestsTable;
  otp_codes: OtpCodesTable;
  rate_limits: RateLimitsTable;
  lockouts: LockoutsTable;
  captchas: CaptchasTable;
  altcha_used: AltchaUsedTable;
  sessions: SessionsTable;
  sign_ins: SignInsTable;
  jobs: JobsTable;
  sms_outbox: SmsOutboxTable;
  dev_sms_inbox: DevSmsInboxTable;
  audit_log: AuditLogTable;
  sejam_profiles: SejamProfilesTable;
  sejam_inquiries: SejamInquiriesTable;
  sejam_profile_history: SejamProfileHistoryTable;
  sejam_profile_edits: SejamProfileEditsTable;
  sejam_civil_records: SejamCivilRecordsTable;
  payments: PaymentsTable;
  payment_sim_transactions: PaymentSimTransactionsTable;
}
