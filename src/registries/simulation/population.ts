/**
 * The simulated population: the people the registry simulators know about.
 *
 * Loaded from a JSON file (default `<repo>/sim/people.json`, or `HOVIYAT_SIM_PEOPLE`), validated
 * with zod. A bad file throws an Error naming the file and the first bad entry and field, so
 * start-up fails fast. See docs/simulators.md for the format.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isValidJalaaliDate, toGregorian } from 'jalaali-js';
import { isValidNationalCode } from '../../domain/national-code.js';
import { normalizeDigits, stripSeparators } from '../../domain/digits.js';
import type { PersonKind } from '../civil-registry/port.js';

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
  alive: boolean;
  mobiles: string[];
  activation: Activation;
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

function jalaliToIso(value: string): string | null {
  const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(value);
  if (!m) return null;
  const jy = Number(m[1]);
  const jm = Number(m[2]);
  const jd = Number(m[3]);
  if (!isValidJalaaliDate(jy, jm, jd)) return null;
  const { gy, gm, gd } = toGregorian(jy, jm, jd);
  return `${String(gy).padStart(4, '0')}-${String(gm).padStart(2, '0')}-${String(gd).padStart(2, '0')}`;
}

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
  alive: z.boolean({ error: 'must be true or false' }).default(true),
  mobiles: z
    .array(z.string().regex(/^09\d{9}$/, { error: 'must be a mobile number written 09XXXXXXXXX' }), {
      error: 'must be an array of mobile numbers',
    })
    .min(1, { error: 'must list at least one mobile number' }),
  activation: z
    .enum(['automatic', 'branch_visit'], { error: 'must be "automatic" or "branch_visit"' })
    .default('automatic'),
});

const populationSchema = z
  .array(personSchema, { error: 'the file must contain a JSON array of people' })
  .superRefine((people, ctx) => {
    const seen = new Map<string, number>();
    people.forEach((p, i) => {
      const first = seen.get(p.nationalCode);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'nationalCode'],
          message: `duplicate national code (already used by entry [${first}])`,
        });
      } else {
        seen.set(p.nationalCode, i);
      }
    });
  });

function describeIssue(source: string, raw: unknown, issue: z.core.$ZodIssue): string {
  const path = issue.path;
  if (path.length === 0) return `Invalid simulated population file ${source}: ${issue.message}`;
  const [index, ...rest] = path;
  const prefix = `Invalid simulated population file ${source}: entry [${String(index)}]`;
  const entry: unknown = typeof index === 'number' && Array.isArray(raw) ? raw[index] : undefined;
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
    return `${prefix}: must be an object like {"nationalCode": …, "firstName": …}`;
  }
  const record = entry as Record<string, unknown>;
  const where = 'nationalCode' in record ? `${prefix} (nationalCode ${JSON.stringify(record.nationalCode)})` : prefix;
  if (issue.code === 'unrecognized_keys') {
    const allowed = Object.keys(personSchema.shape).join(', ');
    return `${where}, field ${issue.keys.join(', ')}: unknown field (allowed: ${allowed})`;
  }
  const field = rest.length ? rest.map(String).join('.') : '(the entry itself)';
  const top = rest[0];
  if (rest.length === 1 && typeof top === 'string' && record[top] === undefined) {
    return `${where}, field ${field}: is missing`;
  }
  return `${where}, field ${field}: ${issue.message}`;
}

/** Validates already-parsed JSON (an array of people) and builds a Population. Throws on bad data. */
export function createPopulation(raw: unknown, source = '<inline>'): Population {
  const parsed = populationSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(issue ? describeIssue(source, raw, issue) : `Invalid simulated population file ${source}`);
  }
  const people: SimPerson[] = parsed.data.map((p) => {
    const birthDateIso = jalaliToIso(p.birthDate);
    if (birthDateIso === null) throw new Error(`unreachable: bad date ${p.birthDate}`);
    return Object.freeze({
      ...p,
      personKind: p.nationalCode.length === 12 ? ('foreign' as const) : ('iranian' as const),
      birthDateIso,
      mobiles: Object.freeze([...p.mobiles]) as string[],
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
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new Error(`Cannot read simulated population file ${file}: ${code}`, { cause: err });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new Error(`Simulated population file ${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  return createPopulation(raw, file);
}
