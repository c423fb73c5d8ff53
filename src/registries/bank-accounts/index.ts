/**
 * Bank-account ownership: port, adapters and the factory choosing one from plain options.
 */
import { bounded } from '../result.js';
import type { InquiryHttpConfig, InquirySimulatorConfig } from '../inquiry-config.js';
import { loadInquiryRecords } from '../simulation/inquiry-records.js';
import { createHttpBankAccountOwnership } from './http-gateway.js';
import type { BankAccountOwnership } from './port.js';
import { createBankAccountSimulator } from './simulator.js';

export * from './port.js';
export {
  createBankAccountSimulator,
  MAGIC_ACCOUNT_OUTAGE,
  MAGIC_ACCOUNT_SLOW,
  MAGIC_ACCOUNT_TRANSIENT,
} from './simulator.js';
export type { BankAccountSimulator } from './simulator.js';
export { createHttpBankAccountOwnership } from './http-gateway.js';

export type BankAccountOwnershipConfig = InquirySimulatorConfig | InquiryHttpConfig;

export function createBankAccountOwnership(config: BankAccountOwnershipConfig): BankAccountOwnership {
  if (config.kind === 'http') return createHttpBankAccountOwnership(config);
  const sim = createBankAccountSimulator(config.records ?? loadInquiryRecords(), config);
  return { checkOwnership: bounded(sim.checkOwnership, config.timeoutMs) };
}
