/**
 * Shahkar adapter for the generic JSON inquiry gateway (contract in docs/simulators.md):
 *
 *   POST {baseUrl}/shahkar/check      Authorization: Bearer {token}
 *   {"nationalCode":"…","mobile":"09…"}
 *
 *   200 {"result":"match"} | {"result":"no_match"}
 *   503 → unavailable/outage, 504 → unavailable/timeout, anything else → unavailable/error.
 * Connection failures → unavailable/outage; a malformed base URL → unavailable/error; our own deadline (timeoutMs) → unavailable/timeout.
 */
import { z } from 'zod';
import type { HttpGatewayOptions } from '../civil-registry/http-gateway.js';
import { joinUrl, post } from '../http.js';
import type { MobileOwnership, OwnershipResult } from './port.js';

export type { HttpGatewayOptions };

export const shahkarCheckResponseSchema = z.object({ result: z.enum(['match', 'no_match']) });

export function createHttpMobileOwnership(opts: HttpGatewayOptions): MobileOwnership {
  const url = joinUrl(opts.baseUrl, '/shahkar/check');
  const timeoutMs = opts.timeoutMs ?? 5000;
  return {
    async check(nationalCode: string, mobile: string): Promise<OwnershipResult> {
      const out = await post({
        url,
        headers: { authorization: `Bearer ${opts.token}` },
        body: { nationalCode, mobile },
        timeoutMs,
      });
      if (out.kind === 'timeout') return { status: 'unavailable', reason: 'timeout' };
      if (out.kind === 'network') return { status: 'unavailable', reason: 'outage' };
      if (out.kind === 'invalid') return { status: 'unavailable', reason: 'error' };
      if (out.status === 503) return { status: 'unavailable', reason: 'outage' };
      if (out.status === 504) return { status: 'unavailable', reason: 'timeout' };
      if (out.status !== 200) return { status: 'unavailable', reason: 'error' };
      const parsed = shahkarCheckResponseSchema.safeParse(out.body);
      if (!parsed.success) return { status: 'unavailable', reason: 'error' };
      return { status: parsed.data.result };
    },
  };
}
