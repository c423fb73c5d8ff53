import { createChallenge, verifySolution } from 'altcha-lib/v1';
import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import { addMs } from '../clock.js';
import { hmac } from './hmac.js';

/**
 * The automatic check (ALTCHA proof-of-work, the classic SHA-256 protocol of `altcha-lib/v1`):
 * the browser finds the number behind a signed hash (public/app.js, Web Crypto), which costs a
 * cheap phone about a second and asks nothing of the person, blind or not. Nothing is stored
 * when a challenge is issued (its HMAC signature and expiry travel with it); a solved one is
 * recorded when used, so it works once across every node.
 */

/** What the client solves; also the JSON body of POST /api/v1/captcha/altcha. */
export interface AltchaChallenge {
  algorithm: 'SHA-256';
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

/** A challenge to hand out, and how long it stays good (so a page can renew it in time). */
export interface AltchaOffer {
  challenge: AltchaChallenge;
  expiresInMs: number;
}

/** ok, or why the proof was refused (each maps to a stable error code in flows/outcome.ts). */
export type AltchaVerdict = 'ok' | 'invalid' | 'expired' | 'replayed';

export interface AltchaOptions {
  ttlMs: number;
  /** The largest secret number: the client tries half of it on average. */
  maxNumber: number;
}

/** Longest payload looked at: a real one is ~350 characters of base64. */
const MAX_PAYLOAD = 2000;

interface Payload {
  algorithm: string;
  challenge: string;
  number: number;
  salt: string;
  signature: string;
}

/** The widget's payload: base64 of {algorithm, challenge, number, salt, signature}; anything else is null. */
export function decodeAltchaPayload(raw: unknown): Payload | null {
  if (typeof raw !== 'string' || raw.length > MAX_PAYLOAD) return null;
  let p: unknown;
  try {
    p = JSON.parse(Buffer.from(raw.trim(), 'base64').toString('utf8'));
  } catch {
    return null;
  }
  if (!p || typeof p !== 'object') return null;
  const o = p as Record<string, unknown>;
  const hex64 = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
  if (o.algorithm !== 'SHA-256' || !hex64(o.challenge) || !hex64(o.signature)) return null;
  if (typeof o.salt !== 'string' || o.salt.length > 200) return null;
  if (typeof o.number !== 'number' || !Number.isSafeInteger(o.number) || o.number < 0) return null;
  return {
    algorithm: o.algorithm,
    challenge: o.challenge as string,
    number: o.number,
    salt: o.salt,
    signature: o.signature as string,
  };
}

/** The expiry signed into the salt (`…?expires=<unix seconds>&`), or null when there is none. */
export function altchaExpiry(salt: string): Date | null {
  const q = salt.indexOf('?');
  const expires = q === -1 ? null : new URLSearchParams(salt.slice(q + 1)).get('expires');
  if (!expires || !/^\d{1,12}$/.test(expires)) return null;
  return new Date(Number(expires) * 1000);
}

export class AltchaProofs {
  private readonly hmacKey: string;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    secret: string,
    private readonly opts: AltchaOptions,
  ) {
    // its own key: an ALTCHA signature can never stand in for any other HMAC the app makes
    this.hmacKey = hmac(secret, 'altcha', 'hmac-key');
  }

  async create(): Promise<AltchaOffer> {
    const { ttlMs, maxNumber } = this.opts;
    const c = await createChallenge({
      algorithm: 'SHA-256',
      hmacKey: this.hmacKey,
      maxnumber: maxNumber,
      expires: addMs(this.clock.now(), ttlMs),
    });
    const challenge = {
      algorithm: 'SHA-256',
      challenge: c.challenge,
      maxnumber: maxNumber,
      salt: c.salt,
      signature: c.signature,
    } as const;
    return { challenge, expiresInMs: ttlMs };
  }

  /** Checks a solved challenge and, when it is good, uses it up (on every node at once). */
  async verify(raw: unknown): Promise<AltchaVerdict> {
    const payload = decodeAltchaPayload(raw);
    if (!payload) return 'invalid';
    // expiry is checked here on the app's clock (the library would read the wall clock)
    const good = await verifySolution({ ...payload, algorithm: 'SHA-256' }, this.hmacKey, false).catch(() => false);
    if (!good) return 'invalid';
    const expires = altchaExpiry(payload.salt);
    if (!expires) return 'invalid';
    if (expires <= this.clock.now()) return 'expired';
    // the primary key is the single use: of two nodes inserting the same signature, one wins
    const row = await this.db
      .insertInto('altcha_used')
      .values({ signature: payload.signature, expires_at: expires })
      .onConflict((oc) => oc.column('signature').doNothing())
      .returning('signature')
      .executeTakeFirst();
    return row ? 'ok' : 'replayed';
  }
}
