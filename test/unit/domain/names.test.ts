import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { validatePersonName, validateShenasnamehNumber } from '../../../src/domain/names.js';
import { normalizePersianText } from '../../../src/domain/digits.js';

describe('validatePersonName', () => {
  test('Persian names, normalised', () => {
    assert.deepEqual(validatePersonName('علی'), { ok: true, value: 'علی' });
    assert.deepEqual(validatePersonName('  علي  '), { ok: true, value: 'علی' });
    assert.deepEqual(validatePersonName('كاظم'), { ok: true, value: 'کاظم' });
    assert.deepEqual(validatePersonName('علی\u200Cرضا'), { ok: true, value: 'علی\u200Cرضا' });
    assert.deepEqual(validatePersonName('محمد   رضا'), { ok: true, value: 'محمد رضا' });
    assert.deepEqual(validatePersonName('آل‌احمد'), { ok: true, value: 'آل‌احمد' });
    assert.deepEqual(validatePersonName('مؤمنی'), { ok: true, value: 'مؤمنی' });
    assert.deepEqual(validatePersonName('سیدعلی-حسینی'), { ok: true, value: 'سیدعلی-حسینی' });
  });

  test('Latin names for foreign nationals, hyphen and apostrophe', () => {
    assert.deepEqual(validatePersonName("O'Neil"), { ok: true, value: "O'Neil" });
    assert.deepEqual(validatePersonName('Jean-Luc'), { ok: true, value: 'Jean-Luc' });
    assert.deepEqual(validatePersonName('José Müller'), { ok: true, value: 'José Müller' });
    assert.deepEqual(validatePersonName('O’Brien'), { ok: true, value: 'O’Brien' });
  });

  test('required', () => {
    assert.deepEqual(validatePersonName(''), { ok: false, error: 'name.required' });
    assert.deepEqual(validatePersonName('  \u200C '), { ok: false, error: 'name.required' });
  });

  test('too long (more than 60 characters)', () => {
    assert.equal(validatePersonName('ب'.repeat(60)).ok, true);
    assert.deepEqual(validatePersonName('ب'.repeat(61)), { ok: false, error: 'name.too_long' });
  });

  test('invalid characters', () => {
    for (const bad of [
      'علی2',
      'علی۲',
      'Ali3',
      'علی!',
      'علی،رضا',
      'علی؟',
      'a@b',
      'Иван',
      '张伟',
      '-',
      "'",
      'علی.',
      'ali_reza',
      '😀',
    ]) {
      assert.deepEqual(validatePersonName(bad), { ok: false, error: 'name.invalid_chars' }, bad);
    }
  });

  test('value is always normalised and within the limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."ابپتیيكکه \u200C-'Ab۱") }), (s) => {
        const r = validatePersonName(s);
        if (r.ok) {
          assert.equal(r.value, normalizePersianText(s));
          assert.ok([...r.value].length <= 60);
          assert.doesNotMatch(r.value, /[0-9\u064A\u0643]/);
        }
      }),
    );
  });
});

describe('validateShenasnamehNumber', () => {
  const nc = '0012345679';

  test('digits only, 1-10, Persian digits accepted', () => {
    assert.deepEqual(validateShenasnamehNumber('123', nc), { ok: true, value: '123' });
    assert.deepEqual(validateShenasnamehNumber('۱۲۳۴', nc), { ok: true, value: '1234' });
    assert.deepEqual(validateShenasnamehNumber('١٢', nc), { ok: true, value: '12' });
    assert.deepEqual(validateShenasnamehNumber(' 1234567890 ', nc), { ok: true, value: '1234567890' });
  });

  test('the national code itself is accepted', () => {
    assert.deepEqual(validateShenasnamehNumber('0012345679', nc), { ok: true, value: nc });
    assert.deepEqual(validateShenasnamehNumber('۰۰۱۲۳۴۵۶۷۹', nc), { ok: true, value: nc });
  });

  test('the national code typed without its leading zeros becomes the national code', () => {
    assert.deepEqual(validateShenasnamehNumber('12345679', nc), { ok: true, value: nc });
    assert.deepEqual(validateShenasnamehNumber('012345679', nc), { ok: true, value: nc });
  });

  test('0 is refused', () => {
    assert.deepEqual(validateShenasnamehNumber('0', nc), { ok: false, error: 'shenasnameh.zero' });
    assert.deepEqual(validateShenasnamehNumber('۰', nc), { ok: false, error: 'shenasnameh.zero' });
    assert.deepEqual(validateShenasnamehNumber('0000', nc), { ok: false, error: 'shenasnameh.zero' });
  });

  test('required and format', () => {
    assert.deepEqual(validateShenasnamehNumber('', nc), { ok: false, error: 'shenasnameh.required' });
    assert.deepEqual(validateShenasnamehNumber('  ', nc), { ok: false, error: 'shenasnameh.required' });
    assert.deepEqual(validateShenasnamehNumber('12345678901', nc), {
      ok: false,
      error: 'shenasnameh.format',
    });
    assert.deepEqual(validateShenasnamehNumber('12a', nc), { ok: false, error: 'shenasnameh.format' });
    assert.deepEqual(validateShenasnamehNumber('-12', nc), { ok: true, value: '12' });
  });

  test('works without a usable national code', () => {
    assert.deepEqual(validateShenasnamehNumber('12345679', ''), { ok: true, value: '12345679' });
  });

  test('any 1-10 digit number with a non-zero digit is accepted', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{1,10}$/).filter((s) => /[1-9]/.test(s)),
        (s) => {
          const r = validateShenasnamehNumber(s, '1234567891');
          assert.equal(r.ok, true);
          if (r.ok) assert.match(r.value, /^\d{1,10}$/);
        },
      ),
    );
  });
});
