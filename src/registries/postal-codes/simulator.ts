/**
 * Deterministic postal-code simulator answering from the addresses of the simulated people and
 * companies (sim/people.json, sim/companies.json): `found` with the address, else `not_found`.
 *
 * Magic postal codes (valid codes, checked before the records):
 * - starting `99999`: always `unavailable/outage` (e.g. `9999911111`);
 * - starting `99998`: `unavailable/outage` for the first `transientFailures` calls for that code,
 *   then normal answers (counted per simulator instance);
 * - starting `99997`: normal answer after `slowMs` (the delay timer is `unref`'d).
 */
import { normalizePostalCode } from '../../domain/postal-code.js';
import { cityByCode, provinceByCode } from '../../domain/provinces.js';
import type { RegistrySimulatorOptions } from '../civil-registry/simulator.js';
import { unavailable } from '../result.js';
import type { InquiryRecords } from '../simulation/inquiry-records.js';
import { createMagicGate } from '../simulation/magic.js';
import { postalAddress } from './address.js';
import type { PostalCodeRegistry, PostalLookupResult } from './port.js';

export const MAGIC_POSTAL_OUTAGE = '99999';
export const MAGIC_POSTAL_TRANSIENT = '99998';
export const MAGIC_POSTAL_SLOW = '99997';

export interface PostalCodeSimulator extends PostalCodeRegistry {
  reset(): void;
}

export function createPostalCodeSimulator(
  records: InquiryRecords,
  opts: RegistrySimulatorOptions = {},
): PostalCodeSimulator {
  const gate = createMagicGate(
    { outage: MAGIC_POSTAL_OUTAGE, transient: MAGIC_POSTAL_TRANSIENT, slow: MAGIC_POSTAL_SLOW },
    opts,
  );
  return {
    async lookup(input: string): Promise<PostalLookupResult> {
      try {
        const code = normalizePostalCode(input);
        if ((await gate.pass(code)) === 'outage') return unavailable('outage');
        const a = records.addressByPostalCode(code);
        if (!a) return { status: 'not_found' };
        // the registry speaks in names, as the real one does; the codes are found from them
        const province = provinceByCode(a.province)?.label ?? a.province;
        const city = cityByCode(a.city)?.city.label ?? a.city;
        return { status: 'found', address: postalAddress(code, { ...a, province, city }) };
      } catch {
        return unavailable('error');
      }
    },
    reset: gate.reset,
  };
}
