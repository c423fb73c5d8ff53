/**
 * Durations a person reads (pages, messages, SMS texts) come from the configured limits: no literal
 * «۲۰ دقیقه» or «48 hours» in the source's text, only a number passed in. Comments may say what
 * the defaults are.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

/** The file without its comments (block comments, JSX comments and `//` comments). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[\s;{}(),])\/\/.*$/gm, '$1');
}

const NUMBER = String.raw`(?:[0-9\u06F0-\u06F9\u0660-\u0669]+|یک|دو|سه|چهار|پنج|شش|هفت|هشت|نه|ده|بیست|سی|چهل|شصت)`;
const PERSIAN = new RegExp(`${NUMBER}(?:\\s|\\u200c)*(?:دقیقه|ساعت|ثانیه|روز|هفته)`, 'u');
// inside a string or template literal: English text, e.g. an API message
const LATIN = /['"`][^'"`\n]*\b\d+\s?(?:minutes?|hours?|seconds?|days?|weeks?)\b/i;

function literalDurations(source: string): string[] {
  const found: string[] = [];
  for (const [i, line] of withoutComments(source).split('\n').entries()) {
    if (PERSIAN.test(line) || LATIN.test(line)) found.push(`${i + 1}: ${line.trim().slice(0, 120)}`);
  }
  return found;
}

test('the checker finds literal durations and leaves comments and parameters alone', () => {
  assert.equal(literalDurations("const a = 'تا ۲۰ دقیقه معتبر است';").length, 1);
  assert.equal(literalDurations('const a = `در 48 ساعت`;').length, 1);
  assert.equal(literalDurations("const a = 'valid for 20 minutes';").length, 1);
  assert.equal(literalDurations("const a = 'بیست دقیقه';").length, 1);
  assert.equal(literalDurations('const a = `تا ${minutes} دقیقه`; // the default is 20 minutes').length, 0);
  assert.equal(literalDurations('/** waits 48 hours */\nconst x = 1;').length, 0);
  assert.equal(literalDurations("const a = 'چند دقیقه دیگر';").length, 0);
});

test('no user-facing text in src/ states a literal duration', () => {
  const offenders = walk(join(root, 'src')).flatMap((file) =>
    literalDurations(readFileSync(file, 'utf8')).map((l) => `${relative(root, file)}:${l}`),
  );
  assert.deepEqual(offenders, [], `literal durations:\n${offenders.join('\n')}`);
});
