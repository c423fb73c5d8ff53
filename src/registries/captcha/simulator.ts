/**
 * Deterministic captcha for tests and demos: the answer is always `12345`, shown as plain text.
 */
import type { CaptchaChallenge, CaptchaGenerator } from './port.js';
import { DEFAULT_CAPTCHA_TITLE, escapeXml } from './svg.js';

export const SIMULATED_CAPTCHA_ANSWER = '12345';

export function createCaptchaSimulator(): CaptchaGenerator {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="150" height="50" viewBox="0 0 150 50" role="img">' +
    `<title>${escapeXml(DEFAULT_CAPTCHA_TITLE)}</title>` +
    '<rect width="150" height="50" fill="#ffffff"/>' +
    `<text x="75" y="34" font-family="monospace" font-size="28" text-anchor="middle" fill="#111111">${SIMULATED_CAPTCHA_ANSWER}</text>` +
    '</svg>';
  return {
    generate(): CaptchaChallenge {
      return { answer: SIMULATED_CAPTCHA_ANSWER, svg };
    },
  };
}
