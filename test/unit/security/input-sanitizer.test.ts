import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_INPUT_DEPTH, sanitizeInput, stripControlChars } from '../../../src/security/input-sanitizer.js';
import { AppError } from '../../../src/errors/catalogue.js';

/** Any UTF-16 code unit, with the interesting ones (controls, surrogates, ZWNJ) drawn often. */
const unit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)),
  fc.constantFrom('\u0000', '\t', '\n', '\r', '\u001f', '\u007f', '\u0085', '\u009f', '\u00a0', '\u200c'),
  fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '😀', 'ی', 'a'),
);
const anyText = fc.string({ unit });

/** Whether a code unit is one the sanitizer must remove, judged by its own definition. */
const isJunkControl = (c: number) => (c <= 0x1f && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f);
const wellFormed = (s: string) => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const n = s.charCodeAt(i + 1);
      if (!(n >= 0xdc00 && n <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
};

test('examples: controls and lone surrogates go, tab/newline/ZWNJ/emoji stay', () => {
  assert.equal(stripControlChars('عل\u0000ی'), 'علی');
  assert.equal(stripControlChars('a\u0007b\u007fc\u0085d\u009fe'), 'abcde');
  assert.equal(stripControlChars('line1\r\n\tline2'), 'line1\r\n\tline2');
  assert.equal(stripControlChars('می\u200cخواهم'), 'می\u200cخواهم');
  assert.equal(stripControlChars('x😀y'), 'x😀y');
  assert.equal(stripControlChars('x\ud83dy\ude00z'), 'xyz');
  assert.equal(stripControlChars('\ud83d\u0000\ude00'), '', 'removing the NUL does not glue a pair together');
  assert.equal(stripControlChars('\ud83d\ud83d\ude00'), '😀');
  assert.equal(stripControlChars('\u00a0nbsp'), '\u00a0nbsp');
});

test('property: no junk control and no lone surrogate survives; the result is idempotent', () => {
  fc.assert(
    fc.property(anyText, (s) => {
      const out = stripControlChars(s);
      for (let i = 0; i < out.length; i++) assert.ok(!isJunkControl(out.charCodeAt(i)), `U+${out.charCodeAt(i)}`);
      assert.ok(wellFormed(out));
      assert.equal(stripControlChars(out), out);
      // jsonb's rule, checked without a database: the JSON text round-trips to the same string
      assert.equal(JSON.parse(JSON.stringify(out)), out);
    }),
    { numRuns: 2000 },
  );
});

test('property: text without junk is unchanged; everything kept keeps its order', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      const clean = [...s].filter((ch) => !isJunkControl(ch.charCodeAt(0)) || ch.length > 1).join('');
      assert.equal(stripControlChars(clean), clean);
      assert.equal(stripControlChars(s), clean);
    }),
    { numRuns: 1000 },
  );
});

test('bodies: strings in objects and arrays, keys too, are cleaned; other values are kept', () => {
  const body = JSON.parse('{"a\\u0000b":"x\\u0000","n":1,"t":true,"z":null,"list":["\\u0001y",{"k":"\\ud800v"}]}');
  assert.deepEqual(sanitizeInput(body), { ab: 'x', n: 1, t: true, z: null, list: ['y', { k: 'v' }] });
  assert.equal(sanitizeInput('\u0000'), '');
  assert.equal(sanitizeInput(undefined), undefined);
  const buf = Buffer.from([0, 1, 2]);
  assert.equal(sanitizeInput(buf), buf, 'raw bytes are not text');
});

test('bodies: a key named __proto__ stays a plain key and pollutes nothing', () => {
  const body = Object.create(null) as Record<string, unknown>;
  Object.defineProperty(body, '__proto__', { value: { polluted: 'yes\u0000' }, enumerable: true });
  const out = sanitizeInput(body) as Record<string, unknown>;
  assert.deepEqual(Object.getOwnPropertyDescriptor(out, '__proto__')?.value, { polluted: 'yes' });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(out), null, 'the prototype is kept as it was');
});

test('bodies nested deeper than the limit are refused as invalid requests (no stack overflow)', () => {
  let deep: unknown = 'x';
  for (let i = 0; i < 100_000; i++) deep = [deep];
  assert.throws(
    () => sanitizeInput(deep),
    (e: unknown) => e instanceof AppError && e.code === 'request.invalid',
  );
  let ok: unknown = 'x\u0000';
  for (let i = 0; i < MAX_INPUT_DEPTH - 1; i++) ok = [ok];
  assert.doesNotThrow(() => sanitizeInput(ok));
});
