/**
 * Companies registry: port, adapters and the factory choosing one from plain options.
 */
import type { InquiryHttpConfig, InquirySimulatorConfig } from '../inquiry-config.js';
import { bounded } from '../result.js';
import { loadInquiryRecords } from '../simulation/inquiry-records.js';
import { createHttpCompaniesRegistry } from './http-gateway.js';
import type { CompaniesRegistry } from './port.js';
import { createCompaniesSimulator } from './simulator.js';

export * from './port.js';
export {
  createCompaniesSimulator,
  MAGIC_COMPANY_OUTAGE,
  MAGIC_COMPANY_SLOW,
  MAGIC_COMPANY_TRANSIENT,
} from './simulator.js';
export type { CompaniesSimulator } from './simulator.js';
export { createHttpCompaniesRegistry } from './http-gateway.js';

export type CompaniesRegistryConfig = InquirySimulatorConfig | InquiryHttpConfig;

export function createCompaniesRegistry(config: CompaniesRegistryConfig): CompaniesRegistry {
  if (config.kind === 'http') return createHttpCompaniesRegistry(config);
  const sim = createCompaniesSimulator(config.records ?? loadInquiryRecords(), config);
  return {
    lookupCompany: bounded(sim.lookupCompany, config.timeoutMs),
    checkRepresentative: bounded(sim.checkRepresentative, config.timeoutMs),
  };
}
