import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../services.js';
import { CSRF_COOKIE, checkCsrf, csrfTokenFor, newCsrfCookieValue } from '../security/csrf.js';
import { SESSION_COOKIE } from '../identity/sessions.js';
import type { Html } from './jsx.js';

export type FormBody = Record<string, string | undefined>;

/** Form bodies arrive as strings; anything else (arrays, objects) is dropped rather than trusted. */
export function formBody(req: FastifyRequest): FormBody {
  const body = req.body;
  const out: FormBody = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (typeof v === 'string') out[k] = v;
      else if (Array.isArray(v) && typeof v[0] === 'string') out[k] = v[0];
    }
  }
  return out;
}

export function cookieOptions(s: Services, maxAgeSec?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: s.config.cookieSecure,
    ...(maxAgeSec === undefined ? {} : { maxAge: maxAgeSec }),
  };
}

/** The form token for this browser, setting its cookie on first visit. */
export function csrfToken(s: Services, req: FastifyRequest, reply: FastifyReply): string {
  let value = req.cookies[CSRF_COOKIE];
  if (!value || value.length > 64) {
    value = newCsrfCookieValue();
    req.cookies[CSRF_COOKIE] = value;
    reply.setCookie(CSRF_COOKIE, value, cookieOptions(s));
  }
  return csrfTokenFor(s.config.secret, value);
}

/** A fresh form token at sign-in: a token planted or read before the login is worth nothing after it. */
export function rotateCsrf(s: Services, req: FastifyRequest, reply: FastifyReply): void {
  const value = newCsrfCookieValue();
  req.cookies[CSRF_COOKIE] = value;
  reply.setCookie(CSRF_COOKIE, value, cookieOptions(s));
}

export function csrfValid(s: Services, req: FastifyRequest, body: FormBody): boolean {
  return checkCsrf(s.config.secret, req.cookies[CSRF_COOKIE], body._csrf);
}

export function sendHtml(reply: FastifyReply, page: Html, status = 200) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(page.value);
}

export function clientIp(req: FastifyRequest): string {
  return req.ip || 'unknown';
}

export function userAgent(req: FastifyRequest): string | undefined {
  const ua = req.headers['user-agent'];
  return typeof ua === 'string' ? ua.slice(0, 300) : undefined;
}

export function sessionToken(req: FastifyRequest): string | undefined {
  return req.cookies[SESSION_COOKIE];
}

/** 303 so the browser follows with GET (post/redirect/get). */
export function seeOther(reply: FastifyReply, url: string) {
  return reply.code(303).header('cache-control', 'no-store').redirect(url, 303);
}

/**
 * What a re-rendered form shows again: everything typed except control fields (_csrf, _action)
 * and secrets (passwords and captcha answers or proofs always; callers may add more, e.g. answers).
 */
export function keptInput(body: FormBody, secrets: RegExp = /password|captcha|altcha/i): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (v === undefined || k.startsWith('_') || secrets.test(k)) continue;
    out[k] = v;
  }
  return out;
}
