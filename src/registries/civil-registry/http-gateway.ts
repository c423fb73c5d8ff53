/**
 * Civil-registry adapter for a generic JSON inquiry gateway (the contract is in
 * docs/simulators.md, "HTTP gateway contract"):
 *
 *   POST {baseUrl}/civil-registry/verify      Authorization: Bearer {token}
 *   {"nationalCode","personKind","firstName","lastName","fatherName","birthDate","gender","shenasnamehNumber"}
 *
 *   200 {"result":"match","activation":"automatic"|"branch_visit"}
 *   200 {"result":"mismatch","fields":[…]}
 *   503 → unavailable/outage, 504 → unavailable/timeout, anything else → unavailable/error.
 * Connection failures → unavailable/outage; a malformed base URL → unavailable/error; our own deadline (timeoutMs) → unavailable/timeout.
 */
import { z } from 'zod';
import { joinUrl, post } from '../http.js';
import type { CivilRegistry, CivilRegistryResult, IdentityClaim } from './port.js';
import { MISMATCH_FIELDS } from './port.js';

export interface HttpGatewayOptions {
  /** Gateway base URL, e.g. `https://gateway.example.ir/api`. */
  baseUrl: string;
  /** Bearer token. */
  token: string;
  /** Deadline for the whole call (connect + answer), ms. Default 5000. */
  timeoutMs?: number;
}

const mismatchField = z.enum(MISMATCH_FIELDS);
export const civilVerifyResponseSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('match'), activation: z.enum(['automatic', 'branch_visit']) }),
  z.object({ result: z.literal('mismatch'), fields: z.array(mismatchField).min(1) }),
]);

export function createHttpCivilRegistry(opts: HttpGatewayOptions): CivilRegistry {
  const url = joinUrl(opts.baseUrl, '/civil-registry/verify');
  const timeoutMs = opts.timeoutMs ?? 5000;
  return {
    async verifyIdentity(claim: IdentityClaim): Promise<CivilRegistryResult> {
      const out = await post({
        url,
        headers: { authorization: `Bearer ${opts.token}` },
        body: {
          nationalCode: claim.nationalCode,
          personKind: claim.personKind,
          firstName: claim.firstName,
          lastName: claim.lastName,
          fatherName: claim.fatherName,
          birthDate: claim.birthDateIso,
          gender: claim.gender,
          shenasnamehNumber: claim.shenasnamehNumber,
        },
        timeoutMs,
      });
      if (out.kind === 'timeout') return { status: 'unavailable', reason: 'timeout' };
      if (out.kind === 'network') return { status: 'unavailable', reason: 'outage' };
      if (out.kind === 'invalid') return { status: 'unavailable', reason: 'error' };
      if (out.status === 503) return { status: 'unavailable', reason: 'outage' };
      if (out.status === 504) return { status: 'unavailable', reason: 'timeout' };
      if (out.status !== 200) return { status: 'unavailable', reason: 'error' };
      const parsed = civilVerifyResponseSchema.safeParse(out.body);
      if (!parsed.success) return { status: 'unavailable', reason: 'error' };
      const r = parsed.data;
      if (r.result === 'match') return { status: 'match', activation: r.activation };
      return { status: 'mismatch', fields: r.fields };
    },
  };
}
