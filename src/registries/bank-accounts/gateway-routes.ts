/** The simulated gateway's side of `POST /bank-accounts/ownership` (see http-gateway.ts). */
import { reply, route, unavailableReply, type GatewayRoute } from '../simulation/gateway-routes.js';
import { OWNERSHIP_PATH, ownershipRequestSchema } from './http-gateway.js';
import type { BankAccountOwnership } from './port.js';

export function bankAccountRoutes(sim: BankAccountOwnership): Record<string, GatewayRoute> {
  return {
    [OWNERSHIP_PATH]: route(ownershipRequestSchema, async ({ sheba, ownerCode }) => {
      const r = await sim.checkOwnership(sheba, ownerCode);
      if (r.status === 'unavailable') return unavailableReply(r.reason);
      if (r.status === 'owned') return reply({ result: 'owned', bankName: r.bankName, holderName: r.holderName });
      return reply({ result: r.status });
    }),
  };
}
