/**
 * Deterministic companies-registry simulator answering from sim/companies.json, whose
 * representatives are people of the simulated population (their names come from there).
 *
 * Magic national IDs (valid IDs, checked before the records, for both questions):
 * - starting `99900`: always `unavailable/outage`;
 * - starting `99901`: `unavailable/outage` for the first `transientFailures` calls for that ID,
 *   then normal answers (counted per simulator instance, both questions together);
 * - starting `99902`: normal answer after `slowMs` (the delay timer is `unref`'d).
 */
import { normalizeLegalId } from '../../domain/legal-id.js';
import { cityByCode } from '../../domain/provinces.js';
import { codeKey } from '../civil-registry/matching.js';
import type { RegistrySimulatorOptions } from '../civil-registry/simulator.js';
import { unavailable } from '../result.js';
import type { SimCompany } from '../simulation/companies.js';
import type { InquiryRecords } from '../simulation/inquiry-records.js';
import { createMagicGate } from '../simulation/magic.js';
import type { CompaniesRegistry, Company, CompanyLookupResult, RepresentativeResult } from './port.js';

export const MAGIC_COMPANY_OUTAGE = '99900';
export const MAGIC_COMPANY_TRANSIENT = '99901';
export const MAGIC_COMPANY_SLOW = '99902';

export interface CompaniesSimulator extends CompaniesRegistry {
  reset(): void;
}

export function createCompaniesSimulator(
  records: InquiryRecords,
  opts: RegistrySimulatorOptions = {},
): CompaniesSimulator {
  const gate = createMagicGate(
    { outage: MAGIC_COMPANY_OUTAGE, transient: MAGIC_COMPANY_TRANSIENT, slow: MAGIC_COMPANY_SLOW },
    opts,
  );

  function company(c: SimCompany): Company {
    return {
      nationalId: c.nationalId,
      name: c.name,
      type: c.type,
      registrationNumber: c.registrationNumber,
      registrationDateIso: c.registrationDateIso,
      registrationPlace: cityByCode(c.registrationPlace)?.city.label ?? c.registrationPlace,
      representatives: c.representatives.map((r) => {
        const p = records.population.byNationalCode(r.nationalCode);
        return { ...r, firstName: p?.firstName ?? '', lastName: p?.lastName ?? '' };
      }),
    };
  }

  /** The company, `null` when unknown, or `'outage'` when the magic says so. */
  async function find(input: string): Promise<SimCompany | null | 'outage'> {
    const id = normalizeLegalId(input);
    if ((await gate.pass(id)) === 'outage') return 'outage';
    return records.companies.byNationalId(id) ?? null;
  }

  return {
    async lookupCompany(nationalId: string): Promise<CompanyLookupResult> {
      try {
        const c = await find(nationalId);
        if (c === 'outage') return unavailable('outage');
        return c ? { status: 'found', company: company(c) } : { status: 'not_found' };
      } catch {
        return unavailable('error');
      }
    },
    async checkRepresentative(nationalId: string, nationalCode: string): Promise<RepresentativeResult> {
      try {
        const c = await find(nationalId);
        if (c === 'outage') return unavailable('outage');
        if (!c) return { status: 'unknown_company' };
        const r = c.representatives.find((x) => x.nationalCode === codeKey(nationalCode));
        if (!r) return { status: 'not_representative' };
        return { status: 'representative', position: r.position, signingAuthority: r.signingAuthority };
      } catch {
        return unavailable('error');
      }
    },
    reset: gate.reset,
  };
}
