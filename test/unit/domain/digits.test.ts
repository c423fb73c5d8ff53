import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalizeDigits, normalizePersianText, stripSeparators, toPersianDigits } from '../../../src/domain/digits.js';

describe('normalizeDigits', () => {
  test('Persian and Arabic-Indic digits become ASCII', () => {
    assert.equal(normalizeDigits('۰۱۲۳۴۵۶۷۸۹'), '0123456789');
    assert.equal(normalizeDigits('٠١٢٣٤٥٦٧٨٩'), '0123456789');
    assert.equal(normalizeDigits('کد ۰۰۱۲۳٤٥٦٧٩ x'), 'کد 0012345679 x');
  });

  test('other characters are untouched', () => {
    assert.equal(normalizeDigits('abc-123'), 'abc-123');
    assert.equal(normalizeDigits(''), '');
  });

  test('the output never contains Persian or Arabic digits and keeps its length', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = normalizeDigits(s);
        assert.equal(out.length, s.length);
        assert.doesNotMatch(out, /[\u06F0-\u06F9\u0660-\u0669]/);
      }),
    );
  });

  test('toPersianDigits and normalizeDigits are inverse on ASCII digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]*$/), (s) => {
        const fa = toPersianDigits(s);
        assert.match(fa, /^[\u06F0-\u06F9]*$/);
        assert.equal(normalizeDigits(fa), s);
      }),
    );
  });
});

describe('toPersianDigits', () => {
  test('ASCII digits become Persian, the rest stays', () => {
    assert.equal(toPersianDigits('1405/09/03 14:05'), '۱۴۰۵/۰۹/۰۳ ۱۴:۰۵');
    assert.equal(toPersianDigits('abc'), 'abc');
  });
});

describe('normalizePersianText', () => {
  test('Arabic yeh, alef maksura and kaf become Persian', () => {
    assert.equal(normalizePersianText('علي'), 'علی');
    assert.equal(normalizePersianText('موسى'), 'موسی');
    assert.equal(normalizePersianText('كاظم'), 'کاظم');
    assert.equal(normalizePersianText('\u064A\u0649\u0643'), '\u06CC\u06CC\u06A9');
  });

  test('digits are normalised', () => {
    assert.equal(normalizePersianText('پلاک ۱۲'), 'پلاک 12');
  });

  test('trims and collapses whitespace (including NBSP, tabs, newlines)', () => {
    assert.equal(normalizePersianText('  محمد \t\n  رضا\u00A0 '), 'محمد رضا');
  });

  test('keeps ZWNJ inside a word', () => {
    assert.equal(normalizePersianText('علی\u200Cرضا'), 'علی\u200Cرضا');
    assert.equal(normalizePersianText('می\u200Cروم'), 'می\u200Cروم');
  });

  test('drops meaningless ZWNJ at the ends or next to spaces and collapses runs', () => {
    assert.equal(normalizePersianText('\u200Cعلی\u200C'), 'علی');
    assert.equal(normalizePersianText('علی\u200C رضا'), 'علی رضا');
    assert.equal(normalizePersianText('علی\u200C\u200Cرضا'), 'علی\u200Cرضا');
    assert.equal(normalizePersianText('علی\u200C \u200Cرضا'), 'علی رضا');
  });

  test('applies NFC', () => {
    // alef + madda above (decomposed) → آ
    assert.equal(normalizePersianText('\u0627\u0653ب'), '\u0622ب');
    assert.equal(normalizePersianText('e\u0301'), '\u00E9');
  });

  test('is idempotent', () => {
    const persianish = fc.constantFrom(
      ...'ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكىئأآ۰۱۲٠١٢0123 \t\n\u200C\u200D\u200F\u0654\u0653\u064Bea\u0301',
    );
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: persianish }), fc.string({ unit: 'binary' })), (s) => {
        const once = normalizePersianText(s);
        assert.equal(normalizePersianText(once), once);
      }),
    );
  });

  test('output has no Arabic yeh/kaf, no non-ASCII digits, no leading/trailing whitespace', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = normalizePersianText(s);
        assert.doesNotMatch(out, /[\u064A\u0649\u0643\u06F0-\u06F9\u0660-\u0669]/);
        assert.doesNotMatch(out, /^[\s\u200C]|[\s\u200C]$|\s\s|[^ \S]/);
      }),
    );
  });
});

describe('stripSeparators', () => {
  test('removes spaces, hyphens, underscores, dots', () => {
    assert.equal(stripSeparators(' 001-234_567.9 '), '0012345679');
  });

  test('removes bidi marks and isolates', () => {
    const marks = '\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069';
    assert.equal(stripSeparators(`${marks}12${marks}34${marks}`), '1234');
  });

  test('removes zero-width characters, NBSP and dash variants', () => {
    assert.equal(stripSeparators('\uFEFF12\u200B3\u200C4\u00A05\u20136\u22127'), '1234567');
  });

  test('keeps letters, digits and plus', () => {
    assert.equal(stripSeparators('+98 912'), '+98912');
    assert.equal(stripSeparators('ab۱۲'), 'ab۱۲');
  });
});
