/**
 * Mobile ownership (شاهکار): port, adapters and the factory choosing one from plain options.
 */
import { loadPopulation, type Population } from '../simulation/population.js';
import { withTimeout } from '../timeout.js';
import { createHttpMobileOwnership } from './http-gateway.js';
import type { MobileOwnership, OwnershipResult } from './port.js';
import { createMobileOwnershipSimulator } from './simulator.js';

export * from './port.js';
export { createMobileOwnershipSimulator, MAGIC_MOBILE_OUTAGE, MAGIC_MOBILE_SLOW } from './simulator.js';
export { createHttpMobileOwnership } from './http-gateway.js';

export type MobileOwnershipConfig =
  | {
      kind: 'simulator';
      /** Defaults to `loadPopulation(populationPath)` (HOVIYAT_SIM_PEOPLE or sim/people.json). */
      population?: Population;
      populationPath?: string;
      /** Delay of the slow magic mobiles (0999001…), ms. Default 8000. */
      slowMs?: number;
      /** How the slow magic mobiles wait (default an unref'd timer); tests only. */
      sleep?: (ms: number) => Promise<void>;
      /** When set, answers slower than this become `unavailable/timeout` (like the HTTP adapter). */
      timeoutMs?: number;
    }
  | {
      kind: 'http';
      baseUrl: string;
      token: string;
      /** Default 5000. */
      timeoutMs?: number;
    };

export function createMobileOwnership(config: MobileOwnershipConfig): MobileOwnership {
  if (config.kind === 'http') {
    return createHttpMobileOwnership({
      baseUrl: config.baseUrl,
      token: config.token,
      timeoutMs: config.timeoutMs ?? 5000,
    });
  }
  const population = config.population ?? loadPopulation(config.populationPath);
  const sim = createMobileOwnershipSimulator(population, { slowMs: config.slowMs, sleep: config.sleep });
  const timeoutMs = config.timeoutMs;
  if (timeoutMs === undefined) return sim;
  return {
    check: (nationalCode, mobile) =>
      withTimeout<OwnershipResult>(sim.check(nationalCode, mobile), timeoutMs, () => ({
        status: 'unavailable',
        reason: 'timeout',
      })),
  };
}
