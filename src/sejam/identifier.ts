import { normalizeDigits, stripSeparators } from '../domain/digits.js';
import { validateNationalCode } from '../domain/national-code.js';
import { validateLegalId } from '../domain/legal-id.js';
import type { ErrorCode } from '../errors/catalogue.js';
import type { PersonType } from './profiles.js';

export type IdentifierResult = { ok: true; value: string; personType: PersonType } | { ok: false; error: ErrorCode };

/**
 * What names a Sejam profile, typed in any digits: a natural person's national code (10 digits,
 * 8 or 9 when leading zeros were dropped) or a legal person's national ID (11 digits). With the
 * person type chosen, that type's rule applies; without one, the length tells them apart.
 */
export function validateProfileIdentifier(raw: string, type?: PersonType): IdentifierResult {
  const digits = stripSeparators(normalizeDigits(raw)).trim();
  const legal = type === 'legal' || (!type && digits.length === 11);
  const natural = type === 'natural' || (!type && /^\d{8,10}$/.test(digits));
  if (!legal && !natural) return { ok: false, error: digits ? 'sejam.identifier_format' : 'national_code.required' };
  const r = legal ? validateLegalId(digits) : validateNationalCode(digits);
  return r.ok ? { ok: true, value: r.value, personType: legal ? 'legal' : 'natural' } : r;
}
