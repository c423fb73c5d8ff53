/**
 * Jalali (Solar Hijri) dates: parsing what people type, formatting for display.
 * Dates are stored as Gregorian (`YYYY-MM-DD`) or UTC instants; Jalali is for people.
 *
 * Calendar days of instants are taken in Asia/Tehran, which has been a fixed UTC+03:30 with no
 * daylight saving since 2022; that fixed offset is used for every instant (older instants that
 * fell in Iranian summer time are off by an hour, which is accepted).
 */
import { isValidJalaaliDate, toGregorian, toJalaali } from 'jalaali-js';
import { normalizeDigits, toPersianDigits } from './digits.js';

export const JALALI_MONTHS: readonly string[] = Object.freeze([
  'فروردین',
  'اردیبهشت',
  'خرداد',
  'تیر',
  'مرداد',
  'شهریور',
  'مهر',
  'آبان',
  'آذر',
  'دی',
  'بهمن',
  'اسفند',
]);

/** Tehran's offset from UTC in minutes (+03:30, no DST since 2022). */
export const TEHRAN_OFFSET_MINUTES = 210;

/** Jalali years accepted by the parsers (jalaali-js is exact for -61…3177). */
const MIN_YEAR = 1000;
const MAX_YEAR = 3177;

export type JalaliDateError = 'date.required' | 'date.format' | 'date.invalid';
export type BirthDateError = JalaliDateError | 'date.in_future' | 'date.too_old';

export interface JalaliDate {
  jy: number;
  jm: number;
  jd: number;
}

export type JalaliParseResult =
  { ok: true; jy: number; jm: number; jd: number; iso: string } | { ok: false; error: JalaliDateError };

export type BirthDateResult =
  { ok: true; jy: number; jm: number; jd: number; iso: string } | { ok: false; error: BirthDateError };

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

/** Removes bidi marks and other invisible format characters that come with pasted dates. */
function cleanDateInput(s: string): string {
  return normalizeDigits(s)
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g, '')
    .trim();
}

function fromNumbers(jy: number, jm: number, jd: number): JalaliParseResult {
  if (jy < MIN_YEAR || jy > MAX_YEAR || !isValidJalaaliDate(jy, jm, jd)) {
    return { ok: false, error: 'date.invalid' };
  }
  const g = toGregorian(jy, jm, jd);
  return { ok: true, jy, jm, jd, iso: `${pad4(g.gy)}-${pad2(g.gm)}-${pad2(g.gd)}` };
}

/**
 * Parses `1370/01/15`, `1370/1/15`, `1370-01-15`, `1370.1.15` (Persian or Arabic-Indic digits
 * too). Year first, four digits; month and day one or two digits.
 */
export function parseJalaliDate(input: string): JalaliParseResult {
  const s = cleanDateInput(input);
  if (s === '') return { ok: false, error: 'date.required' };
  const m = /^(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})$/.exec(s);
  if (!m) return { ok: false, error: 'date.format' };
  return fromNumbers(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Same as {@link parseJalaliDate} for a form with three fields (year, month, day). */
export function jalaliFromParts(y: string, m: string, d: string): JalaliParseResult {
  const ys = cleanDateInput(y);
  const ms = cleanDateInput(m);
  const ds = cleanDateInput(d);
  if (ys === '' && ms === '' && ds === '') return { ok: false, error: 'date.required' };
  if (!/^\d{4}$/.test(ys) || !/^\d{1,2}$/.test(ms) || !/^\d{1,2}$/.test(ds)) {
    return { ok: false, error: 'date.format' };
  }
  return fromNumbers(Number(ys), Number(ms), Number(ds));
}

/** Gregorian calendar day of an instant in Tehran. */
function tehranGregorian(d: Date): { gy: number; gm: number; gd: number } {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new RangeError('Invalid Date');
  const shifted = new Date(t + TEHRAN_OFFSET_MINUTES * 60_000);
  return { gy: shifted.getUTCFullYear(), gm: shifted.getUTCMonth() + 1, gd: shifted.getUTCDate() };
}

function gregorianOf(iso: string | Date): { gy: number; gm: number; gd: number } {
  if (iso instanceof Date) return tehranGregorian(iso);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (m) {
    // A calendar date: no time zone involved.
    const gy = Number(m[1]);
    const gm = Number(m[2]);
    const gd = Number(m[3]);
    const check = new Date(Date.UTC(gy, gm - 1, gd));
    if (check.getUTCFullYear() !== gy || check.getUTCMonth() !== gm - 1 || check.getUTCDate() !== gd) {
      throw new RangeError(`Invalid calendar date: ${iso}`);
    }
    return { gy, gm, gd };
  }
  // A full timestamp: its day in Tehran.
  return tehranGregorian(new Date(iso));
}

/**
 * Jalali date of a Gregorian calendar date (`YYYY-MM-DD`, taken as is), of a timestamp string or
 * of a Date (both taken as their calendar day in Tehran). Throws RangeError on an invalid input.
 */
export function isoToJalali(iso: string | Date): JalaliDate {
  const { gy, gm, gd } = gregorianOf(iso);
  const j = toJalaali(gy, gm, gd);
  return { jy: j.jy, jm: j.jm, jd: j.jd };
}

/** `۱۴۰۵/۰۹/۰۳` (Persian digits unless `persianDigits: false`). */
export function formatJalali(iso: string | Date, opts: { persianDigits?: boolean } = {}): string {
  const { jy, jm, jd } = isoToJalali(iso);
  const s = `${pad4(jy)}/${pad2(jm)}/${pad2(jd)}`;
  return opts.persianDigits === false ? s : toPersianDigits(s);
}

/** `۱۴۰۵/۰۹/۰۳ ۱۴:۰۵` in Tehran time. */
export function formatJalaliDateTime(d: Date, opts: { persianDigits?: boolean } = {}): string {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new RangeError('Invalid Date');
  const shifted = new Date(t + TEHRAN_OFFSET_MINUTES * 60_000);
  const s = `${formatJalali(d, { persianDigits: false })} ${pad2(shifted.getUTCHours())}:${pad2(shifted.getUTCMinutes())}`;
  return opts.persianDigits === false ? s : toPersianDigits(s);
}

/** Oldest accepted age, in years. */
export const MAX_AGE_YEARS = 130;

/**
 * A Jalali birth date that is not after today (in Tehran) and not more than 130 years before it
 * (a person born exactly 130 years ago today is accepted, a day earlier is not).
 */
export function validateBirthDate(input: string, now: Date = new Date()): BirthDateResult {
  const parsed = parseJalaliDate(input);
  if (!parsed.ok) return parsed;
  const today = tehranGregorian(now);
  const todayIso = `${pad4(today.gy)}-${pad2(today.gm)}-${pad2(today.gd)}`;
  if (parsed.iso > todayIso) return { ok: false, error: 'date.in_future' };
  // String comparison works even when the shifted date does not exist (29 February).
  const oldestIso = `${pad4(today.gy - MAX_AGE_YEARS)}-${pad2(today.gm)}-${pad2(today.gd)}`;
  if (parsed.iso < oldestIso) return { ok: false, error: 'date.too_old' };
  return parsed;
}

/**
 * A birth date typed as three parts (day, month, year in any digits): the Gregorian date, or
 * what is wrong with it. Three empty parts are "required", not a format error.
 */
export function birthDateFromParts(
  parts: { y: string; m: string; d: string },
  now: Date,
): { ok: true; iso: string } | { ok: false; error: BirthDateError } {
  const y = normalizeDigits(parts.y).trim();
  const m = parts.m.trim();
  const d = normalizeDigits(parts.d).trim();
  if (!y && !m && !d) return { ok: false, error: 'date.required' };
  const parsed = jalaliFromParts(y, m, d);
  if (!parsed.ok) return parsed;
  const b = validateBirthDate(`${parsed.jy}/${parsed.jm}/${parsed.jd}`, now);
  return b.ok ? { ok: true, iso: b.iso } : b;
}
