/**
 * Iranian national code (کد ملی): 10 digits, the last one a mod-11 check digit.
 *
 * For digits d0..d8: s = Σ d_i × (10 − i); r = s mod 11; check = r if r < 2 else 11 − r.
 * Codes typed with 8 or 9 digits (leading zeros dropped) are left-padded to 10.
 * Ten identical digits are refused even when the sum works out.
 */
import { normalizeDigits, stripSeparators } from './digits.js';

export type NationalCodeError = 'national_code.required' | 'national_code.format' | 'national_code.checksum';

export type NationalCodeResult = { ok: true; value: string } | { ok: false; error: NationalCodeError };

/** ASCII digits, separators stripped, 8–9 digit inputs left-padded with zeros to 10. */
export function normalizeNationalCode(input: string): string {
  const s = stripSeparators(normalizeDigits(input));
  if (/^\d{8,9}$/.test(s)) return s.padStart(10, '0');
  return s;
}

/** Check digit for the first nine digits (a string of exactly 9 ASCII digits). */
export function nationalCodeCheckDigit(first9: string): number {
  if (!/^\d{9}$/.test(first9)) {
    throw new RangeError('nationalCodeCheckDigit expects exactly 9 ASCII digits');
  }
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    sum += (first9.charCodeAt(i) - 48) * (10 - i);
  }
  const r = sum % 11;
  return r < 2 ? r : 11 - r;
}

/** True for a normalised 10-digit code with a correct check digit that is not ten identical digits. */
export function isValidNationalCode(code: string): boolean {
  if (!/^\d{10}$/.test(code)) return false;
  if (/^(\d)\1{9}$/.test(code)) return false;
  return nationalCodeCheckDigit(code.slice(0, 9)) === code.charCodeAt(9) - 48;
}

export function validateNationalCode(input: string): NationalCodeResult {
  const value = normalizeNationalCode(input);
  if (value === '') return { ok: false, error: 'national_code.required' };
  if (!/^\d{10}$/.test(value)) return { ok: false, error: 'national_code.format' };
  if (!isValidNationalCode(value)) return { ok: false, error: 'national_code.checksum' };
  return { ok: true, value };
}

/** `0012345679` → `001****679`: first and last three digits visible. Short inputs are fully masked. */
export function maskNationalCode(code: string): string {
  const s = normalizeNationalCode(code);
  if (s.length <= 6) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 6) + s.slice(-3);
}
