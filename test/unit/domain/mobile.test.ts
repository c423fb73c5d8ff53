import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { maskMobile, normalizeMobile, validateMobile } from '../../../src/domain/mobile.js';
import { toPersianDigits } from '../../../src/domain/digits.js';

const CANONICAL = '09123456789';

describe('normalizeMobile', () => {
  test('every accepted shape gives 09XXXXXXXXX', () => {
    const shapes = [
      '09123456789',
      '9123456789',
      '+989123456789',
      '00989123456789',
      '989123456789',
      '+98 912 345 6789',
      '0098-912-345-6789',
      '98 912 345 67 89',
      '0912 345 6789',
      '0912-345-6789',
      '912 345 6789',
      '(+98) 912 345 6789',
      '  09123456789  ',
      '\u200E+98 912 345 6789\u200F',
      // trunk zero kept after the country code
      '+9809123456789',
      '009809123456789',
      '9809123456789',
    ];
    for (const s of shapes) assert.equal(normalizeMobile(s), CANONICAL, s);
  });

  test('Persian and Arabic-Indic digits', () => {
    assert.equal(normalizeMobile('۰۹۱۲۳۴۵۶۷۸۹'), CANONICAL);
    assert.equal(normalizeMobile('٠٩١٢٣٤٥٦٧٨٩'), CANONICAL);
    assert.equal(normalizeMobile('+۹۸ ۹۱۲ ۳۴۵ ۶۷۸۹'), CANONICAL);
    assert.equal(normalizeMobile('۰۰۹۸۹۱۲۳۴۵۶۷۸۹'), CANONICAL);
    assert.equal(normalizeMobile('۰۹۱۲-٣٤٥-6789'), CANONICAL);
  });

  test('does not reject by operator prefix', () => {
    for (const s of ['09012345678', '09912345678', '09301234567', '09981234567', '09411234567']) {
      assert.equal(normalizeMobile(s), s);
    }
  });

  test('impossible inputs give null', () => {
    const bad = [
      '',
      '   ',
      '0912345678', // 10 digits starting with 0
      '091234567890', // 12 digits
      '08123456789', // not a mobile (landline-like)
      '02112345678', // Tehran landline
      '+9912345678',
      '+98812345678',
      '+1 912 345 6789',
      '0912345678a',
      '+0912345678',
      '۰۹۱۲۳۴۵۶۷۸',
      '912345678',
      '0989123456789',
      '09123+456789',
    ];
    for (const s of bad) assert.equal(normalizeMobile(s), null, s);
  });

  test('is idempotent', () => {
    const mobileish = fc.oneof(
      fc.stringMatching(/^(?:0|\+98|0098|98|\+980)?9\d{9}$/),
      fc.string({ unit: fc.constantFrom(...'0123456789+ -۰۹٩()') }),
      fc.string(),
    );
    fc.assert(
      fc.property(mobileish, (s) => {
        const once = normalizeMobile(s);
        if (once !== null) {
          assert.match(once, /^09\d{9}$/);
          assert.equal(normalizeMobile(once), once);
        }
      }),
    );
  });

  test('all prefixed forms of the same number agree', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (rest) => {
        const canonical = `09${rest}`;
        for (const s of [`09${rest}`, `9${rest}`, `+989${rest}`, `00989${rest}`, `989${rest}`]) {
          assert.equal(normalizeMobile(s), canonical, s);
          assert.equal(normalizeMobile(toPersianDigits(s)), canonical, s);
        }
      }),
    );
  });
});

describe('validateMobile', () => {
  test('ok with canonical value', () => {
    assert.deepEqual(validateMobile('+98 912 345 6789'), { ok: true, value: CANONICAL });
    assert.deepEqual(validateMobile('۰۹۱۲۳۴۵۶۷۸۹'), { ok: true, value: CANONICAL });
  });

  test('required', () => {
    assert.deepEqual(validateMobile(''), { ok: false, error: 'mobile.required' });
    assert.deepEqual(validateMobile('  - '), { ok: false, error: 'mobile.required' });
  });

  test('format', () => {
    assert.deepEqual(validateMobile('0912'), { ok: false, error: 'mobile.format' });
    assert.deepEqual(validateMobile('02112345678'), { ok: false, error: 'mobile.format' });
    assert.deepEqual(validateMobile('abc'), { ok: false, error: 'mobile.format' });
  });
});

describe('maskMobile', () => {
  test('0912***4567', () => {
    assert.equal(maskMobile('09124564567'), '0912***4567');
    assert.equal(maskMobile('+989124564567'), '0912***4567');
  });

  test('non-mobile input keeps only its last four characters', () => {
    assert.equal(maskMobile('12345678'), '****5678');
    assert.equal(maskMobile('123'), '***');
  });

  test('never shows digits 5-7 of a mobile', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^09\d{9}$/), (m) => {
        const masked = maskMobile(m);
        assert.equal(masked, `${m.slice(0, 4)}***${m.slice(7)}`);
      }),
    );
  });
});
