/**
 * Captcha images: port, adapters and the factory choosing one from plain options.
 */
import type { CaptchaGenerator } from './port.js';
import { createCaptchaSimulator } from './simulator.js';
import { createSvgCaptcha, type SvgCaptchaOptions } from './svg.js';

export * from './port.js';
export { createSvgCaptcha, seededRandom, CAPTCHA_CHARS, DEFAULT_CAPTCHA_TITLE } from './svg.js';
export type { SvgCaptchaOptions } from './svg.js';
export { createCaptchaSimulator, SIMULATED_CAPTCHA_ANSWER } from './simulator.js';

export type CaptchaConfig = 'svg' | 'simulator' | ({ kind: 'svg' } & SvgCaptchaOptions) | { kind: 'simulator' };

export function createCaptchaGenerator(config: CaptchaConfig): CaptchaGenerator {
  const kind = typeof config === 'string' ? config : config.kind;
  if (kind === 'simulator') return createCaptchaSimulator();
  return createSvgCaptcha(typeof config === 'string' || config.kind !== 'svg' ? {} : config);
}
