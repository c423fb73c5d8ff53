/**
 * FIDA code (کد فراگیر اتباع خارجی), the identifier of foreign nationals: 12 digits.
 * No public check-digit rule is known, so only the shape is checked.
 */
import { normalizeDigits, stripSeparators } from './digits.js';

export type FidaError = 'fida.required' | 'fida.format';

export type FidaResult = { ok: true; value: string } | { ok: false; error: FidaError };

export function normalizeFidaCode(input: string): string {
  return stripSeparators(normalizeDigits(input));
}

export function validateFidaCode(input: string): FidaResult {
  const value = normalizeFidaCode(input);
  if (value === '') return { ok: false, error: 'fida.required' };
  if (!/^\d{12}$/.test(value) || /^(\d)\1{11}$/.test(value)) return { ok: false, error: 'fida.format' };
  return { ok: true, value };
}
