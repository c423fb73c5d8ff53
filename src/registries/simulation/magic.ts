/**
 * The magic inputs every inquiry simulator shares: one prefix for an outage, one for a transient
 * outage that recovers after `transientFailures` calls, one for a slow answer (after `slowMs`).
 * Each simulator chooses its prefixes and what part of its input they are read from.
 */
import type { RegistrySimulatorOptions } from '../civil-registry/simulator.js';
import { unrefSleep } from '../timeout.js';

export interface MagicPrefixes {
  outage: string;
  transient: string;
  slow: string;
}

export interface MagicGate {
  /** `'outage'` when `key` asks for one now; otherwise resolves (late, for the slow prefix) with null. */
  pass(key: string): Promise<'outage' | null>;
  /** Forgets the transient-failure counters. */
  reset(): void;
}

export function createMagicGate(prefixes: MagicPrefixes, opts: RegistrySimulatorOptions = {}): MagicGate {
  const slowMs = opts.slowMs ?? 8000;
  const transientFailures = opts.transientFailures ?? 2;
  const sleep = opts.sleep ?? unrefSleep;
  // per instance (so per process): each node counts on its own, a restart forgets
  const failuresSoFar = new Map<string, number>();
  return {
    async pass(key) {
      if (key.startsWith(prefixes.outage)) return 'outage';
      if (key.startsWith(prefixes.transient)) {
        const n = failuresSoFar.get(key) ?? 0;
        if (n < transientFailures) {
          failuresSoFar.set(key, n + 1);
          return 'outage';
        }
      }
      if (key.startsWith(prefixes.slow)) await sleep(slowMs);
      return null;
    },
    reset: () => failuresSoFar.clear(),
  };
}
