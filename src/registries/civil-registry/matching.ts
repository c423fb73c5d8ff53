/**
 * How a registry compares what a person typed with its records: tolerant of the ways the same
 * Persian name is commonly written.
 */
import { normalizeDigits, normalizePersianText, stripSeparators } from '../../domain/digits.js';

/**
 * Comparison key for a name. After {@link normalizePersianText} (Arabic ي/ى/ك → Persian ی/ک,
 * digits, whitespace), it drops the differences a registry clerk would ignore:
 * - ZWNJ vs space vs nothing (`محمد‌رضا` = `محمد رضا` = `محمدرضا`),
 * - tatweel (ـ), Arabic diacritics (harakat, superscript alef), ZWJ and bidi marks,
 * - Latin letter case.
 */
export function nameKey(s: string): string {
  return (
    normalizePersianText(s)
      .replace(/[\s\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
      // tatweel and harakat are marks, not letters: dropped one by one (a class of them trips the linter)
      .replace(/\u0640|[\u064B-\u065F]|\u0670/gu, '')
      .toLowerCase()
  );
}

export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** Digits of a shenasnameh number, ASCII, separators and leading zeros dropped. */
export function shenasnamehKey(s: string): string {
  return stripSeparators(normalizeDigits(s.trim())).replace(/^0+(?=\d)/, '');
}

/** National code / FIDA code as the registry indexes it. */
export function codeKey(s: string): string {
  const c = stripSeparators(normalizeDigits(s.trim()));
  return /^\d{8,9}$/.test(c) ? c.padStart(10, '0') : c;
}
