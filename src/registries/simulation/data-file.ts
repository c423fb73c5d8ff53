/**
 * Reading the simulators' JSON data files (people, companies) so that a bad file stops the start
 * with one line naming the file, the entry and the field.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isValidJalaaliDate, toGregorian } from 'jalaali-js';

/** Jalali `1370/01/15` → Gregorian `1991-04-04`, or null when it is not a real date. */
export function jalaliToIso(value: string): string | null {
  const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(value);
  if (!m) return null;
  const jy = Number(m[1]);
  const jm = Number(m[2]);
  const jd = Number(m[3]);
  if (!isValidJalaaliDate(jy, jm, jd)) return null;
  const { gy, gm, gd } = toGregorian(jy, jm, jd);
  return `${String(gy).padStart(4, '0')}-${String(gm).padStart(2, '0')}-${String(gd).padStart(2, '0')}`;
}

export interface DataFileKind {
  /** `simulated population file`, `simulated companies file`. */
  what: string;
  /** The field that names an entry in messages: `nationalCode`, `nationalId`. */
  idField: string;
  /** The fields an entry may have (named when an unknown one is found). */
  allowed: readonly string[];
}

/** One line for the first problem of a file that is an array of entries. */
export function describeIssue(kind: DataFileKind, source: string, raw: unknown, issue: z.core.$ZodIssue): string {
  const path = issue.path;
  if (path.length === 0) return `Invalid ${kind.what} ${source}: ${issue.message}`;
  const [index, ...rest] = path;
  const prefix = `Invalid ${kind.what} ${source}: entry [${String(index)}]`;
  const entry: unknown = typeof index === 'number' && Array.isArray(raw) ? raw[index] : undefined;
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
    return `${prefix}: must be an object like {"${kind.idField}": …}`;
  }
  const record = entry as Record<string, unknown>;
  const where = kind.idField in record ? `${prefix} (${kind.idField} ${JSON.stringify(record[kind.idField])})` : prefix;
  if (issue.code === 'unrecognized_keys') {
    const field = [...rest.map(String), issue.keys.join(', ')].join('.');
    // the allowed list is the entry's own fields: named only for an unknown field at the top
    return rest.length === 0
      ? `${where}, field ${field}: unknown field (allowed: ${kind.allowed.join(', ')})`
      : `${where}, field ${field}: unknown field`;
  }
  const field = rest.length ? rest.map(String).join('.') : '(the entry itself)';
  const top = rest[0];
  if (rest.length === 1 && typeof top === 'string' && record[top] === undefined) {
    return `${where}, field ${field}: is missing`;
  }
  return `${where}, field ${field}: ${issue.message}`;
}

/** A refinement for an array of entries: `field` is unique; a repeat is reported where it stands. */
export function uniqueBy<T extends Record<K, string>, K extends string>(field: K, label: string) {
  return (entries: T[], ctx: z.RefinementCtx): void => {
    const seen = new Map<string, number>();
    entries.forEach((e, i) => {
      const first = seen.get(e[field]);
      if (first === undefined) seen.set(e[field], i);
      else
        ctx.addIssue({
          code: 'custom',
          path: [i, field],
          message: `duplicate ${label} (already used by entry [${first}])`,
        });
    });
  };
}

/** Parses `raw` with `schema`, throwing the one-line message on the first problem. */
export function parseDataFile<T>(kind: DataFileKind, schema: z.ZodType<T>, raw: unknown, source: string): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(issue ? describeIssue(kind, source, raw, issue) : `Invalid ${kind.what} ${source}`);
}

/** Reads and parses a JSON file (a BOM is allowed); throws a message naming the file. */
export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new Error(`Cannot read ${what} ${file}: ${code}`, { cause: err });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new Error(`${what[0]!.toUpperCase()}${what.slice(1)} ${file} is not valid JSON: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
