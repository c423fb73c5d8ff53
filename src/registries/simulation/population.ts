/**
 * The simulated population: the people the registry simulators know about.
 *
 * Loaded from a JSON file (default `<repo>/sim/people.json`, or `HOVIYAT_SIM_PEOPLE`), validated
 * with zod. A bad file throws an Error naming the file and the first bad entry and field, so
 * start-up fails fast. See docs/simulators.md for the format.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isValidNationalCode } from '../../domain/national-code.js';
import { normalizeDigits, stripSeparators } from '../../domain/digits.js';
import type { PersonKind } from '../civil-registry/port.js';
import { inquiryFields, type SimAddress, type SimBankAccount } from './record-schemas.js';
import { jalaliToIso, parseDataFile, readJsonFile, uniqueBy, type DataFileKind } from './data-file.js';

export type Activation = 'automatic' | 'branch_visit';

export interface SimPerson {
  /** 10-digit national code (iranian) or 12-digit FIDA code (foreign). */
  nationalCode: string;
  /** Derived from the code: 12 digits → foreign, 10 digits → iranian. */
  personKind: PersonKind;
  firstName: string;
  lastName: string;
  fatherName: string;
  /** Jalali, as written in the file: `1370/01/15`. */
  birthDate: string;
  /** Gregorian `YYYY-MM-DD`. */
  birthDateIso: string;
  gender: 'male' | 'female';
  shenasnamehNumber: string;
  /** Where the birth certificate was issued (optional in the file). */
  birthPlace?: string;
  /** The birth certificate's serial, e.g. `12ب345678` (optional in the file). */
  shenasnamehSerial?: string;
  alive: boolean;
  mobiles: string[];
  activation: Activation;
  /** Accounts the bank-account inquiry knows as this person's (empty when the file lists none). */
  bankAccounts: SimBankAccount[];
  /** Home address, known to the postal-code registry. */
  address?: SimAddress;
}

export interface Population {
  byNationalCode(code: string): SimPerson | undefined;
  all(): SimPerson[];
  /** People with this mobile among their `mobiles` (usually one). */
  byMobile(mobile: string): SimPerson[];
  /** Where the population came from (a file path, or `<inline>`). */
  readonly source: string;
}

/** The demo file shipped with the repository: `<repo>/sim/people.json`. */
export const DEFAULT_PEOPLE_PATH = fileURLToPath(new URL('../../../sim/people.json', import.meta.url));

const name = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(100, { error: 'must be at most 100 characters' });

const personSchema = z.strictObject({
  nationalCode: z
    .string({ error: 'must be a string of digits' })
    .refine((v) => /^\d{10}$/.test(v) || /^\d{12}$/.test(v), {
      error: 'must be 10 ASCII digits (national code) or 12 ASCII digits (FIDA code)',
    })
    .refine((v) => v.length !== 10 || isValidNationalCode(v), {
      error: 'is not a valid national code (check digit wrong, or ten identical digits)',
    })
    .refine((v) => v.length !== 12 || !/^(\d)\1{11}$/.test(v), {
      error: 'is not a valid FIDA code (twelve identical digits)',
    }),
  firstName: name,
  lastName: name,
  fatherName: name,
  birthDate: z
    .string({ error: 'must be a Jalali date string like "1370/01/15"' })
    .refine((v) => jalaliToIso(v) !== null, {
      error: 'must be a valid Jalali date written YYYY/MM/DD, e.g. "1370/01/15"',
    }),
  gender: z.enum(['male', 'female'], { error: 'must be "male" or "female"' }),
  shenasnamehNumber: z
    .string({ error: 'must be a string of digits' })
    .regex(/^\d{1,12}$/, { error: 'must be 1 to 12 ASCII digits' }),
  birthPlace: name.optional(),
  shenasnamehSerial: z
    .string({ error: 'must be a string' })
    .regex(/^\d{2}[\u0600-\u06FF]{1,3}\d{6}$/, {
      error: 'must be two digits, a Persian letter (or الف) and six digits, e.g. "12ب345678"',
    })
    .optional(),
  alive: z.boolean({ error: 'must be true or false' }).default(true),
  mobiles: z
    .array(z.string().regex(/^09\d{9}$/, { error: 'must be a mobile number written 09XXXXXXXXX' }), {
      error: 'must be an array of mobile numbers',
    })
    .min(1, { error: 'must list at least one mobile number' }),
  activation: z
    .enum(['automatic', 'branch_visit'], { error: 'must be "automatic" or "branch_visit"' })
    .default('automatic'),
  ...inquiryFields,
});

const populationSchema = z
  .array(personSchema, { error: 'the file must contain a JSON array of people' })
  .superRefine(uniqueBy('nationalCode', 'national code'));

const PEOPLE_FILE: DataFileKind = {
  what: 'simulated population file',
  idField: 'nationalCode',
  allowed: Object.keys(personSchema.shape),
};

/** Validates already-parsed JSON (an array of people) and builds a Population. Throws on bad data. */
export function createPopulation(raw: unknown, source = '<inline>'): Population {
  const data = parseDataFile(PEOPLE_FILE, populationSchema, raw, source);
  const people: SimPerson[] = data.map((p) => {
    const birthDateIso = jalaliToIso(p.birthDate);
    if (birthDateIso === null) throw new Error(`unreachable: bad date ${p.birthDate}`);
    return Object.freeze({
      ...p,
      personKind: p.nationalCode.length === 12 ? ('foreign' as const) : ('iranian' as const),
      birthDateIso,
      mobiles: Object.freeze([...p.mobiles]) as string[],
      bankAccounts: Object.freeze(p.bankAccounts.map((a) => Object.freeze({ ...a }))) as SimBankAccount[],
      address: p.address && Object.freeze({ ...p.address }),
    });
  });
  const byCode = new Map(people.map((p) => [p.nationalCode, p]));
  const key = (code: string) => {
    const s = stripSeparators(normalizeDigits(code.trim()));
    return /^\d{8,9}$/.test(s) ? s.padStart(10, '0') : s;
  };
  return Object.freeze({
    source,
    byNationalCode: (code: string) => byCode.get(key(code)),
    all: () => [...people],
    byMobile: (mobile: string) => {
      const m = stripSeparators(normalizeDigits(mobile.trim()));
      return people.filter((p) => p.mobiles.includes(m));
    },
  });
}

/**
 * Loads the simulated population from `path`, else `HOVIYAT_SIM_PEOPLE`, else the demo file
 * `<repo>/sim/people.json` (resolved from this module's location, not the working directory).
 * Throws an Error naming the file and the first problem when the file is missing or invalid.
 */
export function loadPopulation(path?: string): Population {
  const envPath = process.env.HOVIYAT_SIM_PEOPLE;
  const file = path ? resolve(path) : envPath ? resolve(envPath) : DEFAULT_PEOPLE_PATH;
  const raw = readJsonFile(file, PEOPLE_FILE.what);
  return createPopulation(raw, file);
}
