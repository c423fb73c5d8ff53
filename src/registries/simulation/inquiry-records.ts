/**
 * What the Sejam inquiry simulators (bank accounts, postal codes, companies) answer from: the
 * simulated people and companies, indexed by Sheba, postal code and national ID. Built once, at
 * start, and checked: a Sheba belongs to one owner, and a postal code has one address.
 */
import { loadCompanies, type Companies } from './companies.js';
import { loadPopulation, type Population } from './population.js';
import type { SimAddress } from './record-schemas.js';

export interface AccountRecord {
  sheba: string;
  status: 'open' | 'closed';
  /** National code of the person, or national ID of the company, owning it. */
  ownerCode: string;
  /** As the bank holds it: a person's first and last name, or a company's name. */
  holderName: string;
}

export interface InquiryRecords {
  readonly population: Population;
  readonly companies: Companies;
  accountBySheba(sheba: string): AccountRecord | undefined;
  addressByPostalCode(postalCode: string): SimAddress | undefined;
}

function sameAddress(a: SimAddress, b: SimAddress): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof SimAddress>;
  return [...keys].every((k) => a[k] === b[k]);
}

/** Throws, naming the files, when two owners share a Sheba or one postal code has two addresses. */
export function createInquiryRecords(population: Population, companies: Companies): InquiryRecords {
  const where = `${population.source} / ${companies.source}`;
  const accounts = new Map<string, AccountRecord>();
  const addresses = new Map<string, SimAddress>();
  const owners = [
    ...population.all().map((p) => ({ code: p.nationalCode, name: `${p.firstName} ${p.lastName}`, ...p })),
    ...companies.all().map((c) => ({ code: c.nationalId, ...c })),
  ];
  for (const owner of owners) {
    for (const a of owner.bankAccounts) {
      const taken = accounts.get(a.sheba);
      if (taken)
        throw new Error(
          `Simulated records ${where}: Sheba ${a.sheba} is listed for ${taken.ownerCode} and ${owner.code}`,
        );
      accounts.set(a.sheba, { sheba: a.sheba, status: a.status, ownerCode: owner.code, holderName: owner.name });
    }
    if (owner.address) {
      const known = addresses.get(owner.address.postalCode);
      if (known && !sameAddress(known, owner.address)) {
        throw new Error(
          `Simulated records ${where}: postal code ${owner.address.postalCode} has two different addresses`,
        );
      }
      addresses.set(owner.address.postalCode, owner.address);
    }
  }
  return Object.freeze({
    population,
    companies,
    accountBySheba: (sheba: string) => accounts.get(sheba),
    addressByPostalCode: (postalCode: string) => addresses.get(postalCode),
  });
}

/** People from `population` (or `peoplePath` …), companies from `companiesPath` (or its defaults). */
export function loadInquiryRecords(
  opts: { population?: Population; peoplePath?: string; companiesPath?: string } = {},
): InquiryRecords {
  const population = opts.population ?? loadPopulation(opts.peoplePath);
  return createInquiryRecords(population, loadCompanies(population, opts.companiesPath));
}
