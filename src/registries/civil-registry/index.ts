/**
 * Civil registry (ثبت احوال): port, adapters and the factory choosing one from plain options.
 */
import { loadPopulation, type Population } from '../simulation/population.js';
import { withTimeout } from '../timeout.js';
import { createHttpCivilRegistry } from './http-gateway.js';
import type { CivilRecordResult, CivilRegistry, CivilRegistryResult } from './port.js';
import { createCivilRegistrySimulator } from './simulator.js';

export * from './port.js';
export { createCivilRegistrySimulator, MAGIC_CODE_OUTAGE, MAGIC_CODE_SLOW, MAGIC_CODE_TRANSIENT } from './simulator.js';
export type { CivilRegistrySimulator, RegistrySimulatorOptions } from './simulator.js';
export { createHttpCivilRegistry } from './http-gateway.js';
export type { HttpGatewayOptions } from './http-gateway.js';
export { nameKey, sameName } from './matching.js';

export type CivilRegistryConfig =
  | {
      kind: 'simulator';
      /** Defaults to `loadPopulation(populationPath)` (HOVIYAT_SIM_PEOPLE or sim/people.json). */
      population?: Population;
      populationPath?: string;
      /** Delay of the slow magic codes (99902…), ms. Default 8000. */
      slowMs?: number;
      /** Failures of the transient magic codes (99901…) before they recover. Default 2. */
      transientFailures?: number;
      /** How the slow magic codes wait (default an unref'd timer); tests only. */
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

export function createCivilRegistry(config: CivilRegistryConfig): CivilRegistry {
  if (config.kind === 'http') {
    return createHttpCivilRegistry({
      baseUrl: config.baseUrl,
      token: config.token,
      timeoutMs: config.timeoutMs ?? 5000,
    });
  }
  const population = config.population ?? loadPopulation(config.populationPath);
  const sim = createCivilRegistrySimulator(population, {
    slowMs: config.slowMs,
    transientFailures: config.transientFailures,
    sleep: config.sleep,
  });
  const timeoutMs = config.timeoutMs;
  if (timeoutMs === undefined) return sim;
  const late = () => ({ status: 'unavailable', reason: 'timeout' }) as const;
  return {
    verifyIdentity: (claim) => withTimeout<CivilRegistryResult>(sim.verifyIdentity(claim), timeoutMs, late),
    readRecord: (query) => withTimeout<CivilRecordResult>(sim.readRecord(query), timeoutMs, late),
  };
}
