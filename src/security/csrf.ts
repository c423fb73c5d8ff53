import { hmac, safeEqualHex, randomToken } from './hmac.js';

export const CSRF_COOKIE = 'hv_csrf';

/**
 * Double-submit tokens tied to a per-browser cookie: the form carries HMAC(cookie), which a
 * cross-site page can neither read nor forge. Works in every tab and on every node.
 */
export function newCsrfCookieValue(): string {
  return randomToken(24);
}

export function csrfTokenFor(secret: string, cookieValue: string): string {
  return hmac(secret, 'csrf', cookieValue);
}

export function checkCsrf(secret: string, cookieValue: string | undefined, submitted: unknown): boolean {
  if (!cookieValue || typeof submitted !== 'string' || !/^[0-9a-f]{64}$/.test(submitted)) return false;
  return safeEqualHex(csrfTokenFor(secret, cookieValue), submitted);
}
