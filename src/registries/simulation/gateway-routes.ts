/**
 * The server side of the inquiry-gateway contract, one small table per port: each route reads
 * the JSON body with its schema, asks the simulator and answers as a real gateway would
 * (unavailable → 503 outage, 504 timeout, 500 error). Served by gateway-server.ts.
 */
import type { z } from 'zod';
import type { UnavailableReason } from '../result.js';

export interface GatewayReply {
  status: number;
  body: unknown;
}

export type GatewayRoute = (json: unknown) => Promise<GatewayReply>;

export const reply = (body: unknown): GatewayReply => ({ status: 200, body });

export function unavailableReply(reason: UnavailableReason): GatewayReply {
  return { status: reason === 'outage' ? 503 : reason === 'timeout' ? 504 : 500, body: { error: reason } };
}

/** A route whose body must fit `schema` (otherwise 400, as a gateway refuses a malformed request). */
export function route<T>(schema: z.ZodType<T>, handle: (req: T) => Promise<GatewayReply>): GatewayRoute {
  return async (json) => {
    const parsed = schema.safeParse(json);
    return parsed.success ? handle(parsed.data) : { status: 400, body: { error: 'bad_request' } };
  };
}
