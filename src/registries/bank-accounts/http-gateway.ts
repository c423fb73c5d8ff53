/**
 * Bank-account ownership adapter for the JSON inquiry gateway (contract in docs/simulators.md):
 *
 *   POST {baseUrl}/bank-accounts/ownership      Authorization: Bearer {token}
 *   {"sheba":"IR…","ownerCode":"0084575948"}
 *
 *   200 {"result":"owned","bankName":"…","holderName":"…"} | {"result":"not_owned"} | {"result":"closed"}
 *   503 → unavailable/outage, 504 → unavailable/timeout, anything else → unavailable/error.
 */
import { z } from 'zod';
import { shebaBankCode } from '../../domain/sheba.js';
import type { HttpGatewayOptions } from '../civil-registry/http-gateway.js';
import { callGateway } from '../gateway-call.js';
import type { BankAccountOwnership, BankAccountResult } from './port.js';

export const OWNERSHIP_PATH = '/bank-accounts/ownership';

export const ownershipRequestSchema = z.object({ sheba: z.string(), ownerCode: z.string() });
export const ownershipResponseSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('owned'), bankName: z.string().min(1), holderName: z.string().min(1) }),
  z.object({ result: z.literal('not_owned') }),
  z.object({ result: z.literal('closed') }),
]);

export function createHttpBankAccountOwnership(opts: HttpGatewayOptions): BankAccountOwnership {
  return {
    async checkOwnership(sheba: string, ownerCode: string): Promise<BankAccountResult> {
      const a = await callGateway(opts, OWNERSHIP_PATH, { sheba, ownerCode }, ownershipResponseSchema);
      if (!a.ok) return a.unavailable;
      const r = a.value;
      if (r.result !== 'owned') return { status: r.result };
      return { status: 'owned', bankCode: shebaBankCode(sheba), bankName: r.bankName, holderName: r.holderName };
    },
  };
}
