import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { errorCodes, errorCatalogue } from '../../src/errors/catalogue.js';
import { errorMessages, formatMessage } from '../../src/phrases/fa.js';

test('every error code has a Persian message and every message a code', () => {
  for (const code of errorCodes) {
    assert.ok(errorMessages[code]?.trim(), `missing message for ${code}`);
    assert.match(errorMessages[code], /[\u0600-\u06FF]/, `message for ${code} is not Persian`);
  }
  assert.deepEqual(Object.keys(errorMessages).sort(), [...errorCodes].sort());
});

test('codes are area.snake_case and statuses are HTTP errors', () => {
  for (const [code, status] of Object.entries(errorCatalogue)) {
    assert.match(code, /^[a-z_]+\.[a-z_]+$/);
    assert.ok(status >= 400 && status < 600);
  }
});

test('placeholders are filled with Persian digits', () => {
  assert.equal(formatMessage('otp.resend_too_soon', { seconds: 42 }).includes('۴۲'), true);
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

test('every error code used in the source is in the catalogue', () => {
  const used = new Set<string>();
  for (const file of walk(join(import.meta.dirname, '..', '..', 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/fieldError\([^,]+,\s*'([a-z_]+\.[a-z_]+)'/g)) used.add(m[1]!);
    for (const m of text.matchAll(/code: '([a-z_]+\.[a-z_]+)'/g)) used.add(m[1]!);
  }
  for (const code of used) assert.ok(code in errorCatalogue, `${code} is used but not catalogued`);
});
