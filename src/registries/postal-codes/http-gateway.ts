/**
 * Postal-code adapter for the JSON inquiry gateway (contract in docs/simulators.md):
 *
 *   POST {baseUrl}/postal-codes/lookup      Authorization: Bearer {token}
 *   {"postalCode":"1193653471"}
 *
 *   200 {"result":"found","address":{"province","city","locality"?,"street","street2"?,"plaque",
 *        "floor"?,"unit"?,"buildingName"?}} | {"result":"not_found"}
 *   503 → unavailable/outage, 504 → unavailable/timeout, anything else → unavailable/error.
 */
import { z } from 'zod';
import type { HttpGatewayOptions } from '../civil-registry/http-gateway.js';
import { callGateway } from '../gateway-call.js';
import { postalAddress } from './address.js';
import type { PostalCodeRegistry, PostalLookupResult } from './port.js';

export const LOOKUP_PATH = '/postal-codes/lookup';

const part = z.string().min(1);
const optionalPart = z.string().nullish();
export const lookupRequestSchema = z.object({ postalCode: z.string() });
export const addressWireSchema = z.object({
  province: part,
  city: part,
  locality: optionalPart,
  street: part,
  street2: optionalPart,
  plaque: part,
  floor: optionalPart,
  unit: optionalPart,
  buildingName: optionalPart,
});
export const lookupResponseSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('found'), address: addressWireSchema }),
  z.object({ result: z.literal('not_found') }),
]);

export function createHttpPostalCodeRegistry(opts: HttpGatewayOptions): PostalCodeRegistry {
  return {
    async lookup(postalCode: string): Promise<PostalLookupResult> {
      const a = await callGateway(opts, LOOKUP_PATH, { postalCode }, lookupResponseSchema);
      if (!a.ok) return a.unavailable;
      const r = a.value;
      if (r.result === 'not_found') return { status: 'not_found' };
      return { status: 'found', address: postalAddress(postalCode, r.address) };
    },
  };
}
