import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeCaptchaAnswer } from '../../../src/security/captcha-service.js';

test('captcha answers: Persian and Arabic-Indic digits are read as ASCII', () => {
  assert.equal(normalizeCaptchaAnswer('۲۳۴۵۶'), '23456');
  assert.equal(normalizeCaptchaAnswer('٢٣٤٥٦'), '23456');
  assert.equal(normalizeCaptchaAnswer('۲3٤5۶'), '23456', 'mixed keyboards');
});

test('captcha answers: spaces and the invisible marks phone keyboards add are ignored', () => {
  assert.equal(normalizeCaptchaAnswer(' ۲ ۳ ۴ ۵ ۶ '), '23456');
  assert.equal(normalizeCaptchaAnswer('23\u00a0456'), '23456', 'no-break space');
  assert.equal(normalizeCaptchaAnswer('\u200f۲۳۴۵۶\u200e'), '23456', 'RLM / LRM');
  assert.equal(normalizeCaptchaAnswer('۲۳\u200c۴۵۶'), '23456', 'ZWNJ');
  assert.equal(normalizeCaptchaAnswer('23-456'), '23456');
  assert.equal(normalizeCaptchaAnswer('２３４５６'), '23456', 'full-width digits');
});

test('captcha answers: other characters are kept, so a wrong answer stays wrong', () => {
  assert.equal(normalizeCaptchaAnswer('2345a'), '2345a');
  assert.equal(normalizeCaptchaAnswer(''), '');
});
