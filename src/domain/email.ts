/**
 * Pragmatic email check: one `@`, a non-empty local part of ordinary characters, a domain of
 * dot-separated labels with at least one dot, no spaces, at most 254 characters (local part at
 * most 64). Not full RFC 5322: quoted local parts and IP-literal domains are refused.
 * An empty input is not handled here: the caller decides whether the field is optional.
 */
export type EmailError = 'email.format' | 'email.too_long';

export type EmailResult = { ok: true; value: string } | { ok: false; error: EmailError };

export const EMAIL_MAX_LENGTH = 254;
const LOCAL_MAX_LENGTH = 64;

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const TLD = /^(?:\p{L}{2,}|xn--[a-z0-9-]+)$/u;

/** Returns the address trimmed, with its domain lower-cased (the local part is kept as typed). */
export function validateEmail(input: string): EmailResult {
  const s = input.trim();
  if ([...s].length > EMAIL_MAX_LENGTH) return { ok: false, error: 'email.too_long' };
  if (/\s/.test(s)) return { ok: false, error: 'email.format' };
  const at = s.indexOf('@');
  if (at <= 0 || at !== s.lastIndexOf('@')) return { ok: false, error: 'email.format' };
  const local = s.slice(0, at);
  const domain = s.slice(at + 1).toLowerCase();
  if (local.length > LOCAL_MAX_LENGTH) return { ok: false, error: 'email.too_long' };
  if (!LOCAL.test(local)) return { ok: false, error: 'email.format' };
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return { ok: false, error: 'email.format' };
  if (!TLD.test(labels[labels.length - 1] ?? '')) return { ok: false, error: 'email.format' };
  return { ok: true, value: `${local}@${domain}` };
}

/** `maryam@example.com` → `m*****@example.com`: the first letter and the domain, for history. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '*'.repeat(email.length);
  return email[0] + '*'.repeat(at - 1) + email.slice(at);
}
