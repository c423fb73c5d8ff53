import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isLeapJalaaliYear, jalaaliMonthLength } from 'jalaali-js';
import {
  JALALI_MONTHS,
  formatJalali,
  formatJalaliDateTime,
  isoToJalali,
  jalaliFromParts,
  parseJalaliDate,
  validateBirthDate,
} from '../../../src/domain/jalali.js';
import { toPersianDigits } from '../../../src/domain/digits.js';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** A valid Jalali date between 1300 and 1500. */
const jalaliDate = fc
  .record({ jy: fc.integer({ min: 1300, max: 1500 }), jm: fc.integer({ min: 1, max: 12 }), day: fc.nat() })
  .map(({ jy, jm, day }) => ({ jy, jm, jd: 1 + (day % jalaaliMonthLength(jy, jm)) }));

describe('JALALI_MONTHS', () => {
  test('twelve months from فروردین to اسفند', () => {
    assert.equal(JALALI_MONTHS.length, 12);
    assert.equal(JALALI_MONTHS[0], 'فروردین');
    assert.equal(JALALI_MONTHS[6], 'مهر');
    assert.equal(JALALI_MONTHS[11], 'اسفند');
  });
});

describe('parseJalaliDate', () => {
  test('accepted shapes', () => {
    const expected = { ok: true, jy: 1370, jm: 1, jd: 15, iso: '1991-04-04' };
    for (const s of [
      '1370/01/15',
      '1370/1/15',
      '1370-01-15',
      '1370.1.15',
      ' 1370 / 01 / 15 ',
      '۱۳۷۰/۰۱/۱۵',
      '١٣٧٠/٠١/١٥',
      '۱۳۷۰/1/۱۵',
      '\u200F۱۳۷۰/۰۱/۱۵\u200E',
    ]) {
      assert.deepEqual(parseJalaliDate(s), expected, s);
    }
  });

  test('Nowruz and leap days', () => {
    assert.deepEqual(parseJalaliDate('1403/01/01'), { ok: true, jy: 1403, jm: 1, jd: 1, iso: '2024-03-20' });
    assert.deepEqual(parseJalaliDate('1403/12/30'), {
      ok: true,
      jy: 1403,
      jm: 12,
      jd: 30,
      iso: '2025-03-20',
    });
    assert.deepEqual(parseJalaliDate('1404/01/01'), { ok: true, jy: 1404, jm: 1, jd: 1, iso: '2025-03-21' });
    assert.deepEqual(parseJalaliDate('1404/12/30'), { ok: false, error: 'date.invalid' });
  });

  test('required', () => {
    assert.deepEqual(parseJalaliDate(''), { ok: false, error: 'date.required' });
    assert.deepEqual(parseJalaliDate('   '), { ok: false, error: 'date.required' });
  });

  test('format', () => {
    for (const s of [
      '1370',
      '70/01/15',
      '1370/01',
      '1370/001/15',
      '15/01/1370',
      '1370/01/15/1',
      'abc',
      '1370_01_15',
      '1370/a/15',
    ]) {
      assert.deepEqual(parseJalaliDate(s), { ok: false, error: 'date.format' }, s);
    }
  });

  test('invalid', () => {
    for (const s of [
      '1370/13/01',
      '1370/00/10',
      '1370/01/00',
      '1370/01/32',
      '1370/07/31',
      '1399/12/31',
      '0999/01/01',
      '9999/01/01',
    ]) {
      assert.deepEqual(parseJalaliDate(s), { ok: false, error: 'date.invalid' }, s);
    }
  });

  test('roundtrip: any valid date, in any accepted spelling, parses back and formats the same', () => {
    fc.assert(
      fc.property(
        jalaliDate,
        fc.constantFrom('/', '-', '.'),
        fc.boolean(),
        fc.boolean(),
        ({ jy, jm, jd }, sep, padded, persian) => {
          const raw = padded ? `${jy}${sep}${pad(jm)}${sep}${pad(jd)}` : `${jy}${sep}${jm}${sep}${jd}`;
          const r = parseJalaliDate(persian ? toPersianDigits(raw) : raw);
          assert.equal(r.ok, true);
          if (!r.ok) return;
          assert.deepEqual([r.jy, r.jm, r.jd], [jy, jm, jd]);
          assert.match(r.iso, /^\d{4}-\d{2}-\d{2}$/);
          assert.deepEqual(isoToJalali(r.iso), { jy, jm, jd });
          const canonical = `${jy}/${pad(jm)}/${pad(jd)}`;
          assert.equal(formatJalali(r.iso, { persianDigits: false }), canonical);
          assert.equal(formatJalali(r.iso), toPersianDigits(canonical));
          assert.deepEqual(parseJalaliDate(formatJalali(r.iso)), r);
        },
      ),
    );
  });

  test('day 30 of Esfand is valid exactly in leap years', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1300, max: 1500 }), (jy) => {
        assert.equal(parseJalaliDate(`${jy}/12/30`).ok, isLeapJalaaliYear(jy));
      }),
    );
  });
});

describe('jalaliFromParts', () => {
  test('three fields, Persian digits allowed', () => {
    const expected = { ok: true, jy: 1370, jm: 1, jd: 15, iso: '1991-04-04' };
    assert.deepEqual(jalaliFromParts('1370', '1', '15'), expected);
    assert.deepEqual(jalaliFromParts('۱۳۷۰', '۰۱', '۱۵'), expected);
    assert.deepEqual(jalaliFromParts(' ١٣٧٠ ', '01', '15'), expected);
  });

  test('errors', () => {
    assert.deepEqual(jalaliFromParts('', '', ''), { ok: false, error: 'date.required' });
    assert.deepEqual(jalaliFromParts('1370', '', '15'), { ok: false, error: 'date.format' });
    assert.deepEqual(jalaliFromParts('70', '1', '15'), { ok: false, error: 'date.format' });
    assert.deepEqual(jalaliFromParts('1370', '1', 'x'), { ok: false, error: 'date.format' });
    assert.deepEqual(jalaliFromParts('1370', '123', '1'), { ok: false, error: 'date.format' });
    assert.deepEqual(jalaliFromParts('1370', '7', '31'), { ok: false, error: 'date.invalid' });
    assert.deepEqual(jalaliFromParts('1370', '13', '1'), { ok: false, error: 'date.invalid' });
  });

  test('agrees with parseJalaliDate', () => {
    fc.assert(
      fc.property(jalaliDate, ({ jy, jm, jd }) => {
        assert.deepEqual(jalaliFromParts(String(jy), String(jm), String(jd)), parseJalaliDate(`${jy}/${jm}/${jd}`));
      }),
    );
  });
});

describe('isoToJalali / formatJalali', () => {
  test('known dates', () => {
    assert.deepEqual(isoToJalali('2026-11-24'), { jy: 1405, jm: 9, jd: 3 });
    assert.deepEqual(isoToJalali('1991-04-04'), { jy: 1370, jm: 1, jd: 15 });
    assert.equal(formatJalali('2026-11-24'), '۱۴۰۵/۰۹/۰۳');
    assert.equal(formatJalali('2026-11-24', { persianDigits: false }), '1405/09/03');
    assert.equal(formatJalali('2026-11-24', { persianDigits: true }), '۱۴۰۵/۰۹/۰۳');
  });

  test('a Date is taken on the Tehran calendar day (UTC+03:30)', () => {
    assert.equal(formatJalali(new Date('2026-11-24T20:29:59Z')), '۱۴۰۵/۰۹/۰۳');
    assert.equal(formatJalali(new Date('2026-11-24T20:30:00Z')), '۱۴۰۵/۰۹/۰۴');
    assert.equal(formatJalali(new Date('2026-11-23T20:30:00Z')), '۱۴۰۵/۰۹/۰۳');
    // Nowruz 1405 begins at Tehran midnight
    assert.deepEqual(isoToJalali(new Date('2026-03-20T20:29:00Z')), { jy: 1404, jm: 12, jd: 29 });
    assert.deepEqual(isoToJalali(new Date('2026-03-20T20:30:00Z')), { jy: 1405, jm: 1, jd: 1 });
  });

  test('a timestamp string is an instant, a YYYY-MM-DD string a calendar day', () => {
    assert.equal(formatJalali('2026-11-24T21:00:00Z', { persianDigits: false }), '1405/09/04');
    assert.equal(formatJalali('2026-11-24T21:00:00+03:30', { persianDigits: false }), '1405/09/03');
    assert.equal(formatJalali('2026-11-24', { persianDigits: false }), '1405/09/03');
  });

  test('invalid inputs throw RangeError', () => {
    assert.throws(() => isoToJalali('2026-02-30'), RangeError);
    assert.throws(() => isoToJalali('not a date'), RangeError);
    assert.throws(() => formatJalali(new Date(Number.NaN)), RangeError);
  });

  test('does not depend on the process time zone', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2100-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (d) => {
          const tehran = new Date(d.getTime() + 210 * 60_000);
          const iso = tehran.toISOString().slice(0, 10);
          assert.deepEqual(isoToJalali(d), isoToJalali(iso));
        },
      ),
    );
  });
});

describe('formatJalaliDateTime', () => {
  test('Tehran time with Persian digits', () => {
    assert.equal(formatJalaliDateTime(new Date('2026-11-24T10:35:00Z')), '۱۴۰۵/۰۹/۰۳ ۱۴:۰۵');
    assert.equal(formatJalaliDateTime(new Date('2026-11-24T20:29:00Z')), '۱۴۰۵/۰۹/۰۳ ۲۳:۵۹');
    assert.equal(formatJalaliDateTime(new Date('2026-11-24T20:30:00Z')), '۱۴۰۵/۰۹/۰۴ ۰۰:۰۰');
    assert.equal(formatJalaliDateTime(new Date('2026-11-24T10:35:00Z'), { persianDigits: false }), '1405/09/03 14:05');
  });
});

describe('validateBirthDate', () => {
  const now = new Date('2026-11-24T10:00:00Z'); // 1405/09/03 in Tehran

  test('ordinary birth date', () => {
    assert.deepEqual(validateBirthDate('1370/01/15', now), {
      ok: true,
      jy: 1370,
      jm: 1,
      jd: 15,
      iso: '1991-04-04',
    });
    assert.deepEqual(validateBirthDate('۱۳۶۵/۰۶/۳۱', now).ok, true);
  });

  test('today is accepted, tomorrow is in the future (Tehran day)', () => {
    assert.equal(validateBirthDate('1405/09/03', now).ok, true);
    assert.deepEqual(validateBirthDate('1405/09/04', now), { ok: false, error: 'date.in_future' });
    // at 21:00 UTC it is already 1405/09/04 in Tehran
    assert.equal(validateBirthDate('1405/09/04', new Date('2026-11-24T21:00:00Z')).ok, true);
    assert.deepEqual(validateBirthDate('1990/05/12', now), { ok: false, error: 'date.in_future' });
  });

  test('at most 130 years old', () => {
    // 130 years before 2026-11-24 is 1896-11-24 = 1275/09/04
    assert.equal(validateBirthDate('1275/09/04', now).ok, true);
    assert.deepEqual(validateBirthDate('1275/09/03', now), { ok: false, error: 'date.too_old' });
    assert.deepEqual(validateBirthDate('1200/01/01', now), { ok: false, error: 'date.too_old' });
  });

  test('parse errors pass through', () => {
    assert.deepEqual(validateBirthDate('', now), { ok: false, error: 'date.required' });
    assert.deepEqual(validateBirthDate('13700115', now), { ok: false, error: 'date.format' });
    assert.deepEqual(validateBirthDate('1370/07/31', now), { ok: false, error: 'date.invalid' });
  });

  test('defaults to the current time', () => {
    assert.equal(validateBirthDate('1370/01/15').ok, true);
    assert.deepEqual(validateBirthDate('1600/01/01'), { ok: false, error: 'date.in_future' });
  });
});
