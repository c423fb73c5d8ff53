import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isValidLegalId, legalIdCheckDigit, normalizeLegalId, validateLegalId } from '../../../src/domain/legal-id.js';
import { toPersianDigits } from '../../../src/domain/digits.js';

const validId = fc
  .stringMatching(/^\d{10}$/)
  .map((first10) => first10 + String(legalIdCheckDigit(first10)))
  .filter((id) => !/^(\d)\1{10}$/.test(id));

describe('legal-person national ID examples from domain.md', () => {
  test('10320894878 and 10100302746 are valid', () => {
    for (const id of ['10320894878', '10100302746']) {
      assert.equal(isValidLegalId(id), true, id);
      assert.deepEqual(validateLegalId(id), { ok: true, value: id });
    }
  });

  test('the worked sum of 10320894878: k = 7 + 2, s = 3044, 3044 mod 11 = 8', () => {
    const w = [29, 27, 23, 19, 17, 29, 27, 23, 19, 17];
    const s = [...'1032089487'].reduce((acc, d, i) => acc + (Number(d) + 9) * w[i]!, 0);
    assert.equal(s, 3044);
    assert.equal(legalIdCheckDigit('1032089487'), 8);
  });

  test('a wrong last digit is a checksum error', () => {
    assert.deepEqual(validateLegalId('10320894879'), { ok: false, error: 'legal_id.checksum' });
    assert.deepEqual(validateLegalId('10100302745'), { ok: false, error: 'legal_id.checksum' });
  });

  test('a remainder of 10 counts as check digit 0', () => {
    // find a prefix whose sum leaves 10 and check it needs a 0
    const prefix = fc.sample(fc.stringMatching(/^\d{10}$/), 5000).find((p) => {
      const k = Number(p[9]) + 2;
      const w = [29, 27, 23, 19, 17, 29, 27, 23, 19, 17];
      return [...p].reduce((a, d, i) => a + (Number(d) + k) * w[i]!, 0) % 11 === 10;
    });
    assert.ok(prefix, 'some prefix leaves 10');
    assert.equal(legalIdCheckDigit(prefix), 0);
    assert.equal(isValidLegalId(prefix + '0'), true);
  });

  test('eleven identical digits are refused, even 33333333333 whose sum works out', () => {
    assert.equal(legalIdCheckDigit('3333333333'), 3);
    for (let d = 0; d <= 9; d++) {
      const id = String(d).repeat(11);
      assert.equal(isValidLegalId(id), false, id);
      assert.deepEqual(validateLegalId(id), { ok: false, error: 'legal_id.checksum' });
    }
  });
});

describe('validateLegalId', () => {
  test('Persian and Arabic-Indic digits and separators are read', () => {
    assert.deepEqual(validateLegalId('۱۰۳۲۰۸۹۴۸۷۸'), { ok: true, value: '10320894878' });
    assert.deepEqual(validateLegalId('١٠١٠٠٣٠٢٧٤٦'), { ok: true, value: '10100302746' });
    assert.deepEqual(validateLegalId(' 1032-0894-878 '), { ok: true, value: '10320894878' });
  });

  test('required and format', () => {
    assert.deepEqual(validateLegalId(''), { ok: false, error: 'legal_id.required' });
    assert.deepEqual(validateLegalId('  '), { ok: false, error: 'legal_id.required' });
    // a 10-digit national code is not a legal ID: no padding as for national codes
    for (const bad of ['0084575948', '103208948780', '1032089487a', 'IR10320894']) {
      assert.deepEqual(validateLegalId(bad), { ok: false, error: 'legal_id.format' }, bad);
    }
  });

  test('legalIdCheckDigit takes only ten ASCII digits', () => {
    assert.throws(() => legalIdCheckDigit('123'), RangeError);
    assert.throws(() => legalIdCheckDigit('۱۰۳۲۰۸۹۴۸۷'), RangeError);
  });

  test('every generated ID validates, in Persian digits too', () => {
    fc.assert(
      fc.property(validId, (id) => {
        assert.deepEqual(validateLegalId(id), { ok: true, value: id });
        assert.deepEqual(validateLegalId(toPersianDigits(id)), { ok: true, value: id });
      }),
    );
  });

  test('changing the check digit always invalidates', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 1, max: 9 }), (id, delta) => {
        const d = (Number(id[10]) + delta) % 10;
        assert.equal(isValidLegalId(id.slice(0, 10) + String(d)), false);
      }),
    );
  });

  test('changing one of the first nine digits invalidates (the weights are prime to 11)', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), (id, i, delta) => {
        const changed = id.slice(0, i) + String((Number(id[i]) + delta) % 10) + id.slice(i + 1);
        // the residue moves; it can only land on the same check digit through the 10 → 0 rule
        const r = (s: string) => {
          const k = Number(s[9]) + 2;
          const w = [29, 27, 23, 19, 17, 29, 27, 23, 19, 17];
          return [...s.slice(0, 10)].reduce((a, d, j) => a + (Number(d) + k) * w[j]!, 0) % 11;
        };
        const pair = [r(id), r(changed)].sort((a, b) => a - b).join(',');
        if (pair !== '0,10') assert.equal(isValidLegalId(changed), false, `${id} → ${changed}`);
      }),
    );
  });

  test('normalisation is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => assert.equal(normalizeLegalId(normalizeLegalId(s)), normalizeLegalId(s))),
    );
  });
});
