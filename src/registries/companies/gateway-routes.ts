/** The simulated gateway's side of `POST /companies/lookup` and `/companies/representative`. */
import { reply, route, unavailableReply, type GatewayRoute } from '../simulation/gateway-routes.js';
import { LOOKUP_PATH, lookupRequestSchema, REPRESENTATIVE_PATH, representativeRequestSchema } from './http-gateway.js';
import type { CompaniesRegistry } from './port.js';

export function companiesRoutes(sim: CompaniesRegistry): Record<string, GatewayRoute> {
  return {
    [LOOKUP_PATH]: route(lookupRequestSchema, async ({ nationalId }) => {
      const r = await sim.lookupCompany(nationalId);
      if (r.status === 'unavailable') return unavailableReply(r.reason);
      if (r.status === 'not_found') return reply({ result: 'not_found' });
      const { nationalId: _id, registrationDateIso, ...company } = r.company;
      return reply({ result: 'found', company: { ...company, registrationDate: registrationDateIso } });
    }),
    [REPRESENTATIVE_PATH]: route(representativeRequestSchema, async ({ nationalId, nationalCode }) => {
      const r = await sim.checkRepresentative(nationalId, nationalCode);
      if (r.status === 'unavailable') return unavailableReply(r.reason);
      if (r.status !== 'representative') return reply({ result: r.status });
      return reply({ result: 'representative', position: r.position, signingAuthority: r.signingAuthority });
    }),
  };
}
