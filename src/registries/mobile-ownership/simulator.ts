/**
 * Deterministic Shahkar (mobile ownership) simulator answering from the simulated population.
 *
 * `match` when the mobile is one of the person's `mobiles`; unknown person or another mobile →
 * `no_match`. Magic mobiles (checked first):
 * - starting `0999000`: always `unavailable/outage`;
 * - starting `0999001`: normal answer after `slowMs` (the delay timer is `unref`'d).
 */
import { normalizeMobile } from '../../domain/mobile.js';
import type { RegistrySimulatorOptions } from '../civil-registry/simulator.js';
import { codeKey } from '../civil-registry/matching.js';
import type { Population } from '../simulation/population.js';
import { unrefSleep } from '../timeout.js';
import type { MobileOwnership, OwnershipResult } from './port.js';

export const MAGIC_MOBILE_OUTAGE = '0999000';
export const MAGIC_MOBILE_SLOW = '0999001';

export type { RegistrySimulatorOptions };

export function createMobileOwnershipSimulator(
  population: Population,
  opts: RegistrySimulatorOptions = {},
): MobileOwnership {
  const slowMs = opts.slowMs ?? 8000;
  const sleep = opts.sleep ?? unrefSleep;
  return {
    async check(nationalCode: string, mobile: string): Promise<OwnershipResult> {
      try {
        const m = normalizeMobile(mobile) ?? mobile.trim();
        if (m.startsWith(MAGIC_MOBILE_OUTAGE)) return { status: 'unavailable', reason: 'outage' };
        if (m.startsWith(MAGIC_MOBILE_SLOW)) await sleep(slowMs);
        const person = population.byNationalCode(codeKey(nationalCode));
        return person && person.mobiles.includes(m) ? { status: 'match' } : { status: 'no_match' };
      } catch {
        return { status: 'unavailable', reason: 'error' };
      }
    },
  };
}
