/**
 * The shipped lists: 31 provinces with their cities and area codes, and every choice list of the
 * Sejam forms — stable snake_case codes, Persian labels, nothing duplicated.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import {
  PROVINCES,
  cityByCode,
  findCityByName,
  findProvinceByName,
  isCityOf,
  provinceByAreaCode,
  provinceByCode,
} from '../../../src/domain/provinces.js';
import * as kyc from '../../../src/domain/kyc-choices.js';
import * as jobs from '../../../src/domain/occupations.js';
import { choices, type ChoiceList } from '../../../src/domain/choices.js';

const CODE = /^[a-z0-9]+(?:_[a-z0-9]+)*$/;
const PERSIAN = /^[\u0600-\u06FF\u200C ()،]+$/;

describe('provinces and cities', () => {
  test('all 31 provinces, each with a unique code, name and area code, and its cities', () => {
    assert.equal(PROVINCES.length, 31);
    assert.equal(new Set(PROVINCES.map((p) => p.code)).size, 31);
    assert.equal(new Set(PROVINCES.map((p) => p.label)).size, 31);
    assert.equal(new Set(PROVINCES.map((p) => p.areaCode)).size, 31);
    for (const p of PROVINCES) {
      assert.match(p.code, CODE);
      assert.match(p.label, PERSIAN);
      assert.match(p.areaCode, /^0[1-8]\d$/);
      assert.ok(p.cities.length >= 4, `${p.code} lists its main cities`);
      for (const c of p.cities) {
        assert.match(c.code, CODE);
        assert.match(c.label, PERSIAN, c.code);
      }
    }
  });

  test('city codes are unique across the country, so a city code names its province', () => {
    const all = PROVINCES.flatMap((p) => p.cities.map((c) => c.code));
    assert.equal(new Set(all).size, all.length);
    assert.equal(cityByCode('shiraz')?.province.code, 'fars');
    assert.equal(cityByCode('nowhere'), null);
    assert.equal(isCityOf('fars', 'shiraz'), true);
    assert.equal(isCityOf('tehran', 'shiraz'), false);
  });

  test('capitals come first', () => {
    const capital = (code: string) => provinceByCode(code)?.cities[0]?.label;
    assert.equal(capital('tehran'), 'تهران');
    assert.equal(capital('razavi_khorasan'), 'مشهد');
    assert.equal(capital('east_azerbaijan'), 'تبریز');
    assert.equal(capital('khuzestan'), 'اهواز');
    assert.equal(capital('alborz'), 'کرج');
  });

  test('area codes name provinces', () => {
    assert.equal(provinceByAreaCode('021')?.code, 'tehran');
    assert.equal(provinceByAreaCode('026')?.code, 'alborz');
    assert.equal(provinceByAreaCode('011')?.code, 'mazandaran');
    assert.equal(provinceByAreaCode('099'), null);
  });

  test('names written by other systems are found: «استان», Arabic letters, ZWNJ or space', () => {
    assert.equal(findProvinceByName('استان تهران')?.code, 'tehran');
    assert.equal(findProvinceByName('آذربايجان شرقي')?.code, 'east_azerbaijan');
    assert.equal(findProvinceByName('کهگیلویه وبویراحمد')?.code, 'kohgiluyeh_boyer_ahmad');
    assert.equal(findProvinceByName('آتلانتیس'), null);
    const isfahan = provinceByCode('isfahan');
    assert.ok(isfahan);
    assert.equal(findCityByName(isfahan, 'شهر خمینی شهر')?.code, 'khomeinishahr');
    assert.equal(findCityByName(isfahan, 'شیراز'), null);
  });
});

const lists: [string, ChoiceList<string>][] = [
  ...Object.entries(kyc).map(([n, l]) => [n, l] as [string, ChoiceList<string>]),
  ...Object.entries(jobs).map(([n, l]) => [n, l] as [string, ChoiceList<string>]),
];

describe('choice lists', () => {
  test('every list: snake_case unique codes, Persian labels, codes in display order', () => {
    assert.ok(lists.length >= 11);
    for (const [name, list] of lists) {
      assert.ok(list.items.length >= 3, name);
      assert.deepEqual(
        list.codes,
        list.items.map((i) => i.code),
        name,
      );
      assert.equal(new Set(list.codes).size, list.codes.length, `${name}: duplicate code`);
      assert.equal(new Set(list.items.map((i) => i.label)).size, list.items.length, `${name}: duplicate label`);
      for (const i of list.items) {
        assert.match(i.code, CODE, `${name}.${i.code}`);
        assert.match(i.label, /[\u0600-\u06FF]/, `${name}.${i.code}`);
        assert.equal(list.has(i.code), true);
        assert.equal(list.label(i.code), i.label);
      }
      assert.equal(list.has('no_such_code'), false);
      assert.equal(list.label('no_such_code'), 'no_such_code');
      assert.ok(Object.isFrozen(list.items) && Object.isFrozen(list.items[0]));
    }
  });

  test('the lists the issue names hold the expected entries', () => {
    assert.equal(jobs.COMPANY_TYPES.label('private_joint_stock'), 'سهامی خاص');
    assert.equal(jobs.COMPANY_TYPES.label('public_joint_stock'), 'سهامی عام');
    assert.equal(jobs.COMPANY_TYPES.label('limited_liability'), 'با مسئولیت محدود');
    assert.equal(jobs.COMPANY_TYPES.label('cooperative'), 'تعاونی');
    assert.equal(kyc.ACCOUNT_TYPES.label('current'), 'حساب جاری');
    assert.equal(kyc.ACCOUNT_TYPES.label('short_term_deposit'), 'سپرده کوتاه‌مدت');
    assert.equal(kyc.ACCOUNT_TYPES.label('qard_hasaneh_savings'), 'قرض‌الحسنه پس‌انداز');
  });

  test('codes feed zod enums, so a form accepts only listed codes', () => {
    const schema = z.enum(kyc.MONTHLY_INCOME.codes);
    assert.equal(schema.safeParse('below_100m').success, true);
    assert.equal(schema.safeParse('کمتر از ۱۰۰ میلیون ریال').success, false);
  });

  test('a list with a duplicate code is refused when it is defined', () => {
    assert.throws(
      () =>
        choices([
          ['a', 'الف'],
          ['a', 'ب'],
        ]),
      /duplicate code/,
    );
  });
});
