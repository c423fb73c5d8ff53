/**
 * Password policy of the Social Security account portal (seeds):
 * only Latin letters, digits and & % $ # !; must start with a letter; at least one upper-case
 * letter, one lower-case letter and one digit; at least 8 characters (capped at 128 here); must
 * not contain the person's first name, last name or national code (case-insensitive).
 *
 * The password is never normalised: no trimming, no digit conversion. A Persian digit is an
 * invalid character, not a digit.
 */
import { normalizeDigits, normalizePersianText, stripSeparators } from './digits.js';

export type PasswordRule =
  | 'password.too_short'
  | 'password.too_long'
  | 'password.invalid_chars'
  | 'password.must_start_with_letter'
  | 'password.needs_upper'
  | 'password.needs_lower'
  | 'password.needs_digit'
  | 'password.contains_personal';

/** Every rule, in the order {@link checkPassword} reports them and a checklist shows them. */
export const PASSWORD_RULES: readonly PasswordRule[] = Object.freeze([
  'password.too_short',
  'password.too_long',
  'password.invalid_chars',
  'password.must_start_with_letter',
  'password.needs_upper',
  'password.needs_lower',
  'password.needs_digit',
  'password.contains_personal',
] as const);

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
/** The symbols allowed besides Latin letters and digits. */
export const PASSWORD_SYMBOLS = '&%$#!';
/** Shortest name part that is checked for inclusion in the password. */
const MIN_PERSONAL_PART = 2;

const ALLOWED = /^[A-Za-z0-9&%$#!]*$/;

export interface PersonalData {
  firstName?: string;
  lastName?: string;
  nationalCode?: string;
}

/** Lower-cased parts of a name worth checking: split on spaces, hyphens, apostrophes and ZWNJ. */
function nameParts(name: string | undefined): string[] {
  if (!name) return [];
  return normalizePersianText(name)
    .toLowerCase()
    .split(/[\s\-'\u2019\u200C]+/)
    .filter((p) => [...p].length >= MIN_PERSONAL_PART);
}

function containsPersonal(password: string, personal: PersonalData): boolean {
  const lower = password.toLowerCase();
  const parts = [...nameParts(personal.firstName), ...nameParts(personal.lastName)];
  if (personal.nationalCode) {
    const code = stripSeparators(normalizeDigits(personal.nationalCode)).toLowerCase();
    if (code.length >= MIN_PERSONAL_PART) parts.push(code);
  }
  return parts.some((p) => lower.includes(p));
}

/** Every violated rule, in {@link PASSWORD_RULES} order; an empty array means acceptable. */
export function checkPassword(password: string, personal: PersonalData = {}): PasswordRule[] {
  const violations: PasswordRule[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) violations.push('password.too_short');
  if (length > PASSWORD_MAX_LENGTH) violations.push('password.too_long');
  if (!ALLOWED.test(password)) violations.push('password.invalid_chars');
  if (!/^[A-Za-z]/.test(password)) violations.push('password.must_start_with_letter');
  if (!/[A-Z]/.test(password)) violations.push('password.needs_upper');
  if (!/[a-z]/.test(password)) violations.push('password.needs_lower');
  if (!/[0-9]/.test(password)) violations.push('password.needs_digit');
  if (containsPersonal(password, personal)) violations.push('password.contains_personal');
  return violations;
}

/**
 * A 0..100 score for a strength meter (not a policy decision; {@link checkPassword} decides).
 * Length gives up to 40 points (full at 16 characters), each character class (lower, upper,
 * digit, symbol) 10 points, variety (distinct characters, full at 12) up to 20 points; runs of
 * three or more identical characters and simple ascending/descending sequences cost points.
 * Deterministic, integer.
 */
export function passwordStrength(password: string): number {
  const chars = [...password];
  const n = chars.length;
  if (n === 0) return 0;

  const lengthScore = (Math.min(n, 16) / 16) * 40;

  let classes = 0;
  if (/[a-z]/.test(password)) classes++;
  if (/[A-Z]/.test(password)) classes++;
  if (/[0-9]/.test(password)) classes++;
  if (/[^A-Za-z0-9]/.test(password)) classes++;
  const classScore = classes * 10;

  const distinct = new Set(chars).size;
  const varietyScore = (Math.min(distinct, 12) / 12) * 20;

  let penalty = 0;
  for (let i = 2; i < n; i++) {
    const a = chars[i - 2]!.codePointAt(0)!;
    const b = chars[i - 1]!.codePointAt(0)!;
    const c = chars[i]!.codePointAt(0)!;
    if (a === b && b === c)
      penalty += 4; // aaa
    else if (b - a === c - b && Math.abs(b - a) === 1) penalty += 3; // abc, 321
  }
  penalty = Math.min(penalty, 30);

  const score = Math.round(lengthScore + classScore + varietyScore - penalty);
  return Math.max(0, Math.min(100, score));
}

export type StrengthBand = 'weak' | 'fair' | 'good' | 'strong';

/** Highest score shown while any rule fails: a password that will be refused is never called good. */
export const MAX_SCORE_WHEN_INVALID = 39;

export interface PasswordReport {
  /** 0..100, capped at {@link MAX_SCORE_WHEN_INVALID} while a rule fails (the meter's percentage). */
  score: number;
  band: StrengthBand;
  /** Every rule the password breaks, in {@link PASSWORD_RULES} order. */
  failed: PasswordRule[];
}

/** What the strength meter shows, computed on the server for pages without JavaScript (app.js mirrors it). */
export function passwordReport(password: string, personal: PersonalData = {}): PasswordReport {
  const failed = checkPassword(password, personal);
  const raw = passwordStrength(password);
  const score = failed.length ? Math.min(raw, MAX_SCORE_WHEN_INVALID) : raw;
  const band: StrengthBand = score < 40 ? 'weak' : score < 60 ? 'fair' : score < 80 ? 'good' : 'strong';
  return { score, band, failed };
}
