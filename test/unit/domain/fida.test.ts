import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { validateFidaCode } from '../../../src/domain/fida.js';
import { toPersianDigits } from '../../../src/domain/digits.js';

describe('validateFidaCode', () => {
  test('12 digits are accepted, with Persian/Arabic digits and separators', () => {
    assert.deepEqual(validateFidaCode('123456789012'), { ok: true, value: '123456789012' });
    assert.deepEqual(validateFidaCode('۱۲۳۴۵۶۷۸۹۰۱۲'), { ok: true, value: '123456789012' });
    assert.deepEqual(validateFidaCode('١٢٣٤٥٦٧٨٩٠١٢'), { ok: true, value: '123456789012' });
    assert.deepEqual(validateFidaCode(' 1234-5678-9012 '), { ok: true, value: '123456789012' });
    assert.deepEqual(validateFidaCode('001234567890'), { ok: true, value: '001234567890' });
  });

  test('required', () => {
    assert.deepEqual(validateFidaCode(''), { ok: false, error: 'fida.required' });
    assert.deepEqual(validateFidaCode('  '), { ok: false, error: 'fida.required' });
  });

  test('wrong length, non-digits and twelve identical digits are format errors', () => {
    for (const bad of ['12345678901', '1234567890123', '12345678901a', '0012345679', '000000000000', '999999999999']) {
      assert.deepEqual(validateFidaCode(bad), { ok: false, error: 'fida.format' }, bad);
    }
  });

  test('any 12 digits not all identical pass, in either script', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{12}$/).filter((s) => !/^(\d)\1{11}$/.test(s)),
        (s) => {
          assert.deepEqual(validateFidaCode(s), { ok: true, value: s });
          assert.deepEqual(validateFidaCode(toPersianDigits(s)), { ok: true, value: s });
        },
      ),
    );
  });
});
