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
import { callGateway } from '../gateway-call.js';
import type { MobileOwnership, OwnershipResult } from './port.js';

export type { HttpGatewayOptions };

export const shahkarCheckResponseSchema = z.object({ result: z.enum(['match', 'no_match']) });

export function createHttpMobileOwnership(opts: HttpGatewayOptions): MobileOwnership {
  return {
    async check(nationalCode: string, mobile: string): Promise<OwnershipResult> {
      const a = await callGateway(opts, '/shahkar/check', { nationalCode, mobile }, shahkarCheckResponseSchema);
      return a.ok ? { status: a.value.result } : a.unavailable;
    },
  };
}
