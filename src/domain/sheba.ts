/**
 * Sheba (شبا), Iran's IBAN: `IR` + 2 check digits + 22 digits, the first three of which name the
 * bank (see banks.ts). ISO 13616 / ISO 7064 mod 97-10: move the first four characters to the end,
 * read I as 18 and R as 27; the number mod 97 must be 1.
 *
 * Typed forms accepted: lower case `ir`, spaces and dashes (`IR82 0540 …`), Persian and
 * Arabic-Indic digits, and the 24 digits alone (forms often print the `IR` beside the box).
 */
import { bankByCode, type Bank } from './banks.js';
import { normalizeDigits, stripSeparators } from './digits.js';

export type ShebaError = 'sheba.required' | 'sheba.format' | 'sheba.checksum' | 'sheba.unknown_bank';

export type ShebaResult =
  | { ok: true; value: string; /** null when the bank code is not in the shipped table. */ bank: Bank | null }
  | { ok: false; error: ShebaError };

/** `IR` upper-cased, ASCII digits, separators dropped; 24 bare digits get their `IR`. */
export function normalizeSheba(input: string): string {
  const s = stripSeparators(normalizeDigits(input.trim())).toUpperCase();
  return /^\d{24}$/.test(s) ? `IR${s}` : s;
}

/** `(digits) mod 97`, read piecewise so the 26-digit number never leaves safe integers. */
function mod97(digits: string): number {
  let r = 0;
  for (let i = 0; i < digits.length; i += 7) r = Number(String(r) + digits.slice(i, i + 7)) % 97;
  return r;
}

/** I = 18, R = 27 (ISO 13616 letters A = 10 … Z = 35). */
const IR = '1827';

/** True for `IR` + 24 ASCII digits whose check digits are right. */
export function isValidSheba(sheba: string): boolean {
  if (!/^IR\d{24}$/.test(sheba)) return false;
  return mod97(sheba.slice(4) + IR + sheba.slice(2, 4)) === 1;
}

/** The two check digits for 22 BBAN digits (bank code + account part). */
export function shebaCheckDigits(bban: string): string {
  if (!/^\d{22}$/.test(bban)) throw new RangeError('shebaCheckDigits expects exactly 22 ASCII digits');
  return String(98 - mod97(bban + IR + '00')).padStart(2, '0');
}

/** A valid Sheba from a three-digit bank code and the 19 digits after it. */
export function composeSheba(bankCode: string, account: string): string {
  const bban = bankCode + account;
  return `IR${shebaCheckDigits(bban)}${bban}`;
}

/** The three-digit bank code of a canonical Sheba. */
export function shebaBankCode(sheba: string): string {
  return sheba.slice(4, 7);
}

export function validateSheba(input: string, opts: { requireKnownBank?: boolean } = {}): ShebaResult {
  const value = normalizeSheba(input);
  if (value === '' || value === 'IR') return { ok: false, error: 'sheba.required' };
  if (!/^IR\d{24}$/.test(value)) return { ok: false, error: 'sheba.format' };
  if (!isValidSheba(value)) return { ok: false, error: 'sheba.checksum' };
  const bank = bankByCode(shebaBankCode(value));
  if (!bank && opts.requireKnownBank) return { ok: false, error: 'sheba.unknown_bank' };
  return { ok: true, value, bank };
}

/** `IR820540102680020817909002` → `IR82 0540 1026 8002 0817 9090 02` (shown `dir="ltr"`). */
export function formatSheba(sheba: string): string {
  return sheba.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Country, check digits and bank code visible, then only the last four digits: for history and logs. */
export function maskSheba(sheba: string): string {
  const s = normalizeSheba(sheba);
  if (s.length <= 11) return '*'.repeat(s.length);
  return s.slice(0, 7) + '*'.repeat(s.length - 11) + s.slice(-4);
}
