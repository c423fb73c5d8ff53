/**
 * A built-in stroke font for the captcha: each digit is the centre line of a pen stroke in a
 * 40×60 box (y down), written with absolute M/L/C commands only, so any affine transform can be
 * applied point by point. Shapes follow plain school handwriting: open, one stroke where possible,
 * no serifs, so a thick pen keeps them apart even when rotated.
 */

export const GLYPH_WIDTH = 40;
export const GLYPH_HEIGHT = 60;

export const DIGIT_GLYPHS: Readonly<Record<string, string>> = Object.freeze({
  '0': 'M20 2 C43 2 43 58 20 58 C-3 58 -3 2 20 2',
  '1': 'M9 14 L23 2 L23 58',
  '2': 'M5 16 C6 -1 36 -1 36 16 C36 31 6 42 4 58 L37 58',
  '3': 'M5 8 C16 -3 37 1 35 15 C34 25 25 28 15 28 C28 28 38 33 37 45 C36 60 12 62 3 52',
  '4': 'M29 58 L29 2 L3 41 L38 41',
  '5': 'M35 3 L9 3 L6 27 C14 21 37 21 37 39 C37 58 13 62 4 51',
  '6': 'M33 6 C20 -4 4 7 4 35 C4 62 37 62 36 42 C35 24 9 23 5 38',
  '7': 'M3 3 L37 3 C27 18 20 36 15 58',
  '8': 'M20 28 C5 28 5 3 20 3 C35 3 35 28 20 28 C2 28 2 58 20 58 C38 58 38 28 20 28',
  '9': 'M35 22 C33 37 5 37 5 19 C5 1 35 0 35 22 C35 42 28 57 9 58',
});

export type Command = { op: 'M' | 'L' | 'C'; points: [number, number][] };

/** Parses one glyph's path into commands with their points. */
export function parseGlyph(d: string): Command[] {
  const tokens = d.match(/[MLC]|-?\d+(?:\.\d+)?/g) ?? [];
  const out: Command[] = [];
  let i = 0;
  while (i < tokens.length) {
    const op = tokens[i++] as Command['op'];
    const n = op === 'C' ? 3 : 1;
    const points: [number, number][] = [];
    for (let k = 0; k < n; k++) points.push([Number(tokens[i++]), Number(tokens[i++])]);
    out.push({ op, points });
  }
  return out;
}
