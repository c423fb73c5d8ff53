/**
 * Outgoing SMS: port, adapters and the factory choosing one from plain options.
 */
import { createKavenegarSms } from './kavenegar.js';
import type { SmsGateway, SmsInboxSink } from './port.js';
import { createSmsSimulator } from './simulator.js';

export * from './port.js';
export { createSmsSimulator, MAGIC_SMS_OUTAGE, MAGIC_SMS_REJECTED } from './simulator.js';
export type { SmsSimulatorOptions } from './simulator.js';
export { createKavenegarSms, KAVENEGAR_CODES } from './kavenegar.js';
export type { KavenegarOptions } from './kavenegar.js';

export type SmsGatewayConfig =
  | { kind: 'simulator'; providerIdPrefix?: string }
  | {
      kind: 'kavenegar';
      apiKey: string;
      sender: string;
      /** Default `https://api.kavenegar.com`. */
      baseUrl?: string;
      /** Default 10000. */
      timeoutMs?: number;
    };

/** `sink` receives the simulator's messages; the Kavenegar adapter ignores it. */
export function createSmsGateway(config: SmsGatewayConfig, sink: SmsInboxSink): SmsGateway {
  if (config.kind === 'kavenegar') {
    return createKavenegarSms({
      apiKey: config.apiKey,
      sender: config.sender,
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
    });
  }
  return createSmsSimulator(sink, { providerIdPrefix: config.providerIdPrefix });
}
