/**
 * Payment gateway: port, adapters (Mellat, Zarinpal, the simulator) and the factory choosing one.
 */
import { createMellatGateway, type MellatOptions } from './mellat.js';
import type { PaymentGateway } from './port.js';
import type { SimulatedBank } from './sim-bank.js';
import { createSimulatorGateway, type SimulatorGatewayOptions } from './simulator.js';
import { createZarinpalGateway, type ZarinpalOptions } from './zarinpal.js';

export * from './port.js';
export { SimulatedBank, MAGIC_CARD_DOWN, MAGIC_CARD_INSUFFICIENT, normalizeCard } from './sim-bank.js';
export { createSimulatorGateway, simulatorPageDeps, SIMULATOR_PAGE_PATH } from './simulator.js';
export { createMellatGateway } from './mellat.js';
export { createZarinpalGateway } from './zarinpal.js';

export type PaymentGatewayConfig =
  | ({ kind: 'simulator'; bank: SimulatedBank } & SimulatorGatewayOptions)
  | ({ kind: 'mellat' } & MellatOptions)
  | ({ kind: 'zarinpal' } & ZarinpalOptions);

export function createPaymentGateway(config: PaymentGatewayConfig): PaymentGateway {
  if (config.kind === 'mellat') return createMellatGateway(config);
  if (config.kind === 'zarinpal') return createZarinpalGateway(config);
  return createSimulatorGateway(config.bank, config);
}
