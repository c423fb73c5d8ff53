/**
 * The Sejam benchmark's registrants: N made-up people every simulator vouches for (the civil
 * registry, Shahkar, the bank-account and postal-code inquiries), written as a people file in
 * the format of sim/people.json (docs/simulators.md), and the forms each of them fills.
 *
 * Every value keeps the domain rules and stays clear of the simulators' magic inputs: national
 * codes from 200000000 on (the magic ones start 999), mobiles 0912…, Shebas whose account part
 * starts with 1 (the magic ones with 999), postal codes without the digit 9 in their first five
 * (the magic ones start 9999).
 */
import { writeFileSync } from 'node:fs';
import { BANKS } from '../src/domain/banks.js';
import { composeSheba } from '../src/domain/sheba.js';
import { isValidPostalCode } from '../src/domain/postal-code.js';
import { isValidNationalCode } from '../src/domain/national-code.js';
import { PROVINCES } from '../src/domain/provinces.js';
import { ALI_FORMS } from '../test/helpers/sejam.js';
import { nationalCodeOf } from './common.js';

export interface Registrant {
  nationalCode: string;
  mobile: string;
  /** The five forms' fields, as a client posts them. */
  forms: {
    identity: Record<string, string>;
    contact: Record<string, string>;
    bank: Record<string, string>;
    job: Record<string, string>;
    financial: Record<string, string>;
  };
}

const MALE = ['علی', 'محمد', 'حسین', 'رضا', 'مهدی', 'امیر', 'سعید', 'مجید', 'کاوه', 'بهرام'];
const FEMALE = ['فاطمه', 'زهرا', 'مریم', 'سارا', 'نرگس', 'لیلا', 'مینا', 'شیرین', 'الهام', 'پریسا'];
const LAST = ['رضایی', 'محمدی', 'حسینی', 'احمدی', 'کریمی', 'موسوی', 'جعفری', 'کاظمی', 'نوری', 'یزدانی', 'صادقی'];
const FATHER = ['حسن', 'عباس', 'یوسف', 'اکبر', 'جواد', 'ناصر', 'محمود'];
const STREETS = ['خیابان آزادی', 'خیابان انقلاب', 'بلوار کشاورز', 'خیابان ولیعصر', 'خیابان بهار', 'بلوار امام'];
// banks that still issue accounts (a merged bank's Shebas circulate, but new ones are not made)
const BANK_CODES = BANKS.filter((b) => !b.mergedInto && b.code !== '010').map((b) => b.code);
/** Digits a postal code's first five may hold (no 0 or 2; no 5, which the fifth may not be; no 9, kept for the magic codes). */
const POSTAL_HEAD = ['1', '3', '4', '6', '7', '8'];

function postalCode(i: number): string {
  let head = '';
  let n = Math.floor(i / 100_000);
  for (let d = 0; d < 5; d++) {
    head += POSTAL_HEAD[n % POSTAL_HEAD.length];
    n = Math.floor(n / POSTAL_HEAD.length);
  }
  const code = head + String(i % 100_000).padStart(5, '0');
  if (!isValidPostalCode(code)) throw new Error(`bench postal code ${code} breaks the domain rules`);
  return code;
}

interface PersonEntry {
  nationalCode: string;
  firstName: string;
  lastName: string;
  fatherName: string;
  birthDate: string;
  gender: 'male' | 'female';
  shenasnamehNumber: string;
  mobiles: string[];
  bankAccounts: { sheba: string }[];
  address: { postalCode: string; province: string; city: string; street: string; plaque: string };
}

function person(i: number): { entry: PersonEntry; registrant: Registrant } {
  const nationalCode = nationalCodeOf(200_000_000 + i);
  if (!isValidNationalCode(nationalCode)) throw new Error(`bench national code ${nationalCode} is not valid`);
  const gender = i % 2 === 0 ? 'male' : 'female';
  const firstName = (gender === 'male' ? MALE : FEMALE)[Math.floor(i / 2) % 10]!;
  const lastName = LAST[i % LAST.length]!;
  const fatherName = FATHER[i % FATHER.length]!;
  const [jy, jm, jd] = [1340 + (i % 45), 1 + (i % 12), 1 + (i % 28)];
  const province = PROVINCES[i % PROVINCES.length]!;
  const city = province.cities[0]!;
  const street = STREETS[i % STREETS.length]!;
  const plaque = String(1 + (i % 300));
  const sheba = composeSheba(BANK_CODES[i % BANK_CODES.length]!, '1' + String(i).padStart(18, '0'));
  const postal = postalCode(i);
  const mobile = `0912${String(1_000_000 + i).padStart(7, '0')}`;
  const shenasnameh = String(1 + (i % 9999));
  const entry: PersonEntry = {
    nationalCode,
    firstName,
    lastName,
    fatherName,
    birthDate: `${jy}/${String(jm).padStart(2, '0')}/${String(jd).padStart(2, '0')}`,
    gender,
    shenasnamehNumber: shenasnameh,
    mobiles: [mobile],
    bankAccounts: [{ sheba }],
    address: { postalCode: postal, province: province.code, city: city.code, street, plaque },
  };
  const registrant: Registrant = {
    nationalCode,
    mobile,
    forms: {
      identity: {
        first_name: firstName,
        last_name: lastName,
        father_name: fatherName,
        birth_date_y: String(jy),
        birth_date_m: String(jm),
        birth_date_d: String(jd),
        birth_place: city.label,
        shenasnameh_number: shenasnameh,
        gender,
      },
      contact: {
        city: city.code,
        address: `${street}، پلاک ${plaque}`,
        postal_code: postal,
        landline: `${province.areaCode}${30_000_000 + i}`,
      },
      bank: { ...ALI_FORMS.bank, sheba_1: sheba, branch_1: `شعبه ${city.label}` },
      job: ALI_FORMS.job,
      financial: ALI_FORMS.financial,
    },
  };
  return { entry, registrant };
}

/** Writes `n` people to `file` (for HOVIYAT_SIM_PEOPLE) and returns them as registrants. */
export function writeBenchPeople(file: string, n: number): Registrant[] {
  if (n > 6 ** 5 * 100_000) throw new Error('too many bench people for unique postal codes');
  const people = Array.from({ length: n }, (_, i) => person(i));
  writeFileSync(file, JSON.stringify(people.map((p) => p.entry)));
  return people.map((p) => p.registrant);
}
