/**
 * Deterministic captcha for tests and demos: the answer is always `12345`, shown as plain text.
 */
import type { CaptchaChallenge, CaptchaGenerator } from './port.js';
import { DEFAULT_CAPTCHA_TITLE, escapeXml } from './svg.js';

export const SIMULATED_CAPTCHA_ANSWER = '12345';

export function createCaptchaSimulator(): CaptchaGenerator {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80" viewBox="0 0 240 80" role="img">' +
    `<title>${escapeXml(DEFAULT_CAPTCHA_TITLE)}</title>` +
    '<rect width="240" height="80" fill="#ffffff"/>' +
    `<text x="120" y="54" font-family="monospace" font-size="44" text-anchor="middle" fill="#111111">${SIMULATED_CAPTCHA_ANSWER}</text>` +
    '</svg>';
  return {
    generate(): CaptchaChallenge {
      return { answer: SIMULATED_CAPTCHA_ANSWER, svg };
    },
  };
}
