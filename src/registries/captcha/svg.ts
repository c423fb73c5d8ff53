/**
 * Captcha images drawn here, without a font file or a third-party generator: digits from a
 * built-in stroke font (stroke-font.ts), each turned and shifted a little, drawn with a thick dark
 * pen on a light background, crossed by a few lighter lines. Sized for a cheap phone (240×80 at
 * 1:1) and legible at arm's length: every digit colour has ≥ 4.5:1 contrast on every background.
 * The answer exists only as path coordinates, never as text; the accessible title explains the
 * task without revealing it.
 */
import { randomInt } from 'node:crypto';
import type { CaptchaChallenge, CaptchaGenerator } from './port.js';
import { DIGIT_GLYPHS, GLYPH_HEIGHT, GLYPH_WIDTH, parseGlyph, type Command } from './stroke-font.js';

/** A source of numbers in [0, 1). Production uses the CSPRNG; tests pass {@link seededRandom}. */
export type Random = () => number;

export interface SvgCaptchaOptions {
  /** Number of digits. Default 5. */
  size?: number;
  /** Default 240. */
  width?: number;
  /** Default 80. */
  height?: number;
  /** Lighter lines across the image. Default 3. */
  noise?: number;
  /** Accessible name of the image (must not reveal the answer). Default Persian instruction. */
  title?: string;
  /** Randomness for the answer and the drawing. Default: node:crypto. */
  random?: Random;
}

/** Digits only, without 0 and 1 (read as O and l, or as each other's Persian forms ۰ and ۱). */
export const CAPTCHA_CHARS = '23456789';
export const DEFAULT_CAPTCHA_TITLE = 'تصویر امنیتی: عددهای داخل تصویر را وارد کنید';

/** Light backgrounds (white, paper, pale blue, pale lilac). */
export const BACKGROUNDS = ['#ffffff', '#f8f6ef', '#eef4f8', '#f5f1f8'] as const;
/** Dark inks: every one ≥ 11:1 on every background above (the tests ask ≥ 4.5:1). */
export const DIGIT_COLORS = ['#1b1b1b', '#0f2a47', '#3d1f0b', '#123d1c', '#4a1034'] as const;
/** Noise inks: visibly lighter than the digits (≤ 3:1), so the eye separates them at once. */
export const NOISE_COLORS = ['#9fb3c8', '#b9a98f', '#a2b79f', '#c0a3b7'] as const;
export const DIGIT_STROKE_WIDTH = 5.5;
export const NOISE_STROKE_WIDTH = 3;

export function escapeXml(s: string): string {
  return s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );
}

export const cryptoRandom: Random = () => randomInt(0, 2 ** 32) / 2 ** 32;

/** Mulberry32: small, fast, and the same sequence for the same seed (tests, demos). */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const between = (r: Random, lo: number, hi: number) => lo + r() * (hi - lo);
const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
/** A tenth of a pixel: invisible at any zoom, and a fifth shorter than two decimals. */
const num = (n: number) => String(Math.round(n * 10) / 10);

type Matrix = [number, number, number, number, number, number];

/** Maps a glyph point to the image: scale, shear and turn about the glyph centre, then move. */
function glyphMatrix(r: Random, cx: number, cy: number, scale: number): Matrix {
  const angle = (between(r, -12, 12) * Math.PI) / 180;
  const shear = between(r, -0.12, 0.12);
  const s = scale * between(r, 0.92, 1.04);
  const cos = Math.cos(angle) * s;
  const sin = Math.sin(angle) * s;
  // rotate · shear(x += shear·y) · scale; translation puts the glyph centre at (cx, cy)
  const a = cos;
  const b = sin;
  const c = cos * shear - sin;
  const d = sin * shear + cos;
  const e = cx - a * (GLYPH_WIDTH / 2) - c * (GLYPH_HEIGHT / 2);
  const f = cy - b * (GLYPH_WIDTH / 2) - d * (GLYPH_HEIGHT / 2);
  return [a, b, c, d, e, f];
}

function pathData(commands: Command[], m: Matrix): string {
  return commands
    .map(({ op, points }) => {
      const xy = points.map(([x, y]) => `${num(m[0] * x + m[2] * y + m[4])} ${num(m[1] * x + m[3] * y + m[5])}`);
      return `${op}${xy.join(' ')}`;
    })
    .join('');
}

function noiseLine(r: Random, width: number, height: number): string {
  const y = () => num(between(r, height * 0.15, height * 0.85));
  const x1 = num(between(r, width * 0.2, width * 0.45));
  const x2 = num(between(r, width * 0.55, width * 0.8));
  return `M${num(between(r, 0, width * 0.1))} ${y()}C${x1} ${y()} ${x2} ${y()} ${num(between(r, width * 0.9, width))} ${y()}`;
}

const glyphs = Object.fromEntries(Object.entries(DIGIT_GLYPHS).map(([k, d]) => [k, parseGlyph(d)]));

/** Draws `answer` (digits 0-9) as an SVG document. Exposed for tests; use createSvgCaptcha. */
export function drawDigits(
  answer: string,
  opts: { width: number; height: number; noise: number; title: string; random: Random },
): string {
  const { width, height, random: r } = opts;
  const margin = width * 0.07;
  const slot = (width - 2 * margin) / answer.length;
  // a glyph fills ~60% of the height; narrower slots shrink it so neighbours never merge
  const scale = Math.min((height * 0.6) / GLYPH_HEIGHT, (slot * 0.82) / GLYPH_WIDTH);
  const background = pick(r, BACKGROUNDS);
  const parts: string[] = [];
  [...answer].forEach((ch, i) => {
    const m = glyphMatrix(r, margin + slot * (i + 0.5) + between(r, -2, 2), height / 2 + between(r, -5, 5), scale);
    const d = pathData(glyphs[ch] ?? [], m);
    parts.push(`<path d="${d}" stroke="${pick(r, DIGIT_COLORS)}" stroke-width="${DIGIT_STROKE_WIDTH}"/>`);
  });
  const noise: string[] = [];
  for (let i = 0; i < opts.noise; i++) {
    noise.push(
      `<path d="${noiseLine(r, width, height)}" stroke="${pick(r, NOISE_COLORS)}" stroke-width="${NOISE_STROKE_WIDTH}"/>`,
    );
  }
  // most noise under the digits (legibility), the last line over them (no clean digit outlines)
  const over = noise.length > 1 ? noise.slice(-1) : [];
  const under = noise.slice(0, noise.length - over.length);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">` +
    `<title>${escapeXml(opts.title)}</title>` +
    `<rect width="${width}" height="${height}" fill="${background}"/>` +
    `<g fill="none" stroke-linecap="round" stroke-linejoin="round">${[...under, ...parts, ...over].join('')}</g>` +
    '</svg>'
  );
}

export function createSvgCaptcha(opts: SvgCaptchaOptions = {}): CaptchaGenerator {
  const size = opts.size ?? 5;
  const random = opts.random ?? cryptoRandom;
  const draw = {
    width: opts.width ?? 240,
    height: opts.height ?? 80,
    noise: opts.noise ?? 3,
    title: opts.title ?? DEFAULT_CAPTCHA_TITLE,
    random,
  };
  return {
    generate(): CaptchaChallenge {
      let answer = '';
      for (let i = 0; i < size; i++) answer += pick(random, [...CAPTCHA_CHARS]);
      return { answer, svg: drawDigits(answer, draw) };
    },
  };
}
