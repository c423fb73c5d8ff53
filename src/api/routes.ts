import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../services.js';
import { ApiRegistry, captchaProofFields, sendError, sendFieldErrors } from './define.js';
import { bearerAccount } from './auth.js';
import { attemptLogin } from '../flows/login/login.js';
import { SECURITY_QUESTIONS } from '../domain/security-questions.js';
import { renderApiDocs } from './docs.js';
import { formatMessage } from '../phrases/fa.js';
import { minutesCeil } from '../flows/outcome.js';
import { opsOnly } from '../security/ops-access.js';

const text = (max = 200) => z.string().max(max);

export { bearerAccount } from './auth.js';

export function registerApi(app: FastifyInstance, s: Services): ApiRegistry {
  const api = new ApiRegistry(app);
  const ip = (req: FastifyRequest) => req.ip || 'unknown';

  const tooMany = (reply: FastifyReply, retryAfterMs: number) => {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    return reply
      .code(429)
      .header('retry-after', String(seconds))
      .send({
        code: 'captcha.rate_limited',
        message: formatMessage('captcha.rate_limited', { minutes: minutesCeil(retryAfterMs) }),
        retryAfterSeconds: seconds,
      });
  };

  api.add({
    method: 'POST',
    path: '/api/v1/captcha',
    summary: 'Issue a captcha challenge (image at imageUrl; answer once)',
    tag: 'captcha',
    responses: { 201: 'Challenge created', 429: 'Too many captchas from this network (retryAfterSeconds)' },
    handler: async (req, reply) => {
      const c = await s.captcha.issue(ip(req));
      if (!c.ok) return tooMany(reply, c.retryAfterMs);
      return reply.code(201).send({ id: c.id, imageUrl: `/captcha/${c.id}.svg` });
    },
  });

  api.add({
    method: 'POST',
    path: '/api/v1/captcha/altcha',
    summary: 'Issue an automatic (ALTCHA proof-of-work) challenge: the alternative to the image',
    description:
      'Returns {algorithm: "SHA-256", challenge, maxnumber, salt, signature, expiresInSeconds}. Find the integer n (0 ≤ n ≤ maxnumber) with hex(SHA-256(salt + n)) = challenge, then send base64(JSON {algorithm, challenge, number: n, salt, signature}) as `altcha` wherever a captcha is asked. Good once, until it expires; shares the per-network budget with the image captcha.',
    tag: 'captcha',
    responses: { 201: 'Challenge created', 429: 'Too many captchas from this network (retryAfterSeconds)' },
    handler: async (req, reply) => {
      const c = await s.captcha.issueAltcha(ip(req));
      if (!c.ok) return tooMany(reply, c.retryAfterMs);
      return reply.code(201).send({ ...c.challenge, expiresInSeconds: Math.floor(c.expiresInMs / 1000) });
    },
  });

  api.add({
    method: 'GET',
    path: '/api/v1/security-questions',
    summary: 'The security questions a person may choose from',
    tag: 'registration',
    responses: { 200: 'List of questions' },
    handler: async (_req, reply) => reply.send({ questions: SECURITY_QUESTIONS }),
  });

  api.add({
    method: 'POST',
    path: '/api/v1/login',
    summary: 'Log in with national code (or FIDA) and password; returns a bearer session token',
    tag: 'session',
    body: z.object({
      username: text(20),
      password: text(128),
      ...captchaProofFields,
    }),
    description:
      'A proof (image captcha or ALTCHA) is needed once an account has had a few failed logins; a proof sent when none is needed yet is still used up, and counts for the one login. Without one when needed: 400 captcha.now_required with captchaRequired: true (the username is not forgotten: send it again with a proof).',
    responses: {
      200: 'Signed in',
      400: 'Field errors (captchaRequired says whether to send a captcha)',
      401: 'Wrong national code or password',
      403: 'Account not active',
      429: 'Locked or rate limited',
    },
    handler: async (req, reply, body) => {
      const r = await attemptLogin(s, body, { ip: ip(req), userAgent: req.headers['user-agent'] });
      if (!r.ok) return sendFieldErrors(reply, r.errors, { captchaRequired: r.captchaRequired });
      return reply.send({
        token: r.token,
        passwordExpired: r.passwordExpired,
        expiresInSeconds: Math.floor(s.config.limits.sessionIdleMs / 1000),
      });
    },
  });

  api.add({
    method: 'GET',
    path: '/api/v1/me',
    summary: "The signed-in person's profile",
    tag: 'session',
    auth: 'bearer',
    responses: { 200: 'Profile', 401: 'No valid session' },
    handler: async (req, reply) => {
      const me = await bearerAccount(s, req);
      if (!me) return sendError(reply, 'session.required');
      const a = me.account;
      return reply.send({
        id: a.id,
        nationalCode: a.national_code,
        personKind: a.person_kind,
        firstName: a.first_name,
        lastName: a.last_name,
        fatherName: a.father_name,
        birthDate: a.birth_date,
        gender: a.gender,
        mobile: a.mobile,
        email: a.email,
        passwordExpired: a.password_expired,
      });
    },
  });

  api.add({
    method: 'POST',
    path: '/api/v1/logout',
    summary: 'End the bearer session',
    tag: 'session',
    auth: 'bearer',
    responses: { 204: 'Signed out', 401: 'No valid session' },
    handler: async (req, reply) => {
      const me = await bearerAccount(s, req);
      if (!me) return sendError(reply, 'session.required');
      await s.sessions.revoke(me.session.id);
      return reply.code(204).send();
    },
  });

  const doc = () => api.openapi({ title: 'Hoviyat API', version: '1' });
  // the OpenAPI document describes the public API the pages use: apps need it, it holds no secret
  app.get('/api/openapi.json', async (_req, reply) => reply.send(doc()));
  app.get('/api/docs', { preHandler: opsOnly(s.config) }, async (_req, reply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .send(renderApiDocs(doc() as Parameters<typeof renderApiDocs>[0], s.config.devTools).value),
  );
  return api;
}
