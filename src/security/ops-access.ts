import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { AppError } from '../errors/catalogue.js';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Whether an Authorization header carries exactly `Bearer <token>`; constant time (hashing hides the length). */
export function opsTokenMatches(token: string, header: unknown): boolean {
  if (typeof header !== 'string') return false;
  return timingSafeEqual(digest(header), digest(`Bearer ${token}`));
}

/**
 * A preHandler for operator endpoints (/metrics, /api/docs). With HOVIYAT_OPS_TOKEN set, the
 * token is required (401 otherwise; the endpoint's existence is no secret once configured, and
 * a 401 tells the operator what is wrong). Without it they are open outside production and do
 * not exist in production: nothing is published by accident.
 */
export function opsOnly(config: Pick<Config, 'env' | 'opsToken'>) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (config.opsToken === undefined) {
      if (config.env !== 'production') return;
      reply.callNotFound();
      return reply;
    }
    if (opsTokenMatches(config.opsToken, req.headers.authorization)) return;
    reply.header('www-authenticate', 'Bearer');
    throw new AppError('ops.unauthorized');
  };
}
