import { normalizeDigits, stripSeparators } from './digits.js';

export type LegalIdError = 'legal_id.required' | 'legal_id.format' | 'legal_id.checksum';
export type LegalIdResult = { ok: true; value: string } | { ok: false; error: LegalIdError };

const WEIGHTS = [29, 27, 23, 19, 17, 29, 27, 23, 19, 17];

/** A legal person's national ID (شناسه ملی): 11 digits, the last a check digit on the first ten. */
export function isValidLegalId(id: string): boolean {
  if (!/^\d{11}$/.test(id)) return false;
  const d = id.split('').map(Number);
  const k = d[9]! + 2;
  const s = WEIGHTS.reduce((sum, w, i) => sum + (d[i]! + k) * w, 0);
  return (s % 11) % 10 === d[10];
}

export function validateLegalId(input: string): LegalIdResult {
  const id = stripSeparators(normalizeDigits(input));
  if (!id) return { ok: false, error: 'legal_id.required' };
  if (!/^\d{11}$/.test(id)) return { ok: false, error: 'legal_id.format' };
  return isValidLegalId(id) ? { ok: true, value: id } : { ok: false, error: 'legal_id.checksum' };
}
