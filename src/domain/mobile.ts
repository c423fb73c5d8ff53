/**
 * Iranian mobile numbers. Canonical form: `09XXXXXXXXX` (11 digits).
 *
 * Accepted shapes (after Persian/Arabic digits → ASCII and removing spaces, hyphens, dots,
 * parentheses and bidi marks): `09…` (11 digits), `9…` (10 digits), `+989…`, `00989…`, `989…`,
 * and the common slip of keeping the trunk zero after the country code (`+9809…`, `009809…`,
 * `9809…`). Operator prefixes change over time, so no prefix beyond `9` is checked.
 */
import { normalizeDigits, stripSeparators } from './digits.js';

export type MobileError = 'mobile.required' | 'mobile.format';

export type MobileResult = { ok: true; value: string } | { ok: false; error: MobileError };

function clean(input: string): string {
  return stripSeparators(normalizeDigits(input)).replace(/[()]/g, '');
}

/** Canonical `09XXXXXXXXX`, or null when the input cannot be a mobile number. */
export function normalizeMobile(input: string): string | null {
  const s = clean(input);
  const m = /^(?:0|\+980?|00980?|980?)?(9\d{9})$/.exec(s);
  if (!m || m[1] === undefined) return null;
  return '0' + m[1];
}

export function validateMobile(input: string): MobileResult {
  if (clean(input) === '') return { ok: false, error: 'mobile.required' };
  const value = normalizeMobile(input);
  if (value === null) return { ok: false, error: 'mobile.format' };
  return { ok: true, value };
}

/** `09124564567` → `0912***4567`. Inputs that are not mobile numbers keep only their last 4 characters. */
export function maskMobile(m: string): string {
  const canonical = normalizeMobile(m);
  if (canonical !== null) return canonical.slice(0, 4) + '***' + canonical.slice(-4);
  const s = clean(m);
  if (s.length <= 4) return '*'.repeat(s.length);
  return '*'.repeat(s.length - 4) + s.slice(-4);
}
