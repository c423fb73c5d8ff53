/**
 * Port: outgoing SMS. Every outcome is a value; adapters never throw.
 *
 * - `sent`: the provider accepted the message.
 * - `unavailable`: try again later (provider down, timeout, or an account/configuration problem
 *   an operator must fix — the reason says which).
 * - `rejected`: this message to this recipient will never be accepted (bad number, bad text);
 *   do not retry.
 */

export interface OutgoingSms {
  /** Our message id (the outbox row's); what the dev inbox shows. */
  id: string;
  /**
   * The idempotency key: a positive integer, one per message (the outbox row's `seq`). Sending
   * the same localId twice delivers once; Kavenegar gets it as `localid`, which must be a number.
   */
  localId: number;
  /** Recipient, canonical 09XXXXXXXXX. */
  to: string;
  text: string;
}

export type SmsSendResult =
  | { status: 'sent'; providerMessageId: string }
  | { status: 'unavailable'; reason: string }
  | { status: 'rejected'; reason: string };

export interface SmsGateway {
  send(msg: OutgoingSms): Promise<SmsSendResult>;
}

/** Where the SMS simulator "delivers" messages (the dev inbox). */
export interface SmsInboxSink {
  record(entry: { messageId: string; to: string; text: string }): Promise<void>;
}
