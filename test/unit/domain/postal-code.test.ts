import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  formatPostalCode,
  isValidPostalCode,
  normalizePostalCode,
  validatePostalCode,
} from '../../../src/domain/postal-code.js';
import { toPersianDigits } from '../../../src/domain/digits.js';

/** Five leading digits from 1,3–9 with the fifth not 5, then any five digits. */
const validCode = fc
  .tuple(
    fc.stringMatching(/^[13-9]{4}$/),
    fc.constantFrom('1', '3', '4', '6', '7', '8', '9'),
    fc.stringMatching(/^\d{5}$/),
  )
  .map(([a, b, c]) => a + b + c)
  .filter((c) => !/^(\d)\1{9}$/.test(c));

describe('postal code', () => {
  test('known-good codes', () => {
    for (const code of ['1193653471', '1591717111', '8174673111', '7134845915', '1411713137', '9999911111']) {
      assert.deepEqual(validatePostalCode(code), { ok: true, value: code }, code);
    }
  });

  test('a 0 or 2 among the first five digits, a 5 in fifth place, ten identical digits: refused', () => {
    for (const bad of [
      '0193653471',
      '1293653471',
      '1103653471',
      '1192653471',
      '1193553471',
      '1111111111',
      '9999999999',
    ]) {
      assert.deepEqual(validatePostalCode(bad), { ok: false, error: 'postal_code.invalid' }, bad);
    }
  });

  test('the last five digits may hold 0, 2 and 5', () => {
    assert.equal(isValidPostalCode('1193602505'), true);
  });

  test('required and format', () => {
    assert.deepEqual(validatePostalCode(''), { ok: false, error: 'postal_code.required' });
    assert.deepEqual(validatePostalCode(' - '), { ok: false, error: 'postal_code.required' });
    for (const bad of ['119365347', '11936534711', '11936a5347', 'IR11936534']) {
      assert.deepEqual(validatePostalCode(bad), { ok: false, error: 'postal_code.format' }, bad);
    }
  });

  test('Persian digits, dashes and spaces are read; formatted as envelopes print it', () => {
    assert.deepEqual(validatePostalCode('۱۱۹۳۶-۵۳۴۷۱'), { ok: true, value: '1193653471' });
    assert.deepEqual(validatePostalCode(' 11936 53471 '), { ok: true, value: '1193653471' });
    assert.equal(normalizePostalCode('١١٩٣٦٥٣٤٧١'), '1193653471');
    assert.equal(formatPostalCode('1193653471'), '11936-53471');
    assert.equal(formatPostalCode('123'), '123');
  });

  test('every code built by the rules validates, in Persian digits too', () => {
    fc.assert(
      fc.property(validCode, (c) => {
        assert.deepEqual(validatePostalCode(c), { ok: true, value: c });
        assert.deepEqual(validatePostalCode(toPersianDigits(formatPostalCode(c))), { ok: true, value: c });
      }),
    );
  });

  test('any 10 digits: valid exactly when the three rules hold', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{10}$/), (c) => {
        const rules = !/[02]/.test(c.slice(0, 5)) && c[4] !== '5' && new Set(c).size > 1;
        assert.equal(isValidPostalCode(c), rules, c);
      }),
    );
  });
});
