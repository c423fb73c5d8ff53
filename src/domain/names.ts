/**
 * Person names and birth-certificate (shenasnameh) numbers.
 */
import { normalizeDigits, normalizePersianText, stripSeparators } from './digits.js';

export type PersonNameError = 'name.required' | 'name.too_long' | 'name.invalid_chars';
export type PersonNameResult = { ok: true; value: string } | { ok: false; error: PersonNameError };

export const NAME_MAX_LENGTH = 60;

/**
 * One allowed name character: a letter or combining mark of the Arabic block (U+0600–U+06FF,
 * which excludes its digits and punctuation such as ، ؛ ؟ ٪), a Latin letter (foreign
 * nationals; accented letters included), ZWNJ, space, hyphen, apostrophe (' or ’).
 */
const NAME_CHARS = /^(?:(?=[\u0600-\u06FF])[\p{L}\p{M}]|(?=\p{Script=Latin})\p{L}|[\u200C '\u2019-])+$/u;
const HAS_LETTER = /\p{L}/u;

/** Normalised with {@link normalizePersianText}; at most 60 characters. */
export function validatePersonName(input: string): PersonNameResult {
  const value = normalizePersianText(input);
  if (value === '') return { ok: false, error: 'name.required' };
  if ([...value].length > NAME_MAX_LENGTH) return { ok: false, error: 'name.too_long' };
  if (!NAME_CHARS.test(value) || !HAS_LETTER.test(value)) return { ok: false, error: 'name.invalid_chars' };
  return { ok: true, value };
}

export type ShenasnamehError = 'shenasnameh.required' | 'shenasnameh.format' | 'shenasnameh.zero';
export type ShenasnamehResult = { ok: true; value: string } | { ok: false; error: ShenasnamehError };

/**
 * Birth-certificate number: 1–10 digits (Persian/Arabic digits and separators accepted).
 * `0` (or all zeros) is refused: people whose number is their national code must enter the
 * national code itself, never 0. When the digits equal the national code without its leading
 * zeros (e.g. `12345679` for `0012345679`) the national code is returned, so both spellings of
 * the same number compare equal. Whether the number is right is for the civil registry to say.
 */
export function validateShenasnamehNumber(input: string, nationalCode: string): ShenasnamehResult {
  const value = stripSeparators(normalizeDigits(input));
  if (value === '') return { ok: false, error: 'shenasnameh.required' };
  if (!/^\d{1,10}$/.test(value)) return { ok: false, error: 'shenasnameh.format' };
  if (/^0+$/.test(value)) return { ok: false, error: 'shenasnameh.zero' };
  const code = stripSeparators(normalizeDigits(nationalCode ?? ''));
  if (/^\d{10}$/.test(code) && value !== code && value.replace(/^0+/, '') === code.replace(/^0+/, '')) {
    return { ok: true, value: code };
  }
  return { ok: true, value };
}
