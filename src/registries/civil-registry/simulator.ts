/**
 * Deterministic civil-registry simulator answering from the simulated population.
 *
 * Magic national codes (checked before the population, for both questions):
 * - starting `99900`: always `unavailable/outage`;
 * - starting `99901`: `unavailable/outage` for the first `transientFailures` calls for that code,
 *   then normal answers. The counter lives in this simulator instance (so: per process, reset on
 *   restart; each instance counts separately);
 * - starting `99902`: normal answer, but only after `slowMs` (so the caller's timeout fires).
 *   The delay timer is `unref`'d and does not keep the process alive.
 */
import type { Population } from '../simulation/population.js';
import { unrefSleep } from '../timeout.js';
import type {
  CivilRecordResult,
  CivilRegistry,
  CivilRegistryResult,
  IdentityClaim,
  MismatchField,
  PersonKind,
} from './port.js';
import { codeKey, sameName, shenasnamehKey } from './matching.js';

export interface RegistrySimulatorOptions {
  /** Delay of the slow magic inputs, ms. Default 8000. */
  slowMs?: number;
  /** Failures before a transient-failure magic input recovers. Default 2. */
  transientFailures?: number;
  /** How a slow magic input waits `slowMs`. Default {@link unrefSleep}; tests pass one they release. */
  sleep?: (ms: number) => Promise<void>;
}

export const MAGIC_CODE_OUTAGE = '99900';
export const MAGIC_CODE_TRANSIENT = '99901';
export const MAGIC_CODE_SLOW = '99902';

export interface CivilRegistrySimulator extends CivilRegistry {
  /** Forgets the transient-failure counters (tests, demo reset). */
  reset(): void;
}

export function createCivilRegistrySimulator(
  population: Population,
  opts: RegistrySimulatorOptions = {},
): CivilRegistrySimulator {
  const slowMs = opts.slowMs ?? 8000;
  const transientFailures = opts.transientFailures ?? 2;
  const sleep = opts.sleep ?? unrefSleep;
  const failuresSoFar = new Map<string, number>();

  function answer(claim: IdentityClaim, code: string): CivilRegistryResult {
    const person = population.byNationalCode(code);
    if (!person || person.personKind !== claim.personKind) {
      return { status: 'mismatch', fields: ['not_found'] };
    }
    if (!person.alive) return { status: 'mismatch', fields: ['deceased'] };
    const fields: MismatchField[] = [];
    if (!sameName(claim.firstName, person.firstName)) fields.push('firstName');
    if (!sameName(claim.lastName, person.lastName)) fields.push('lastName');
    if (!sameName(claim.fatherName, person.fatherName)) fields.push('fatherName');
    if (claim.birthDateIso.trim() !== person.birthDateIso) fields.push('birthDate');
    if (claim.gender !== person.gender) fields.push('gender');
    // Foreign nationals have no shenasnameh; the registry does not check the field for them.
    if (
      person.personKind === 'iranian' &&
      shenasnamehKey(claim.shenasnamehNumber) !== shenasnamehKey(person.shenasnamehNumber)
    ) {
      fields.push('shenasnamehNumber');
    }
    if (fields.length > 0) return { status: 'mismatch', fields };
    return { status: 'match', activation: person.activation };
  }

  /** The magic codes, shared by both questions: an outage answer, or null to go on. */
  async function magic(code: string): Promise<{ status: 'unavailable'; reason: 'outage' } | null> {
    if (code.startsWith(MAGIC_CODE_OUTAGE)) return { status: 'unavailable', reason: 'outage' };
    if (code.startsWith(MAGIC_CODE_TRANSIENT)) {
      const n = failuresSoFar.get(code) ?? 0;
      if (n < transientFailures) {
        failuresSoFar.set(code, n + 1);
        return { status: 'unavailable', reason: 'outage' };
      }
    }
    if (code.startsWith(MAGIC_CODE_SLOW)) await sleep(slowMs);
    return null;
  }

  function record(code: string, personKind: PersonKind): CivilRecordResult {
    const person = population.byNationalCode(code);
    if (!person || person.personKind !== personKind) return { status: 'not_found' };
    if (!person.alive) return { status: 'deceased' };
    return {
      status: 'found',
      record: {
        firstName: person.firstName,
        lastName: person.lastName,
        fatherName: person.fatherName,
        birthDateIso: person.birthDateIso,
        gender: person.gender,
        shenasnamehNumber: person.shenasnamehNumber,
        birthPlace: person.birthPlace ?? null,
        shenasnamehSerial: person.shenasnamehSerial ?? null,
      },
    };
  }

  return {
    async verifyIdentity(claim: IdentityClaim): Promise<CivilRegistryResult> {
      try {
        const code = codeKey(claim.nationalCode);
        return (await magic(code)) ?? answer(claim, code);
      } catch {
        return { status: 'unavailable', reason: 'error' };
      }
    },
    async readRecord(query): Promise<CivilRecordResult> {
      try {
        const code = codeKey(query.nationalCode);
        return (await magic(code)) ?? record(code, query.personKind);
      } catch {
        return { status: 'unavailable', reason: 'error' };
      }
    },
    reset() {
      failuresSoFar.clear();
    },
  };
}
