import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../services.js';
import { SESSION_COOKIE, type SessionInfo } from '../identity/sessions.js';
import { findAccount } from '../identity/accounts.js';
import { cookieOptions, csrfToken, seeOther, sessionToken } from './http.js';

export type Account = NonNullable<Awaited<ReturnType<typeof findAccount>>>;

export interface SignedIn {
  sessionId: string;
  account: Account;
  csrf: string;
  principal: SessionInfo['principal'];
}

export function setSessionCookie(s: Services, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(s, Math.floor(s.config.limits.sessionAbsoluteMs / 1000)));
}

export function clearSessionCookie(s: Services, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(s));
}

/** The signed-in person, if any (no redirects). */
export async function currentSession(s: Services, req: FastifyRequest, reply: FastifyReply): Promise<SignedIn | null> {
  const session = await s.sessions.lookup(sessionToken(req));
  if (!session) return null;
  const account = await findAccount(s.db, session.accountId);
  if (!account || account.status !== 'active') return null;
  return { sessionId: session.id, account, csrf: csrfToken(s, req, reply), principal: session.principal };
}

/**
 * Guards an account page: no session → login (coming back here after); an expired password →
 * the forced change page before anything else (the SAMT first-login rule).
 */
export async function requireAccount(
  s: Services,
  req: FastifyRequest,
  reply: FastifyReply,
  opts: { allowExpiredPassword?: boolean } = {},
): Promise<SignedIn | null> {
  const signed = await currentSession(s, req, reply);
  if (!signed) {
    if (sessionToken(req)) clearSessionCookie(s, reply);
    await seeOther(reply, `/login?next=${encodeURIComponent(req.url)}`);
    return null;
  }
  if (signed.account.password_expired && !opts.allowExpiredPassword) {
    await seeOther(reply, '/account/password-expired');
    return null;
  }
  return signed;
}

/** Only same-site paths are followed after login. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[\w\-/?=&.%]*$/.test(next) ? next : '/account';
}
