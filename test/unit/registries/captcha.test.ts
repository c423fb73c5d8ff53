import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CAPTCHA_CHARS,
  createCaptchaGenerator,
  createCaptchaSimulator,
  createSvgCaptcha,
  seededRandom,
} from '../../../src/registries/captcha/index.js';
import { DIGIT_STROKE_WIDTH, NOISE_STROKE_WIDTH } from '../../../src/registries/captcha/svg.js';

/** WCAG 2.x contrast ratio of two #rrggbb colours (computed here, not taken from the renderer). */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const v = parseInt(hex.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

interface Stroke {
  color: string;
  width: number;
}
function strokes(svg: string): Stroke[] {
  return [...svg.matchAll(/<path d="[^"]+" stroke="(#[0-9a-f]{6})" stroke-width="([\d.]+)"\/>/g)].map((m) => ({
    color: m[1]!,
    width: Number(m[2]),
  }));
}
const background = (svg: string) => /<rect [^>]*fill="(#[0-9a-f]{6})"/.exec(svg)?.[1] ?? '';

test('svg captcha: 5 digits from 23456789, 240×80, accessible title that hides the answer', () => {
  const gen = createSvgCaptcha();
  const answers = new Set<string>();
  for (let i = 0; i < 40; i++) {
    const c = gen.generate();
    assert.match(c.answer, /^[2-9]{5}$/);
    for (const ch of c.answer) assert.ok(CAPTCHA_CHARS.includes(ch));
    assert.match(c.svg, /^<svg[^>]*\srole="img"[^>]*><title>[^<]+<\/title>/);
    assert.match(c.svg, /^<svg[^>]* width="240" height="80" viewBox="0 0 240 80"/);
    assert.ok(!c.svg.includes(c.answer), 'the answer is drawn as paths, not text');
    assert.doesNotMatch(c.svg, /<text/);
    const title = /<title>([^<]*)<\/title>/.exec(c.svg)?.[1] ?? '';
    assert.doesNotMatch(title, /[0-9۰-۹]/, 'the accessible name says what to do, not what is drawn');
    answers.add(c.answer);
  }
  assert.ok(answers.size > 30, 'answers vary');
});

test('svg captcha: every digit is a thick dark stroke (≥ 4.5:1 on its background), the noise lighter and thinner', () => {
  const gen = createSvgCaptcha({ random: seededRandom(2024) });
  for (let i = 0; i < 60; i++) {
    const c = gen.generate();
    const bg = background(c.svg);
    assert.match(bg, /^#[0-9a-f]{6}$/);
    const all = strokes(c.svg);
    const digits = all.filter((s) => s.width === DIGIT_STROKE_WIDTH);
    const noise = all.filter((s) => s.width === NOISE_STROKE_WIDTH);
    assert.equal(digits.length, c.answer.length, 'one stroke per digit');
    assert.equal(noise.length, 3, 'three noise lines');
    assert.equal(digits.length + noise.length, all.length, 'nothing else is drawn');
    assert.ok(DIGIT_STROKE_WIDTH >= 5, 'a thick pen (the old images used hairlines)');
    for (const d of digits) {
      assert.ok(contrast(d.color, bg) >= 4.5, `digit ${d.color} on ${bg}: ${contrast(d.color, bg).toFixed(2)}:1`);
    }
    const faintestDigit = Math.min(...digits.map((d) => contrast(d.color, bg)));
    for (const n of noise) {
      assert.ok(contrast(n.color, bg) < 3, `noise ${n.color} stays light`);
      assert.ok(contrast(n.color, bg) < faintestDigit / 2, 'noise is clearly fainter than any digit');
    }
  }
});

test('svg captcha: the same seed draws the same image, another seed another one', () => {
  const a = createSvgCaptcha({ random: seededRandom(42) }).generate();
  const b = createSvgCaptcha({ random: seededRandom(42) }).generate();
  const c = createSvgCaptcha({ random: seededRandom(43) }).generate();
  assert.deepEqual(a, b);
  assert.notEqual(a.svg, c.svg);
});

test('svg captcha: coordinates are kept to a tenth of a pixel and stay inside the image', () => {
  const gen = createSvgCaptcha({ random: seededRandom(7) });
  for (let i = 0; i < 30; i++) {
    const { svg } = gen.generate();
    assert.doesNotMatch(svg, /\d\.\d{2}/);
    for (const m of svg.matchAll(/<path d="([^"]+)" stroke="#[0-9a-f]{6}" stroke-width="5.5"/g)) {
      const nums = m[1]!.match(/-?\d+(\.\d)?/g)!.map(Number);
      for (let k = 0; k < nums.length; k += 2) {
        // control points of a curve may lie a little outside; the pen stays on the picture
        assert.ok(nums[k]! > -10 && nums[k]! < 250, `x ${nums[k]}`);
        assert.ok(nums[k + 1]! > -10 && nums[k + 1]! < 90, `y ${nums[k + 1]}`);
      }
    }
    assert.ok(svg.length < 2000, `a small row: ${svg.length} bytes`);
  }
});

test('svg captcha options: size and title (escaped)', () => {
  const c = createSvgCaptcha({ size: 4, title: 'Security <code> & digits' }).generate();
  assert.match(c.answer, /^[2-9]{4}$/);
  assert.ok(c.svg.includes('<title>Security &lt;code&gt; &amp; digits</title>'));
  assert.equal(strokes(c.svg).filter((s) => s.width === DIGIT_STROKE_WIDTH).length, 4);
});

test('captcha simulator: always 12345, shown as text with a title', () => {
  const gen = createCaptchaSimulator();
  const a = gen.generate();
  const b = gen.generate();
  assert.equal(a.answer, '12345');
  assert.deepEqual(a, b);
  assert.ok(a.svg.includes('>12345</text>'));
  assert.match(a.svg, /<title>[^<]+<\/title>/);
  assert.match(a.svg, /width="240" height="80"/);
});

test('createCaptchaGenerator picks by kind (string or object)', () => {
  assert.equal(createCaptchaGenerator('simulator').generate().answer, '12345');
  assert.equal(createCaptchaGenerator({ kind: 'simulator' }).generate().answer, '12345');
  assert.match(createCaptchaGenerator('svg').generate().answer, /^[2-9]{5}$/);
  assert.match(createCaptchaGenerator({ kind: 'svg', size: 6 }).generate().answer, /^[2-9]{6}$/);
});
