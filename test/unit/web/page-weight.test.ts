import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const pub = join(import.meta.dirname, '..', '..', '..', 'public');
const gz = (name: string) => gzipSync(readFileSync(join(pub, name)), { level: 9 }).length;

test('the heaviest page (one with a captcha) stays under 50 KB of gzipped JS + CSS, font aside', () => {
  const total = gz('app.css') + gz('app.js') + gz('altcha.js');
  assert.ok(total <= 50 * 1024, `${total} bytes`);
  // the solver is its own file, loaded only where a captcha is: a few KB, no widget library
  assert.ok(gz('altcha.js') <= 4 * 1024, `altcha.js: ${gz('altcha.js')} bytes`);
});
