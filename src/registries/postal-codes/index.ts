/**
 * Postal-code registry: port, adapters and the factory choosing one from plain options.
 */
import type { InquiryHttpConfig, InquirySimulatorConfig } from '../inquiry-config.js';
import { bounded } from '../result.js';
import { loadInquiryRecords } from '../simulation/inquiry-records.js';
import { createHttpPostalCodeRegistry } from './http-gateway.js';
import type { PostalCodeRegistry } from './port.js';
import { createPostalCodeSimulator } from './simulator.js';

export * from './port.js';
export { formatAddress, postalAddress } from './address.js';
export {
  createPostalCodeSimulator,
  MAGIC_POSTAL_OUTAGE,
  MAGIC_POSTAL_SLOW,
  MAGIC_POSTAL_TRANSIENT,
} from './simulator.js';
export type { PostalCodeSimulator } from './simulator.js';
export { createHttpPostalCodeRegistry } from './http-gateway.js';

export type PostalCodeRegistryConfig = InquirySimulatorConfig | InquiryHttpConfig;

export function createPostalCodeRegistry(config: PostalCodeRegistryConfig): PostalCodeRegistry {
  if (config.kind === 'http') return createHttpPostalCodeRegistry(config);
  const sim = createPostalCodeSimulator(config.records ?? loadInquiryRecords(), config);
  return { lookup: bounded(sim.lookup, config.timeoutMs) };
}
