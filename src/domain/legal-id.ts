/**
 * Legal-person national ID (شناسه ملی اشخاص حقوقی): 11 digits, the last one a check digit.
 *
 * Let k = d9 + 2 (the tenth digit plus two). s = Σ_{i=0..9} (d_i + k) × w_i with
 * w = 29, 27, 23, 19, 17, 29, 27, 23, 19, 17; r = s mod 11, and r = 10 counts as 0. The ID is
 * valid when r equals d10. Eleven identical digits are refused, as for national codes: 33333333333
 * passes the sum but is nobody's ID.
 */
import { normalizeDigits, stripSeparators } from './digits.js';

export type LegalIdError = 'legal_id.required' | 'legal_id.format' | 'legal_id.checksum';

export type LegalIdResult = { ok: true; value: string } | { ok: false; error: LegalIdError };

const WEIGHTS = [29, 27, 23, 19, 17, 29, 27, 23, 19, 17] as const;

/** ASCII digits, separators stripped. */
export function normalizeLegalId(input: string): string {
  return stripSeparators(normalizeDigits(input.trim()));
}

/** Check digit for the first ten digits (a string of exactly 10 ASCII digits). */
export function legalIdCheckDigit(first10: string): number {
  if (!/^\d{10}$/.test(first10)) throw new RangeError('legalIdCheckDigit expects exactly 10 ASCII digits');
  const k = first10.charCodeAt(9) - 48 + 2;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (first10.charCodeAt(i) - 48 + k) * WEIGHTS[i]!;
  const r = sum % 11;
  return r === 10 ? 0 : r;
}

/** True for a normalised 11-digit ID with a correct check digit that is not eleven identical digits. */
export function isValidLegalId(id: string): boolean {
  if (!/^\d{11}$/.test(id) || /^(\d)\1{10}$/.test(id)) return false;
  return legalIdCheckDigit(id.slice(0, 10)) === id.charCodeAt(10) - 48;
}

export function validateLegalId(input: string): LegalIdResult {
  const value = normalizeLegalId(input);
  if (value === '') return { ok: false, error: 'legal_id.required' };
  if (!/^\d{11}$/.test(value)) return { ok: false, error: 'legal_id.format' };
  if (!isValidLegalId(value)) return { ok: false, error: 'legal_id.checksum' };
  return { ok: true, value };
}
