/**
 * SMS simulator: "delivers" into an {@link SmsInboxSink} (the dev inbox) instead of a phone.
 *
 * - Recipients starting `0999000` → `unavailable` (simulated gateway outage).
 * - Recipients starting `0999009` → `rejected` (simulated operator rejection).
 * - A recipient that is not 09XXXXXXXXX, or an empty text → `rejected` (as a real gateway would).
 * - Idempotent on `msg.localId` (as Kavenegar is on `localid`): a second send of a localId that
 *   was already sent returns the same `providerMessageId` and does not deliver again
 *   (remembered per simulator instance).
 * - If the sink throws, the result is `unavailable` and the id is not remembered (a retry delivers).
 */
import type { OutgoingSms, SmsGateway, SmsInboxSink, SmsSendResult } from './port.js';

export const MAGIC_SMS_OUTAGE = '0999000';
export const MAGIC_SMS_REJECTED = '0999009';

export interface SmsSimulatorOptions {
  /** Prefix of the simulated provider message ids (`{prefix}{our id}`). Default `sim-`. */
  providerIdPrefix?: string;
}

export function createSmsSimulator(sink: SmsInboxSink, opts: SmsSimulatorOptions = {}): SmsGateway {
  const prefix = opts.providerIdPrefix ?? 'sim-';
  const sent = new Map<number, string>();
  const inFlight = new Map<number, Promise<SmsSendResult>>();

  async function deliver(msg: OutgoingSms): Promise<SmsSendResult> {
    const to = msg.to.trim();
    if (to.startsWith(MAGIC_SMS_OUTAGE)) return { status: 'unavailable', reason: 'simulated gateway outage' };
    if (to.startsWith(MAGIC_SMS_REJECTED)) return { status: 'rejected', reason: 'simulated rejection by the operator' };
    if (!/^09\d{9}$/.test(to)) return { status: 'rejected', reason: 'invalid recipient' };
    if (msg.text.trim() === '') return { status: 'rejected', reason: 'empty message' };
    const providerMessageId = prefix + msg.id;
    try {
      await sink.record({ messageId: msg.id, to, text: msg.text });
    } catch (err) {
      return {
        status: 'unavailable',
        reason: `inbox sink failed: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
    sent.set(msg.localId, providerMessageId);
    return { status: 'sent', providerMessageId };
  }

  return {
    async send(msg: OutgoingSms): Promise<SmsSendResult> {
      const already = sent.get(msg.localId);
      if (already !== undefined) return { status: 'sent', providerMessageId: already };
      const pending = inFlight.get(msg.localId);
      if (pending) return pending;
      const p = deliver(msg).catch((err: unknown): SmsSendResult => ({
        status: 'unavailable',
        reason: `simulator error: ${String(err)}`,
      }));
      inFlight.set(msg.localId, p);
      try {
        return await p;
      } finally {
        inFlight.delete(msg.localId);
      }
    },
  };
}
