import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatLandline, normalizeLandline, validateLandline } from '../../../src/domain/landline.js';
import { PROVINCES } from '../../../src/domain/provinces.js';
import { toPersianDigits } from '../../../src/domain/digits.js';

describe('landline', () => {
  test('a Tehran number in the shapes people type it', () => {
    for (const typed of [
      '02188001234',
      '021-88001234',
      '(021) 8800 1234',
      '+98 21 8800 1234',
      '00982188001234',
      '982188001234',
      toPersianDigits('021-88001234'),
      '٠٢١٨٨٠٠١٢٣٤',
    ]) {
      const r = validateLandline(typed);
      assert.ok(r.ok, typed);
      assert.equal(r.value, '02188001234');
      assert.equal(r.areaCode, '021');
      assert.equal(r.number, '88001234');
      assert.equal(r.province.code, 'tehran');
    }
  });

  test('the area code names its province', () => {
    const r = validateLandline('031-32221234');
    assert.ok(r.ok);
    assert.equal(r.province.label, 'اصفهان');
    assert.equal(formatLandline(r.value), '031-32221234');
  });

  test('every province area code works; an unknown one is refused', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROVINCES), fc.stringMatching(/^[1-9]\d{7}$/), (p, n) => {
        const r = validateLandline(p.areaCode + n);
        assert.ok(r.ok);
        assert.equal(r.province.code, p.code);
      }),
    );
    // 019, 029, 055, 089: no province has them
    for (const bad of ['01988001234', '02988001234', '05588001234', '08988001234']) {
      assert.equal(
        PROVINCES.some((p) => p.areaCode === bad.slice(0, 3)),
        false,
        bad,
      );
      assert.deepEqual(validateLandline(bad), { ok: false, error: 'landline.area_code' }, bad);
    }
  });

  test('a mobile number gets its own message', () => {
    assert.deepEqual(validateLandline('09121234567'), { ok: false, error: 'landline.is_mobile' });
    assert.deepEqual(validateLandline('+989121234567'), { ok: false, error: 'landline.is_mobile' });
  });

  test('required and format', () => {
    assert.deepEqual(validateLandline(''), { ok: false, error: 'landline.required' });
    assert.deepEqual(validateLandline(' () '), { ok: false, error: 'landline.required' });
    // too short, too long, no area code, a local number starting with 0
    for (const bad of ['0218800123', '021880012345', '88001234', '02108001234', 'phone']) {
      assert.deepEqual(validateLandline(bad), { ok: false, error: 'landline.format' }, bad);
    }
  });

  test('normalisation is idempotent on what it accepts', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = normalizeLandline(s);
        if (once !== null) assert.equal(normalizeLandline(once), once);
      }),
    );
  });
});
