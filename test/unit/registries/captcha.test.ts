import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CAPTCHA_CHARS,
  createCaptchaGenerator,
  createCaptchaSimulator,
  createSvgCaptcha,
} from '../../../src/registries/captcha/index.js';
import { compactSvg } from '../../../src/registries/captcha/svg.js';

test('svg captcha: 5 digits from 23456789, 150×50, accessible title that hides the answer', () => {
  const gen = createSvgCaptcha();
  const answers = new Set<string>();
  for (let i = 0; i < 40; i++) {
    const c = gen.generate();
    assert.match(c.answer, /^[2-9]{5}$/);
    for (const ch of c.answer) assert.ok(CAPTCHA_CHARS.includes(ch));
    assert.match(c.svg, /^<svg[^>]*\srole="img"[^>]*><title>[^<]+<\/title>/);
    assert.match(c.svg, /width="150"/);
    assert.match(c.svg, /height="50"/);
    assert.ok(!c.svg.includes(c.answer), 'the answer is drawn as paths, not text');
    const title = /<title>([^<]*)<\/title>/.exec(c.svg)?.[1] ?? '';
    assert.ok(!title.includes(c.answer));
    answers.add(c.answer);
  }
  assert.ok(answers.size > 30, 'answers vary');
});

test('svg captcha coordinates are kept to a tenth of a pixel (smaller rows, same picture)', () => {
  assert.equal(
    compactSvg('<path d="M44.31 37.29L40.96 2.04Q7 8.5 150 50"/>'),
    '<path d="M44.3 37.3L41 2Q7 8.5 150 50"/>',
  );
  const svg = createSvgCaptcha().generate().svg;
  assert.doesNotMatch(svg, /\d\.\d{2}/);
  assert.match(svg, /<path /);
});

test('svg captcha options: size and title (escaped)', () => {
  const c = createSvgCaptcha({ size: 4, title: 'Security <code> & digits' }).generate();
  assert.match(c.answer, /^[2-9]{4}$/);
  assert.ok(c.svg.includes('<title>Security &lt;code&gt; &amp; digits</title>'));
});

test('captcha simulator: always 12345, shown as text with a title', () => {
  const gen = createCaptchaSimulator();
  const a = gen.generate();
  const b = gen.generate();
  assert.equal(a.answer, '12345');
  assert.deepEqual(a, b);
  assert.ok(a.svg.includes('>12345</text>'));
  assert.match(a.svg, /<title>[^<]+<\/title>/);
});

test('createCaptchaGenerator picks by kind (string or object)', () => {
  assert.equal(createCaptchaGenerator('simulator').generate().answer, '12345');
  assert.equal(createCaptchaGenerator({ kind: 'simulator' }).generate().answer, '12345');
  assert.match(createCaptchaGenerator('svg').generate().answer, /^[2-9]{5}$/);
  assert.match(createCaptchaGenerator({ kind: 'svg', size: 6 }).generate().answer, /^[2-9]{6}$/);
});
