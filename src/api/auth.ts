import type { FastifyRequest } from 'fastify';
import type { Services } from '../services.js';
import { findAccount } from '../identity/accounts.js';

/** The signed-in person behind an API request's bearer session token, if any. */
export async function bearerAccount(s: Services, req: FastifyRequest) {
  const h = req.headers.authorization;
  const token = typeof h === 'string' && h.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
  const session = await s.sessions.lookup(token);
  if (!session) return null;
  const account = await findAccount(s.db, session.accountId);
  return account && account.status === 'active' ? { session, account } : null;
}
