import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  isValidNationalCode,
  maskNationalCode,
  nationalCodeCheckDigit,
  normalizeNationalCode,
  validateNationalCode,
} from '../../../src/domain/national-code.js';
import { toPersianDigits } from '../../../src/domain/digits.js';

/** s mod 11 of the weighted sum of the first nine digits. */
function residue(code: string): number {
  let s = 0;
  for (let i = 0; i < 9; i++) s += Number(code[i]) * (10 - i);
  return s % 11;
}

const allSame = (code: string): boolean => /^(\d)\1*$/.test(code);

/** 9 random digits + computed check digit, not ten identical digits. */
const validCode = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 })
  .map((ds) => {
    const first9 = ds.join('');
    return first9 + String(nationalCodeCheckDigit(first9));
  })
  .filter((code) => !allSame(code));

describe('national code examples from domain.md', () => {
  test('0012345679 is valid', () => {
    assert.equal(isValidNationalCode('0012345679'), true);
    assert.deepEqual(validateNationalCode('0012345679'), { ok: true, value: '0012345679' });
  });

  test('0012345678 is invalid (checksum)', () => {
    assert.equal(isValidNationalCode('0012345678'), false);
    assert.deepEqual(validateNationalCode('0012345678'), { ok: false, error: 'national_code.checksum' });
  });

  test('1234567891 is valid', () => {
    assert.equal(isValidNationalCode('1234567891'), true);
    assert.deepEqual(validateNationalCode('1234567891'), { ok: true, value: '1234567891' });
  });

  test('check digits of the examples', () => {
    assert.equal(nationalCodeCheckDigit('001234567'), 9);
    assert.equal(nationalCodeCheckDigit('123456789'), 1);
  });
});

describe('nationalCodeCheckDigit', () => {
  test('r < 2 gives r, otherwise 11 - r', () => {
    // 000000001 → s = 2 → r = 2 → 9
    assert.equal(nationalCodeCheckDigit('000000001'), 9);
    // 000000000 → s = 0 → 0
    assert.equal(nationalCodeCheckDigit('000000000'), 0);
    // 000000010 → s = 3 → 8
    assert.equal(nationalCodeCheckDigit('000000010'), 8);
    // 100000000 → s = 10 → r = 10 → 1
    assert.equal(nationalCodeCheckDigit('100000000'), 1);
    // 000001000 → s = 5 ; 000000006 → s = 12 → r = 1 → 1
    assert.equal(nationalCodeCheckDigit('000000006'), 1);
  });

  test('throws on anything but nine ASCII digits', () => {
    assert.throws(() => nationalCodeCheckDigit('12345678'), RangeError);
    assert.throws(() => nationalCodeCheckDigit('۰۰۱۲۳۴۵۶۷'), RangeError);
  });

  test('always a single digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (first9) => {
        const c = nationalCodeCheckDigit(first9);
        assert.ok(Number.isInteger(c) && c >= 0 && c <= 9);
      }),
    );
  });
});

describe('isValidNationalCode', () => {
  test('rejects ten identical digits, even those whose sum works out', () => {
    for (let d = 0; d <= 9; d++) {
      const code = String(d).repeat(10);
      assert.equal(isValidNationalCode(code), false, code);
      assert.deepEqual(validateNationalCode(code), { ok: false, error: 'national_code.checksum' });
    }
    // the sum works for 1111111111 (s = 54, r = 10 → 1), yet it is refused
    assert.equal(nationalCodeCheckDigit('111111111'), 1);
  });

  test('only takes a normalised 10-digit string', () => {
    assert.equal(isValidNationalCode('12345679'), false);
    assert.equal(isValidNationalCode('۰۰۱۲۳۴۵۶۷۹'), false);
    assert.equal(isValidNationalCode('001-234567-9'), false);
    assert.equal(isValidNationalCode(''), false);
  });

  test('every generated valid code validates', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        assert.equal(isValidNationalCode(code), true);
        assert.deepEqual(validateNationalCode(code), { ok: true, value: code });
        assert.deepEqual(validateNationalCode(toPersianDigits(code)), { ok: true, value: code });
      }),
    );
  });

  test('a known single-digit change that stays valid: residues 1 and 10 share check digit 1', () => {
    // The full "any single-digit change invalidates" claim is false for this scheme:
    // r = 1 and r = 10 both give check digit 1.
    assert.equal(isValidNationalCode('9687946271'), true);
    assert.equal(isValidNationalCode('0687946271'), true);
    assert.deepEqual(
      [residue('9687946271'), residue('0687946271')].sort((a, b) => a - b),
      [1, 10],
    );
  });

  test('changing the check digit always invalidates', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 1, max: 9 }), (code, delta) => {
        const d = (Number(code[9]) + delta) % 10;
        assert.equal(isValidNationalCode(code.slice(0, 9) + String(d)), false);
      }),
    );
  });

  test('changing one of the first nine digits invalidates unless the residues are 1 and 10', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (code, i, delta) => {
        const d = (Number(code[i]) + delta) % 10;
        const changed = code.slice(0, i) + String(d) + code.slice(i + 1);
        // weights 2..10 and differences 1..9 are never multiples of 11, so the residue always moves
        assert.notEqual(residue(changed), residue(code));
        const pair = [residue(code), residue(changed)].sort((a, b) => a - b).join(',');
        if (pair !== '1,10') {
          assert.equal(isValidNationalCode(changed), false, `${code} → ${changed}`);
        }
      }),
    );
  });
});

describe('normalizeNationalCode / validateNationalCode', () => {
  test('Persian and Arabic digits, separators and bidi marks', () => {
    assert.equal(normalizeNationalCode('۰۰۱۲۳۴۵۶۷۹'), '0012345679');
    assert.equal(normalizeNationalCode('٠٠١٢٣٤٥٦٧٩'), '0012345679');
    assert.equal(normalizeNationalCode(' 001-234567-9 '), '0012345679');
    assert.equal(normalizeNationalCode('\u200E001 234 5679\u200F'), '0012345679');
  });

  test('8 and 9 digit inputs are left-padded to 10', () => {
    assert.equal(normalizeNationalCode('12345679'), '0012345679');
    assert.equal(normalizeNationalCode('012345679'), '0012345679');
    assert.deepEqual(validateNationalCode('12345679'), { ok: true, value: '0012345679' });
    assert.deepEqual(validateNationalCode('۱۲۳۴۵۶۷۹'), { ok: true, value: '0012345679' });
  });

  test('shorter or longer inputs are not padded or cut', () => {
    assert.equal(normalizeNationalCode('1234567'), '1234567');
    assert.equal(normalizeNationalCode('12345678901'), '12345678901');
  });

  test('required', () => {
    assert.deepEqual(validateNationalCode(''), { ok: false, error: 'national_code.required' });
    assert.deepEqual(validateNationalCode('   '), { ok: false, error: 'national_code.required' });
    assert.deepEqual(validateNationalCode(' - '), { ok: false, error: 'national_code.required' });
  });

  test('format', () => {
    for (const bad of ['1234567', '12345678901', '00123a5679', '+012345679', 'abcdefghij', '0012345679۰']) {
      assert.deepEqual(validateNationalCode(bad), { ok: false, error: 'national_code.format' }, bad);
    }
  });

  test('normalisation is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = normalizeNationalCode(s);
        assert.equal(normalizeNationalCode(once), once);
      }),
    );
  });

  test('validate accepts exactly what isValid accepts after normalisation', () => {
    fc.assert(
      fc.property(fc.oneof(validCode, fc.stringMatching(/^\d{8,11}$/)), (s) => {
        const r = validateNationalCode(s);
        const n = normalizeNationalCode(s);
        assert.equal(r.ok, isValidNationalCode(n));
        if (r.ok) assert.equal(r.value, n);
      }),
    );
  });
});

describe('maskNationalCode', () => {
  test('first three and last three visible', () => {
    assert.equal(maskNationalCode('0012345679'), '001****679');
    assert.equal(maskNationalCode('۰۰۱۲۳۴۵۶۷۹'), '001****679');
  });

  test('short values are fully masked', () => {
    assert.equal(maskNationalCode('123'), '***');
    assert.equal(maskNationalCode(''), '');
  });

  test('never reveals the middle four digits of a 10-digit code', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        const m = maskNationalCode(code);
        assert.equal(m.length, 10);
        assert.equal(m.slice(3, 7), '****');
        assert.equal(m.slice(0, 3), code.slice(0, 3));
        assert.equal(m.slice(7), code.slice(7));
      }),
    );
  });
});
