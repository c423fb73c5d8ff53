import { randomInt } from 'node:crypto';
import { normalizeDigits, stripSeparators } from '../domain/digits.js';

/**
 * The 10-digit tracking code (کد پیگیری): nine random digits (the first never 0, so nobody drops
 * it) and a Luhn check digit, so a code misread at a counter is caught before any look-up.
 * Random, not sequential: one code tells nothing about the next.
 */
export function newTrackingCode(rand: (min: number, max: number) => number = randomInt): string {
  const body = String(rand(1, 10)) + String(rand(0, 100_000_000)).padStart(8, '0');
  return body + String(luhnCheckDigit(body));
}

export function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A typed tracking code in any digits, or null when it cannot be one. */
export function parseTrackingCode(input: string): string | null {
  const code = stripSeparators(normalizeDigits(input));
  if (!/^[1-9]\d{9}$/.test(code)) return null;
  return luhnCheckDigit(code.slice(0, 9)) === Number(code[9]) ? code : null;
}
