/**
 * Landline numbers (تلفن ثابت): area code (0 + two digits) and an 8-digit local number, e.g.
 * `021-88001234`. The area code must be one of the provinces' (provinces.ts); the local number
 * does not start with 0. Canonical form: the 11 digits `02188001234`.
 *
 * Accepted shapes (after Persian/Arabic digits → ASCII and removing spaces, dashes, dots,
 * parentheses and bidi marks): `021…`, `+9821…`, `009821…`, `9821…` (11 or 12 digits).
 */
import { normalizeDigits, stripSeparators } from './digits.js';
import { provinceByAreaCode, type Province } from './provinces.js';

export type LandlineError = 'landline.required' | 'landline.format' | 'landline.area_code' | 'landline.is_mobile';

export type LandlineResult =
  | { ok: true; value: string; areaCode: string; number: string; province: Province }
  | { ok: false; error: LandlineError };

function clean(input: string): string {
  return stripSeparators(normalizeDigits(input)).replace(/[()]/g, '');
}

/** Canonical 11 digits `0AAXXXXXXXX` for anything shaped like an Iranian landline, else null. */
export function normalizeLandline(input: string): string | null {
  const m = /^(?:0|\+98|0098|98)(\d{10})$/.exec(clean(input));
  return m?.[1] === undefined ? null : '0' + m[1];
}

export function validateLandline(input: string): LandlineResult {
  if (clean(input) === '') return { ok: false, error: 'landline.required' };
  const value = normalizeLandline(input);
  if (value === null) return { ok: false, error: 'landline.format' };
  // a mobile typed in the landline box deserves its own message
  if (value.startsWith('09')) return { ok: false, error: 'landline.is_mobile' };
  const areaCode = value.slice(0, 3);
  const number = value.slice(3);
  const province = provinceByAreaCode(areaCode);
  if (!province) return { ok: false, error: 'landline.area_code' };
  if (number.startsWith('0')) return { ok: false, error: 'landline.format' };
  return { ok: true, value, areaCode, number, province };
}

/** `02188001234` → `021-88001234` (shown `dir="ltr"`). */
export function formatLandline(value: string): string {
  return /^0\d{10}$/.test(value) ? `${value.slice(0, 3)}-${value.slice(3)}` : value;
}

/** `02188776655` → `021*****655`: the area code and the last three digits, for history. */
export function maskLandline(phone: string): string {
  if (phone.length <= 6) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 6) + phone.slice(-3);
}
