/**
 * Companies-registry adapter for the JSON inquiry gateway (contract in docs/simulators.md):
 *
 *   POST {baseUrl}/companies/lookup              {"nationalId":"10320894878"}
 *   200 {"result":"found","company":{"name","type","registrationNumber","registrationDate",
 *        "registrationPlace","representatives":[{"nationalCode","firstName","lastName","position",
 *        "signingAuthority"}]}} | {"result":"not_found"}
 *
 *   POST {baseUrl}/companies/representative      {"nationalId":"…","nationalCode":"…"}
 *   200 {"result":"representative","position","signingAuthority"} | {"result":"not_representative"}
 *       | {"result":"unknown_company"}
 *
 * Both with `Authorization: Bearer {token}`; 503 → unavailable/outage, 504 → unavailable/timeout,
 * anything else → unavailable/error. `type` and `position` are our codes (COMPANY_TYPES,
 * REPRESENTATIVE_POSITIONS): a gateway in front of a vendor translates them.
 */
import { z } from 'zod';
import { COMPANY_TYPES, REPRESENTATIVE_POSITIONS } from '../../domain/occupations.js';
import type { HttpGatewayOptions } from '../civil-registry/http-gateway.js';
import { callGateway } from '../gateway-call.js';
import type { CompaniesRegistry, CompanyLookupResult, RepresentativeResult } from './port.js';

export const LOOKUP_PATH = '/companies/lookup';
export const REPRESENTATIVE_PATH = '/companies/representative';

const position = z.enum(REPRESENTATIVE_POSITIONS.codes);
export const lookupRequestSchema = z.object({ nationalId: z.string() });
export const representativeRequestSchema = z.object({ nationalId: z.string(), nationalCode: z.string() });
export const companyWireSchema = z.object({
  name: z.string().min(1),
  type: z.enum(COMPANY_TYPES.codes),
  registrationNumber: z.string().min(1),
  registrationDate: z.iso.date(),
  registrationPlace: z.string().min(1),
  representatives: z.array(
    z.object({
      nationalCode: z.string().regex(/^\d{10}$/),
      firstName: z.string(),
      lastName: z.string(),
      position,
      signingAuthority: z.boolean(),
    }),
  ),
});
export const lookupResponseSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('found'), company: companyWireSchema }),
  z.object({ result: z.literal('not_found') }),
]);
export const representativeResponseSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('representative'), position, signingAuthority: z.boolean() }),
  z.object({ result: z.literal('not_representative') }),
  z.object({ result: z.literal('unknown_company') }),
]);

export function createHttpCompaniesRegistry(opts: HttpGatewayOptions): CompaniesRegistry {
  return {
    async lookupCompany(nationalId: string): Promise<CompanyLookupResult> {
      const a = await callGateway(opts, LOOKUP_PATH, { nationalId }, lookupResponseSchema);
      if (!a.ok) return a.unavailable;
      if (a.value.result === 'not_found') return { status: 'not_found' };
      const { registrationDate, ...c } = a.value.company;
      return { status: 'found', company: { nationalId, ...c, registrationDateIso: registrationDate } };
    },
    async checkRepresentative(nationalId: string, nationalCode: string): Promise<RepresentativeResult> {
      const a = await callGateway(
        opts,
        REPRESENTATIVE_PATH,
        { nationalId, nationalCode },
        representativeResponseSchema,
      );
      if (!a.ok) return a.unavailable;
      const r = a.value;
      if (r.result !== 'representative') return { status: r.result };
      return { status: 'representative', position: r.position, signingAuthority: r.signingAuthority };
    },
  };
}
