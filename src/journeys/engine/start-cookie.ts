import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { isErrorCode, type FieldError } from '../../errors/catalogue.js';
import { cookieOptions } from '../../web/http.js';
import type { FormState } from './flows.js';
import type { Journey } from './types.js';

/**
 * A failed first step of a journey declared `rowlessStart`: its errors and what was typed wait
 * for the GET in a short-lived cookie, not in a flow row, so a bot posting the first page (failing
 * its captcha) leaves nothing in the database. The cookie is sealed (AES-256-GCM under a key
 * derived from the app secret, bound to the journey): what was typed is not readable in it, and a
 * forged or stale one is ignored. Shown once: the GET that shows it clears it.
 */
const COOKIE = 'hv_start';
const LIFETIME_MS = 10 * 60_000;
/** Browsers keep about 4 KB per cookie: a larger failure keeps its errors but not what was typed. */
const MAX_LENGTH = 3500;

type Failure = NonNullable<FormState['errors']>;

const sealed = z.object({
  at: z.number(),
  f: z.object({
    step: z.string(),
    list: z.array(
      z.object({
        field: z.string().nullable(),
        code: z.string(),
        params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      }),
    ),
    values: z.record(z.string(), z.string()),
    facts: z.record(z.string(), z.unknown()).optional(),
  }),
});

const keyOf = (secret: string) => createHmac('sha256', secret).update('journey-start-failure').digest();

export function sealStartFailure(secret: string, kind: string, now: Date, failure: Failure): string {
  const seal = (f: Failure) => {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', keyOf(secret), iv);
    c.setAAD(Buffer.from(kind));
    const body = Buffer.concat([c.update(JSON.stringify({ at: now.getTime(), f }), 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url');
  };
  const whole = seal(failure);
  return whole.length <= MAX_LENGTH ? whole : seal({ step: failure.step, list: failure.list, values: {} });
}

export function openStartFailure(secret: string, kind: string, now: Date, value: string | undefined): Failure | null {
  if (!value || value.length > MAX_LENGTH) return null;
  try {
    const buf = Buffer.from(value, 'base64url');
    const d = createDecipheriv('aes-256-gcm', keyOf(secret), buf.subarray(0, 12));
    d.setAAD(Buffer.from(kind));
    d.setAuthTag(buf.subarray(12, 28));
    const text = Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
    const parsed = sealed.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    const age = now.getTime() - parsed.data.at;
    if (age < 0 || age > LIFETIME_MS) return null;
    const list = parsed.data.f.list.filter((e): e is FieldError => isErrorCode(e.code));
    return { ...parsed.data.f, list };
  } catch {
    return null; // not ours, tampered with, or sealed under another secret
  }
}

export function keepStartFailure<D>(s: Services, journey: Journey<D>, reply: FastifyReply, failure: Failure): void {
  const value = sealStartFailure(s.config.secret, journey.kind, s.clock.now(), failure);
  reply.setCookie(COOKIE, value, { ...cookieOptions(s, LIFETIME_MS / 1000), path: journey.basePath });
}

/** The failure waiting for this GET of the first page, if any; it is shown once. */
export function takeStartFailure<D>(
  s: Services,
  journey: Journey<D>,
  req: FastifyRequest,
  reply: FastifyReply,
): Failure | null {
  const value = req.cookies[COOKIE];
  if (value === undefined) return null;
  reply.clearCookie(COOKIE, { ...cookieOptions(s), path: journey.basePath });
  return openStartFailure(s.config.secret, journey.kind, s.clock.now(), value);
}
