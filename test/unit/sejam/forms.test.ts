import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Profile } from '../../../src/sejam/profiles.js';
import { sectionSchemas } from '../../../src/sejam/sections.js';
import { contactForm } from '../../../src/journeys/sejam/forms/contact.js';
import { bankForm } from '../../../src/journeys/sejam/forms/bank.js';
import { jobForm } from '../../../src/journeys/sejam/forms/job.js';
import { financialForm } from '../../../src/journeys/sejam/forms/financial.js';
import { identityForm } from '../../../src/journeys/sejam/forms/identity.js';
import { companyForm } from '../../../src/journeys/sejam/forms/company.js';
import { representativesForm } from '../../../src/journeys/sejam/forms/representatives.js';
import { composeSheba } from '../../../src/domain/sheba.js';
import type { z } from 'zod';
import { PROVINCES } from '../../../src/domain/provinces.js';
import { COMPANY_TYPES, OCCUPATIONS, REPRESENTATIVE_POSITIONS } from '../../../src/domain/occupations.js';
import {
  ACCOUNT_TYPES,
  ASSET_VALUE,
  EXPECTED_TRADING_VALUE,
  INSTRUMENT_EXPERIENCE,
  MARKET_EXPERIENCE,
  MARKET_KNOWLEDGE,
  MONTHLY_INCOME,
  SOURCE_OF_FUNDS,
} from '../../../src/domain/kyc-choices.js';

const now = new Date('2026-11-24T08:00:00Z');
const natural = {
  identifier: '0084575948',
  representative_code: null,
  person_type: 'natural',
  mobile: '09121234567',
} as Profile;
const legal = {
  identifier: '10320894878',
  representative_code: '0084575948',
  person_type: 'legal',
  mobile: '09121234567',
} as Profile;
const fields = (r: { ok: boolean; errors?: { field: string | null }[] }) => (r.ok ? [] : r.errors!.map((e) => e.field));

/** Every form: what it parses, its stored schema accepts, and its values() fill the form to parse the same again. */
function roundTrip<N extends keyof typeof sectionSchemas>(
  form: {
    section: N;
    parse: (i: Record<string, string>, p: Profile, n: Date) => { ok: boolean; value?: unknown };
    values: (s: never) => Record<string, string>;
  },
  input: Record<string, string>,
  profile: Profile,
) {
  const r = form.parse(input, profile, now);
  assert.ok(r.ok, `${form.section} parses: ${JSON.stringify(r)}`);
  assert.ok(sectionSchemas[form.section].safeParse(r.value).success, `${form.section} fits its stored schema`);
  const again = form.parse(form.values(r.value as never), profile, now);
  assert.deepEqual(again, r, `${form.section} reads back from its own values`);
  return r.value;
}

test('contact: a city names its province; Persian digits; optional email', () => {
  const v = roundTrip(
    contactForm,
    { city: 'karaj', address: 'خیابان آزادی، پلاک ۱۲', postal_code: '۱۳۱۸۷۶۵۴۳۱', landline: '026-32123456', email: '' },
    natural,
  );
  assert.deepEqual(v, {
    province: 'alborz',
    city: 'karaj',
    address: 'خیابان آزادی، پلاک 12',
    postalCode: '1318765431',
    landline: '02632123456',
    email: null,
  });
  assert.deepEqual(
    fields(
      contactForm.parse(
        { city: 'atlantis', address: ' ', postal_code: '12', landline: '09121234567', email: 'x@' },
        natural,
        now,
      ),
    ),
    ['city', 'address', 'postal_code', 'landline', 'email'],
  );
});

test('contact: every city of the shipped list is kept (a long province code must not lose the saved form)', () => {
  for (const province of PROVINCES) {
    for (const city of province.cities) {
      const v = roundTrip(
        contactForm,
        { city: city.code, address: 'خیابان آزادی، پلاک ۱۲', postal_code: '1318765431', landline: '02632123456' },
        natural,
      ) as { province: string; city: string };
      assert.deepEqual([v.province, v.city], [province.code, city.code]);
    }
  }
});

test('bank: one account is enough and becomes the default; a half-filled second slot is named; duplicates refused', () => {
  const sheba = composeSheba('017', '0000000123456789012');
  const one = roundTrip(
    bankForm,
    { sheba_1: sheba.toLowerCase(), branch_1: 'مرکزی', account_type_1: 'current', default_account: '' },
    natural,
  ) as { accounts: { isDefault: boolean; bankCode: string }[] };
  assert.equal(one.accounts.length, 1);
  assert.equal(one.accounts[0]!.isDefault, true);
  assert.equal(one.accounts[0]!.bankCode, '017');
  // longer than the stored section keeps: refused here rather than saved and then unreadable
  assert.deepEqual(
    fields(
      bankForm.parse(
        { sheba_1: sheba, branch_1: 'ب'.repeat(61), account_type_1: 'current', default_account: '1' },
        natural,
        now,
      ),
    ),
    ['branch_1'],
  );
  assert.deepEqual(
    fields(
      bankForm.parse(
        { sheba_1: sheba, branch_1: 'مرکزی', account_type_1: 'current', sheba_2: sheba, default_account: '1' },
        natural,
        now,
      ),
    ),
    ['sheba_2', 'branch_2', 'account_type_2'],
  );
  const other = composeSheba('012', '0000000987654321098');
  assert.deepEqual(
    fields(
      bankForm.parse(
        {
          sheba_1: sheba,
          branch_1: 'الف',
          account_type_1: 'current',
          sheba_2: other,
          branch_2: 'ب',
          account_type_2: 'current_x',
          default_account: '',
        },
        natural,
        now,
      ),
    ),
    ['account_type_2'],
  );
  assert.deepEqual(
    fields(
      bankForm.parse(
        {
          sheba_1: sheba,
          branch_1: 'الف',
          account_type_1: 'current',
          sheba_2: other,
          branch_2: 'ب',
          account_type_2: 'current',
          default_account: '',
        },
        natural,
        now,
      ),
    ),
    ['default_account'],
  );
});

test('job: a student names no employer; an employee must; every occupation is kept', () => {
  roundTrip(jobForm, { occupation: 'student', employer: '', position: '', work_address: '', work_phone: '' }, natural);
  for (const occupation of OCCUPATIONS.codes) {
    roundTrip(jobForm, { occupation, employer: 'شرکت نمونه', position: '', work_address: '', work_phone: '' }, natural);
  }
  assert.deepEqual(
    fields(
      jobForm.parse(
        { occupation: 'engineer', employer: '', position: '', work_address: '', work_phone: '' },
        natural,
        now,
      ),
    ),
    ['employer'],
  );
});

test('financial: every single choice and at least one of each multiple choice', () => {
  const input = {
    income: 'below_100m',
    assets: 'below_5b',
    trading_value: 'below_1b',
    knowledge: 'low',
    experience: 'none',
    source_salary: 'on',
    source_savings: 'on',
    instrument_stocks: 'on',
  };
  const v = roundTrip(financialForm, input, natural) as { sourceOfFunds: string[] };
  assert.deepEqual(v.sourceOfFunds, ['salary', 'savings']);
  assert.deepEqual(fields(financialForm.parse({ income: 'lots' }, natural, now)), [
    'income',
    'assets',
    'trading_value',
    'knowledge',
    'experience',
    'source',
    'instrument',
  ]);
});

test('identity: names, a Jalali birth date stored Gregorian, shenasnameh rules', () => {
  const v = roundTrip(
    identityForm,
    {
      first_name: 'علي',
      last_name: 'رضایی',
      father_name: 'حسین',
      birth_date_y: '۱۳۷۰',
      birth_date_m: '1',
      birth_date_d: '15',
      birth_place: 'تهران',
      shenasnameh_number: '1523',
      shenasnameh_serial: '',
      gender: 'male',
    },
    natural,
  ) as { birthDate: string; firstName: string };
  assert.equal(v.birthDate, '1991-04-04');
  assert.equal(v.firstName, 'علی', 'Arabic ي read as Persian ی');
  assert.deepEqual(
    fields(
      identityForm.parse(
        {
          first_name: '',
          last_name: 'x1',
          father_name: 'حسین',
          birth_date_y: '1500',
          birth_date_m: '1',
          birth_date_d: '1',
          birth_place: '',
          shenasnameh_number: '0',
          gender: '',
        },
        natural,
        now,
      ),
    ),
    ['first_name', 'last_name', 'birth_date', 'birth_place', 'shenasnameh_number', 'gender'],
  );
});

test('legal person: the company, and representatives that include the registrant with a signatory', () => {
  roundTrip(
    companyForm,
    {
      name: 'شرکت نمونه',
      registration_number: '۱۲۳۴۵',
      registration_date_y: '1390',
      registration_date_m: '5',
      registration_date_d: '10',
      registration_place: 'تهران',
      company_type: 'private_joint_stock',
    },
    legal,
  );
  for (const type of COMPANY_TYPES.codes) {
    const company = {
      name: 'شرکت نمونه',
      registration_number: '12345',
      registration_date_y: '1390',
      registration_date_m: '5',
      registration_date_d: '10',
      registration_place: 'تهران',
    };
    roundTrip(companyForm, { ...company, company_type: type }, legal);
  }
  assert.deepEqual(
    fields(
      companyForm.parse(
        {
          name: '',
          registration_number: '',
          registration_date_y: '1499',
          registration_date_m: '1',
          registration_date_d: '1',
          registration_place: '',
          company_type: '',
        },
        legal,
        now,
      ),
    ),
    ['name', 'registration_number', 'registration_date', 'registration_place', 'company_type'],
  );
  roundTrip(
    representativesForm,
    { national_code_1: '0084575948', first_name_1: 'علی', last_name_1: 'رضایی', position_1: 'ceo', signing_1: 'on' },
    legal,
  );
  assert.deepEqual(
    fields(
      representativesForm.parse(
        {
          national_code_1: '0012345679',
          first_name_1: 'مریم',
          last_name_1: 'حسینی',
          position_1: 'ceo',
          signing_1: 'on',
        },
        legal,
        now,
      ),
    ),
    ['national_code_1'],
    'the registrant must be listed',
  );
  assert.deepEqual(
    fields(
      representativesForm.parse(
        { national_code_1: '0084575948', first_name_1: 'علی', last_name_1: 'رضایی', position_1: 'ceo' },
        legal,
        now,
      ),
    ),
    ['signing_1'],
    'somebody must sign',
  );
});

test('every code of the shipped lists fits the stored sections (a long province or occupation code too)', () => {
  const { contact, bank, job, financial, company, representatives } = sectionSchemas;
  const field = (schema: z.ZodType, codes: readonly string[], what: string) => {
    for (const c of codes) assert.ok(schema.safeParse(c).success, `${what} ${c} is stored`);
  };
  field(
    contact.shape.province,
    PROVINCES.map((p) => p.code),
    'province',
  );
  field(
    contact.shape.city,
    PROVINCES.flatMap((p) => p.cities.map((c) => c.code)),
    'city',
  );
  field(bank.shape.accounts.element.shape.accountType, ACCOUNT_TYPES.codes, 'account type');
  field(job.shape.occupation, OCCUPATIONS.codes, 'occupation');
  field(company.shape.companyType, COMPANY_TYPES.codes, 'company type');
  field(representatives.shape.list.element.shape.position, REPRESENTATIVE_POSITIONS.codes, 'position');
  field(financial.shape.incomeBracket, MONTHLY_INCOME.codes, 'income');
  field(financial.shape.assetBracket, ASSET_VALUE.codes, 'assets');
  field(financial.shape.sourceOfFunds.element, SOURCE_OF_FUNDS.codes, 'source of funds');
  field(financial.shape.expectedTradingValue, EXPECTED_TRADING_VALUE.codes, 'trading value');
  field(financial.shape.knowledge, MARKET_KNOWLEDGE.codes, 'knowledge');
  field(financial.shape.experience, MARKET_EXPERIENCE.codes, 'experience');
  field(financial.shape.instruments.element, INSTRUMENT_EXPERIENCE.codes, 'instrument');
  // and through the form: an address in East Azerbaijan is saved complete
  roundTrip(
    contactForm,
    { city: 'tabriz', address: 'خیابان امام خمینی، پلاک ۳۳', postal_code: '5156913444', landline: '04132001234' },
    natural,
  );
});
