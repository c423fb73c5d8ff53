/**
 * Deterministic bank-account simulator answering from the simulated people's and companies'
 * `bankAccounts` (sim/people.json, sim/companies.json).
 *
 * Magic Shebas, read from the 19 digits after the bank code (`IRkk BBB 99900…`), whatever the
 * bank; checked before the records:
 * - `99900…`: always `unavailable/outage`;
 * - `99901…`: `unavailable/outage` for the first `transientFailures` calls for that Sheba, then
 *   normal answers (counted per simulator instance);
 * - `99902…`: normal answer after `slowMs` (the delay timer is `unref`'d).
 */
import { bankByCode } from '../../domain/banks.js';
import { normalizeSheba, shebaBankCode } from '../../domain/sheba.js';
import { codeKey } from '../civil-registry/matching.js';
import type { RegistrySimulatorOptions } from '../civil-registry/simulator.js';
import { unavailable } from '../result.js';
import type { InquiryRecords } from '../simulation/inquiry-records.js';
import { createMagicGate } from '../simulation/magic.js';
import type { BankAccountOwnership, BankAccountResult } from './port.js';

export const MAGIC_ACCOUNT_OUTAGE = '99900';
export const MAGIC_ACCOUNT_TRANSIENT = '99901';
export const MAGIC_ACCOUNT_SLOW = '99902';

export interface BankAccountSimulator extends BankAccountOwnership {
  /** Forgets the transient-failure counters (tests, demo reset). */
  reset(): void;
}

export function createBankAccountSimulator(
  records: InquiryRecords,
  opts: RegistrySimulatorOptions = {},
): BankAccountSimulator {
  const gate = createMagicGate(
    { outage: MAGIC_ACCOUNT_OUTAGE, transient: MAGIC_ACCOUNT_TRANSIENT, slow: MAGIC_ACCOUNT_SLOW },
    opts,
  );
  return {
    async checkOwnership(shebaInput: string, ownerInput: string): Promise<BankAccountResult> {
      try {
        const sheba = normalizeSheba(shebaInput);
        if ((await gate.pass(sheba.slice(7))) === 'outage') return unavailable('outage');
        const account = records.accountBySheba(sheba);
        if (!account || account.ownerCode !== codeKey(ownerInput)) return { status: 'not_owned' };
        if (account.status === 'closed') return { status: 'closed' };
        const bankCode = shebaBankCode(sheba);
        const bank = bankByCode(bankCode);
        if (!bank) return unavailable('error');
        return { status: 'owned', bankCode, bankName: bank.name, holderName: account.holderName };
      } catch {
        return unavailable('error');
      }
    },
    reset: gate.reset,
  };
}
