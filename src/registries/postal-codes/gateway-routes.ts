/** The simulated gateway's side of `POST /postal-codes/lookup` (see http-gateway.ts). */
import { reply, route, unavailableReply, type GatewayRoute } from '../simulation/gateway-routes.js';
import { LOOKUP_PATH, lookupRequestSchema } from './http-gateway.js';
import type { PostalCodeRegistry } from './port.js';

export function postalCodeRoutes(sim: PostalCodeRegistry): Record<string, GatewayRoute> {
  return {
    [LOOKUP_PATH]: route(lookupRequestSchema, async ({ postalCode }) => {
      const r = await sim.lookup(postalCode);
      if (r.status === 'unavailable') return unavailableReply(r.reason);
      if (r.status === 'not_found') return reply({ result: 'not_found' });
      // the wire carries names only: the codes are the reader's business
      const { postalCode: _code, provinceCode: _p, cityCode: _c, ...parts } = r.address;
      return reply({ result: 'found', address: parts });
    }),
  };
}
