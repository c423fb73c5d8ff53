/**
 * The simulated companies registry's records: legal persons with their registration data, their
 * representatives (people of the simulated population), bank accounts and address.
 *
 * Loaded from a JSON file (default `<repo>/sim/companies.json`, or `HOVIYAT_SIM_COMPANIES`),
 * validated with zod and against the population (every representative must be one of its
 * Iranian people). See docs/simulators.md for the format.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isValidLegalId, normalizeLegalId } from '../../domain/legal-id.js';
import { COMPANY_TYPES, REPRESENTATIVE_POSITIONS } from '../../domain/occupations.js';
import { cityByCode } from '../../domain/provinces.js';
import { jalaliToIso, parseDataFile, readJsonFile, uniqueBy, type DataFileKind } from './data-file.js';
import { DEFAULT_PEOPLE_PATH, type Population } from './population.js';
import { inquiryFields, type SimAddress, type SimBankAccount } from './record-schemas.js';

export interface SimRepresentative {
  nationalCode: string;
  /** A code of REPRESENTATIVE_POSITIONS. */
  position: string;
  signingAuthority: boolean;
}

export interface SimCompany {
  /** 11-digit legal-person national ID. */
  nationalId: string;
  name: string;
  /** A code of COMPANY_TYPES. */
  type: string;
  registrationNumber: string;
  /** Jalali, as written in the file. */
  registrationDate: string;
  /** Gregorian `YYYY-MM-DD`. */
  registrationDateIso: string;
  /** A city code of src/domain/provinces.ts. */
  registrationPlace: string;
  representatives: SimRepresentative[];
  bankAccounts: SimBankAccount[];
  address?: SimAddress;
}

export interface Companies {
  byNationalId(id: string): SimCompany | undefined;
  all(): SimCompany[];
  readonly source: string;
}

export const DEFAULT_COMPANIES_PATH = fileURLToPath(new URL('../../../sim/companies.json', import.meta.url));

function companySchema(population: Population) {
  return z.strictObject({
    nationalId: z
      .string({ error: 'must be a string of digits' })
      .refine(isValidLegalId, { error: 'must be a valid legal-person national ID (11 ASCII digits, check digit)' }),
    name: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(200, { error: 'must be at most 200 characters' }),
    type: z.enum(COMPANY_TYPES.codes, { error: `must be one of ${COMPANY_TYPES.codes.join(', ')}` }),
    registrationNumber: z
      .string({ error: 'must be a string of digits' })
      .regex(/^\d{1,10}$/, { error: 'must be 1 to 10 ASCII digits' }),
    registrationDate: z
      .string({ error: 'must be a Jalali date string like "1385/04/12"' })
      .refine((v) => jalaliToIso(v) !== null, {
        error: 'must be a valid Jalali date written YYYY/MM/DD, e.g. "1385/04/12"',
      }),
    registrationPlace: z.string().refine((v) => cityByCode(v) !== null, {
      error: 'must be a city code of src/domain/provinces.ts, e.g. "tehran"',
    }),
    representatives: z
      .array(
        z.strictObject({
          nationalCode: z.string().refine((v) => population.byNationalCode(v)?.personKind === 'iranian', {
            error: `must be the national code of an Iranian person in the simulated population (${population.source})`,
          }),
          position: z.enum(REPRESENTATIVE_POSITIONS.codes, {
            error: `must be one of ${REPRESENTATIVE_POSITIONS.codes.join(', ')}`,
          }),
          signingAuthority: z.boolean({ error: 'must be true or false' }),
        }),
        { error: 'must be an array of {"nationalCode", "position", "signingAuthority"}' },
      )
      .min(1, { error: 'must list at least one representative' }),
    ...inquiryFields,
  });
}

const COMPANIES_FILE: Omit<DataFileKind, 'allowed'> = { what: 'simulated companies file', idField: 'nationalId' };

/** Validates already-parsed JSON (an array of companies) against `population`. Throws on bad data. */
export function createCompanies(raw: unknown, population: Population, source = '<inline>'): Companies {
  const one = companySchema(population);
  const schema = z
    .array(one, { error: 'the file must contain a JSON array of companies' })
    .superRefine(uniqueBy('nationalId', 'national ID'));
  const data = parseDataFile({ ...COMPANIES_FILE, allowed: Object.keys(one.shape) }, schema, raw, source);
  const companies: SimCompany[] = data.map((c) =>
    Object.freeze({
      ...c,
      registrationDateIso: jalaliToIso(c.registrationDate) ?? '',
      representatives: Object.freeze(c.representatives.map((r) => Object.freeze({ ...r }))) as SimRepresentative[],
      bankAccounts: Object.freeze(c.bankAccounts.map((a) => Object.freeze({ ...a }))) as SimBankAccount[],
      address: c.address && Object.freeze({ ...c.address }),
    }),
  );
  const byId = new Map(companies.map((c) => [c.nationalId, c]));
  return Object.freeze({
    source,
    byNationalId: (id: string) => byId.get(normalizeLegalId(id)),
    all: () => [...companies],
  });
}

/**
 * Loads the companies from `path`, else `HOVIYAT_SIM_COMPANIES`, else the demo file
 * `<repo>/sim/companies.json`; representatives are checked against `population`. The demo
 * companies belong to the demo people: with another population and no companies file named,
 * there are no companies (rather than a start that fails on representatives it cannot know).
 */
export function loadCompanies(population: Population, path?: string): Companies {
  const envPath = process.env.HOVIYAT_SIM_COMPANIES;
  if (!path && !envPath && population.source !== DEFAULT_PEOPLE_PATH) {
    return createCompanies([], population, '<none: no companies file for this population>');
  }
  const file = path ? resolve(path) : envPath ? resolve(envPath) : DEFAULT_COMPANIES_PATH;
  return createCompanies(readJsonFile(file, COMPANIES_FILE.what), population, file);
}
