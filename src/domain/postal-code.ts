/**
 * Iranian postal code (کد پستی): 10 digits. Rules (domain.md, the widely used reading of the post
 * company's scheme): the first five digits contain no 0 and no 2, the fifth digit is not 5, and
 * ten identical digits are refused. Whether a code really exists is the postal registry's answer
 * (registries/postal-codes), not this check's.
 *
 * Some libraries also refuse a 2 among the last five digits and four identical leading digits;
 * those rules are not in domain.md and would refuse codes that may be real, so they are not here.
 */
import { normalizeDigits, stripSeparators } from './digits.js';

export type PostalCodeError = 'postal_code.required' | 'postal_code.format' | 'postal_code.invalid';

export type PostalCodeResult = { ok: true; value: string } | { ok: false; error: PostalCodeError };

/** ASCII digits, separators (spaces, dashes) dropped. */
export function normalizePostalCode(input: string): string {
  return stripSeparators(normalizeDigits(input.trim()));
}

/** True for 10 ASCII digits that keep the rules above. */
export function isValidPostalCode(code: string): boolean {
  if (!/^\d{10}$/.test(code)) return false;
  if (/[02]/.test(code.slice(0, 5))) return false;
  if (code[4] === '5') return false;
  return !/^(\d)\1{9}$/.test(code);
}

export function validatePostalCode(input: string): PostalCodeResult {
  const value = normalizePostalCode(input);
  if (value === '') return { ok: false, error: 'postal_code.required' };
  if (!/^\d{10}$/.test(value)) return { ok: false, error: 'postal_code.format' };
  if (!isValidPostalCode(value)) return { ok: false, error: 'postal_code.invalid' };
  return { ok: true, value };
}

/** `1193653471` → `11936-53471`, as envelopes print it (shown `dir="ltr"`). */
export function formatPostalCode(code: string): string {
  return /^\d{10}$/.test(code) ? `${code.slice(0, 5)}-${code.slice(5)}` : code;
}
