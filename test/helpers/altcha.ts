import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** An automatic (ALTCHA) challenge as the API returns it and the pages carry it. */
export interface AltchaChallenge {
  algorithm: string;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

/** The `altcha` field a client sends: base64 of the solution JSON. */
export function altchaPayload(c: AltchaChallenge, number: number, overrides: Record<string, unknown> = {}): string {
  const { algorithm, challenge, salt, signature } = c;
  return Buffer.from(JSON.stringify({ algorithm, challenge, number, salt, signature, ...overrides })).toString(
    'base64',
  );
}

/** Solves a challenge the way the page's script does (SHA-256 of salt + n), synchronously. */
export function solveAltcha(c: AltchaChallenge): string {
  for (let n = 0; n <= c.maxnumber; n++) {
    if (
      createHash('sha256')
        .update(c.salt + n)
        .digest('hex') === c.challenge
    )
      return altchaPayload(c, n);
  }
  throw new Error('no solution below maxnumber');
}

/** A fresh challenge from POST /api/v1/captcha/altcha. */
export async function issueAltcha(app: FastifyInstance, ip = '203.0.113.50'): Promise<AltchaChallenge> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/captcha/altcha', remoteAddress: ip });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as AltchaChallenge;
}

/** The challenge a page carries for its script (the data-altcha attribute), or undefined. */
export function altchaOnPage(html: string): AltchaChallenge | undefined {
  const m = /data-altcha="([^"]+)"/.exec(html);
  if (!m) return undefined;
  const json = m[1]!.replace(/&#(\d+);/g, (_x, n: string) => String.fromCharCode(Number(n)));
  return JSON.parse(json) as AltchaChallenge;
}
