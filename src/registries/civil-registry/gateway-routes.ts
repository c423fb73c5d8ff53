/** The simulated gateway's side of `POST /civil-registry/record` (see http-gateway.ts). */
import { reply, route, unavailableReply, type GatewayRoute } from '../simulation/gateway-routes.js';
import { RECORD_PATH, recordRequestSchema } from './http-gateway.js';
import type { CivilRegistry } from './port.js';

export function civilRecordRoutes(sim: CivilRegistry): Record<string, GatewayRoute> {
  return {
    [RECORD_PATH]: route(recordRequestSchema, async (query) => {
      const r = await sim.readRecord(query);
      if (r.status === 'unavailable') return unavailableReply(r.reason);
      if (r.status !== 'found') return reply({ result: r.status });
      const { birthDateIso, ...rest } = r.record;
      return reply({ result: 'found', record: { ...rest, birthDate: birthDateIso } });
    }),
  };
}
