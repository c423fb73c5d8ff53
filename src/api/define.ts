import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../errors/catalogue.js';
import { statusOf, type ErrorCode } from '../errors/catalogue.js';
import { formatMessage } from '../phrases/fa.js';

/**
 * One JSON route: its zod body schema validates requests AND becomes its OpenAPI description,
 * so the documentation can't drift from what the server accepts.
 */
export interface ApiRoute<B extends z.ZodType | undefined> {
  method: 'GET' | 'POST';
  path: string;
  summary: string;
  /** Longer OpenAPI description (how to use the endpoint), when the summary is not enough. */
  description?: string;
  tag: string;
  body?: B;
  auth?: 'bearer';
  responses: Record<number, string>;
  /** The JSON shape of the 2xx answer, for the OpenAPI document. */
  responseSchema?: z.ZodType;
  handler: (
    req: FastifyRequest,
    reply: FastifyReply,
    body: B extends z.ZodType ? z.infer<B> : undefined,
  ) => Promise<unknown>;
}

/**
 * The two proofs an endpoint with a captcha accepts: the image's id and answer, or a solved
 * automatic (ALTCHA) challenge. Either will do; each is good once.
 */
export const captchaProofFields = {
  captcha_id: z.string().max(40).optional().describe('Image captcha: the id from POST /api/v1/captcha'),
  captcha: z
    .string()
    .max(20)
    .optional()
    .describe('Image captcha: the digits in the image (ASCII, Persian or Arabic-Indic; spaces ignored)'),
  altcha: z
    .string()
    .max(2000)
    .optional()
    .describe(
      'Instead of captcha_id + captcha: a solved challenge from POST /api/v1/captcha/altcha, as base64 of the JSON {algorithm, challenge, number, salt, signature}',
    ),
};

export function apiErrors(errors: FieldError[]) {
  return errors.map((e) => ({ field: e.field, code: e.code, message: formatMessage(e.code, e.params) }));
}

export function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  params?: Record<string, string | number>,
  status?: number,
) {
  return reply.code(status ?? statusOf(code)).send({ code, message: formatMessage(code, params) });
}

/** The status of a failed step's answer: field errors → 400, else the first error's status. */
export function fieldErrorsStatus(errors: FieldError[]): number {
  return errors.every((e) => statusOf(e.code) === 400) ? 400 : statusOf(errors[0]?.code ?? 'request.invalid');
}

/** A failed step: the first error's status (field errors → 400), every error listed. */
export function sendFieldErrors(reply: FastifyReply, errors: FieldError[], extra: Record<string, unknown> = {}) {
  const first = errors[0]?.code ?? 'request.invalid';
  return reply
    .code(fieldErrorsStatus(errors))
    .send({ code: first, message: formatMessage(first, errors[0]?.params), errors: apiErrors(errors), ...extra });
}

export class ApiRegistry {
  readonly routes: ApiRoute<z.ZodType | undefined>[] = [];

  constructor(private readonly app: FastifyInstance) {}

  add<B extends z.ZodType | undefined>(route: ApiRoute<B>) {
    this.routes.push(route as unknown as ApiRoute<z.ZodType | undefined>);
    const fastifyPath = route.path.replace(/\{(\w+)\}/g, ':$1');
    this.app.route({
      method: route.method,
      url: fastifyPath,
      handler: async (req, reply) => {
        reply.header('cache-control', 'no-store');
        let body: unknown = undefined;
        if (route.body) {
          const parsed = route.body.safeParse(req.body ?? {});
          if (!parsed.success) {
            return reply.code(400).send({
              code: 'request.invalid',
              message: formatMessage('request.invalid'),
              issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
            });
          }
          body = parsed.data;
        }
        return route.handler(req, reply, body as never);
      },
    });
  }

  openapi(info: { title: string; version: string }) {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const r of this.routes) {
      const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      }));
      const op: Record<string, unknown> = {
        summary: r.summary,
        ...(r.description ? { description: r.description } : {}),
        tags: [r.tag],
        parameters: params,
        responses: Object.fromEntries(
          Object.entries(r.responses).map(([code, description]) => [
            code,
            {
              description,
              content: {
                'application/json': {
                  schema: code.startsWith('2')
                    ? r.responseSchema
                      ? z.toJSONSchema(r.responseSchema, { io: 'output' })
                      : { type: 'object' }
                    : { $ref: '#/components/schemas/Error' },
                },
              },
            },
          ]),
        ),
      };
      if (r.body) {
        op.requestBody = {
          required: true,
          content: { 'application/json': { schema: z.toJSONSchema(r.body, { io: 'input' }) } },
        };
      }
      if (r.auth) op.security = [{ bearer: [] }];
      (paths[r.path] ??= {})[r.method.toLowerCase()] = op;
    }
    return {
      openapi: '3.1.0',
      info,
      paths,
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
        schemas: {
          Error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string', description: 'Stable error code (area.snake_case)' },
              message: { type: 'string', description: 'Persian message for people' },
              errors: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    field: { type: ['string', 'null'] },
                    code: { type: 'string' },
                    message: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      },
    };
  }
}
