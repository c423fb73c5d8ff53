/**
 * Digit and Persian-text normalisation.
 *
 * Pure functions, no I/O. Every numeric input (codes, phone numbers, dates)
 * goes through {@link normalizeDigits}; names and free-text answers go through
 * {@link normalizePersianText}.
 */

const PERSIAN_ZERO = 0x06f0; // ۰
const ARABIC_INDIC_ZERO = 0x0660; // ٠

/** Persian ۰-۹ (U+06F0–U+06F9) and Arabic-Indic ٠-٩ (U+0660–U+0669) → ASCII 0-9. */
export function normalizeDigits(s: string): string {
  return s.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (ch) => {
    const cp = ch.charCodeAt(0);
    const base = cp >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_INDIC_ZERO;
    return String.fromCharCode(0x30 + cp - base);
  });
}

/** ASCII 0-9 → Persian ۰-۹, for display. Other characters are unchanged. */
export function toPersianDigits(s: string): string {
  return s.replace(/[0-9]/g, (ch) => String.fromCharCode(PERSIAN_ZERO + ch.charCodeAt(0) - 0x30));
}

const ZWNJ = '\u200C';

/**
 * Normalises Persian text typed on Persian, Arabic or mixed keyboards:
 * - NFC;
 * - Persian/Arabic-Indic digits → ASCII;
 * - Arabic ي (U+064A) and ى (U+0649) → Persian ی (U+06CC); Arabic ك (U+0643) → Persian ک (U+06A9);
 * - runs of whitespace → one space, trimmed;
 * - ZWNJ (U+200C) is kept inside words, but runs of ZWNJ collapse to one and a ZWNJ at either end
 *   or next to a space (where it is invisible and meaningless) is dropped.
 *
 * Idempotent.
 */
export function normalizePersianText(s: string): string {
  return normalizeDigits(s.normalize('NFC'))
    .replace(/[\u064A\u0649]/g, '\u06CC')
    .replace(/\u0643/g, '\u06A9')
    .replace(/\s+/g, ' ')
    .replace(/[ \u200C]+/g, (run) => (run.includes(' ') ? ' ' : ZWNJ))
    .replace(/^[ \u200C]+|[ \u200C]+$/g, '')
    .normalize('NFC');
}

/**
 * Characters removed by {@link stripSeparators}: whitespace, hyphens and dashes, underscores,
 * dots, bidi controls (LRM, RLM, LRE…RLO, LRI…PDI) and other invisible format characters
 * (ZWSP, ZWNJ, ZWJ, word joiner, BOM) that sneak in when a code is copied from a document.
 */
const SEPARATORS = /[\s\-_.\u2010-\u2015\u2212\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/** Removes separators from a code typed or pasted with them (e.g. `001-234567-9`). */
export function stripSeparators(s: string): string {
  return s.replace(SEPARATORS, '');
}
