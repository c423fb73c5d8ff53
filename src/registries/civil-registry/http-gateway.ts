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
 *
 *   POST {baseUrl}/civil-registry/record      {"nationalCode","personKind"}
 *   200 {"result":"found","record":{"firstName","lastName","fatherName","birthDate","gender",
 *        "shenasnamehNumber","birthPlace"|null,"shenasnamehSerial"|null}}
 *   200 {"result":"not_found"} | {"result":"deceased"}
 * Connection failures → unavailable/outage; a malformed base URL → unavailable/error; our own deadline (timeoutMs) → unavailable/timeout.
 */
import { z } from 'zod';
import { callGateway } from '../gateway-call.js';
import type { CivilRecordResult, CivilRegistry, CivilRegistryResult, IdentityClaim } from './port.js';
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

export const RECORD_PATH = '/civil-registry/record';
export const recordRequestSchema = z.object({ nationalCode: z.string(), personKind: z.enum(['iranian', 'foreign']) });
const optionalText = z.string().nullable();
export const civilRecordResponseSchema = z.discriminatedUnion('result', [
  z.object({
    result: z.literal('found'),
    record: z.object({
      firstName: z.string(),
      lastName: z.string(),
      fatherName: z.string(),
      birthDate: z.iso.date(),
      gender: z.enum(['male', 'female']),
      shenasnamehNumber: z.string(),
      birthPlace: optionalText,
      shenasnamehSerial: optionalText,
    }),
  }),
  z.object({ result: z.literal('not_found') }),
  z.object({ result: z.literal('deceased') }),
]);

export function createHttpCivilRegistry(opts: HttpGatewayOptions): CivilRegistry {
  return {
    async verifyIdentity(claim: IdentityClaim): Promise<CivilRegistryResult> {
      const body = {
        nationalCode: claim.nationalCode,
        personKind: claim.personKind,
        firstName: claim.firstName,
        lastName: claim.lastName,
        fatherName: claim.fatherName,
        birthDate: claim.birthDateIso,
        gender: claim.gender,
        shenasnamehNumber: claim.shenasnamehNumber,
      };
      const a = await callGateway(opts, '/civil-registry/verify', body, civilVerifyResponseSchema);
      if (!a.ok) return a.unavailable;
      const r = a.value;
      if (r.result === 'match') return { status: 'match', activation: r.activation };
      return { status: 'mismatch', fields: r.fields };
    },
    async readRecord(query): Promise<CivilRecordResult> {
      const a = await callGateway(opts, RECORD_PATH, query, civilRecordResponseSchema);
      if (!a.ok) return a.unavailable;
      const r = a.value;
      if (r.result !== 'found') return { status: r.result };
      const { birthDate, ...rest } = r.record;
      return { status: 'found', record: { ...rest, birthDateIso: birthDate } };
    },
  };
}
