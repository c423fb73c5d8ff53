/**
 * The records the Sejam inquiry simulators answer from: the demo people's accounts and addresses,
 * sim/companies.json, and clear errors for bad entries in either file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateSheba } from '../../../src/domain/sheba.js';
import { isCityOf } from '../../../src/domain/provinces.js';
import {
  createCompanies,
  DEFAULT_COMPANIES_PATH,
  loadCompanies,
} from '../../../src/registries/simulation/companies.js';
import { createInquiryRecords } from '../../../src/registries/simulation/inquiry-records.js';
import { createPopulation } from '../../../src/registries/simulation/population.js';
import { startSimulatedGateway } from '../../../src/registries/simulation/gateway-server.js';
import { CODES, demo } from './helpers.js';
import { records, SHEBAS } from './inquiry-contract.js';

const person = {
  nationalCode: '0084575948',
  firstName: 'علی',
  lastName: 'رضایی',
  fatherName: 'حسین',
  birthDate: '1370/01/15',
  gender: 'male',
  shenasnamehNumber: '1523',
  mobiles: ['09121234567'],
};
const address = {
  postalCode: '1463743331',
  province: 'tehran',
  city: 'tehran',
  street: 'خیابان ستارخان',
  plaque: '12',
};
const company = {
  nationalId: '10320894878',
  name: 'شرکت نمونه',
  type: 'private_joint_stock',
  registrationNumber: '281934',
  registrationDate: '1385/04/12',
  registrationPlace: 'tehran',
  representatives: [{ nationalCode: '0084575948', position: 'ceo', signingAuthority: true }],
};

function peopleError(patch: Record<string, unknown>): string {
  try {
    createPopulation([{ ...person, ...patch }], 'people.json');
  } catch (err) {
    return (err as Error).message;
  }
  assert.fail('the entry was accepted');
}

function companiesError(patch: Record<string, unknown>, population = createPopulation([person])): string {
  try {
    createCompanies([{ ...company, ...patch }], population, 'companies.json');
  } catch (err) {
    return (err as Error).message;
  }
  assert.fail('the entry was accepted');
}

test('the demo records: Iranian people with known-bank accounts and addresses, and two companies', () => {
  const withAccounts = demo.all().filter((p) => p.bankAccounts.length > 0);
  assert.ok(withAccounts.length >= 8);
  for (const p of withAccounts) {
    assert.equal(p.personKind, 'iranian', 'Sejam is not open to foreign nationals');
    for (const a of p.bankAccounts) assert.ok(validateSheba(a.sheba, { requireKnownBank: true }).ok, a.sheba);
    assert.ok(p.address && isCityOf(p.address.province, p.address.city), p.nationalCode);
  }
  assert.ok(
    demo.all().some((p) => p.bankAccounts.some((a) => a.status === 'closed')),
    'a closed account',
  );
  assert.ok(
    demo.all().some((p) => p.bankAccounts.length >= 2),
    'two accounts',
  );
  assert.equal(records.companies.source, DEFAULT_COMPANIES_PATH);
  assert.equal(records.companies.all().length, 2);
  assert.equal(records.accountBySheba(SHEBAS.fatemehParsian)?.ownerCode, CODES.zwnj, 'the domain.md example Sheba');
  assert.equal(records.companies.byNationalId('۱۰۳۲۰۸۹۴۸۷۸')?.registrationDateIso, '2006-07-03');
});

test('a person without accounts or address is fine: accounts default to none', () => {
  const p = createPopulation([person]).all()[0];
  assert.deepEqual(p?.bankAccounts, []);
  assert.equal(p?.address, undefined);
});

const badPeople: [string, Record<string, unknown>, RegExp][] = [
  [
    'bad Sheba',
    { bankAccounts: [{ sheba: 'IR380170000000103456789002' }] },
    /field bankAccounts\.0\.sheba: must be a valid Sheba/,
  ],
  [
    'Sheba of no known bank',
    { bankAccounts: [{ sheba: 'IR062960000000100324200001' }] },
    /bankAccounts\.0\.sheba: must name a bank/,
  ],
  ['bad account status', { bankAccounts: [{ sheba: SHEBAS.aliMelli, status: 'frozen' }] }, /bankAccounts\.0\.status/],
  [
    'unknown account field',
    { bankAccounts: [{ sheba: SHEBAS.aliMelli, bank: 'ملی' }] },
    /bankAccounts\.0\.bank: unknown field$/,
  ],
  [
    'bad postal code',
    { address: { ...address, postalCode: '1203653471' } },
    /field address\.postalCode: must be a valid postal code/,
  ],
  ['unknown province', { address: { ...address, province: 'atlantis' } }, /field address\.province/],
  [
    'a city of another province',
    { address: { ...address, city: 'shiraz' } },
    /field address\.city: must be a city code of that province/,
  ],
  ['no street', { address: { ...address, street: undefined } }, /field address\.street/],
];
for (const [label, patch, expected] of badPeople) {
  test(`people file, ${label}: the error names the entry and the field`, () => {
    const message = peopleError(patch);
    assert.match(message, /^Invalid simulated population file people\.json: entry \[0\] \(nationalCode "0084575948"\)/);
    assert.match(message, expected);
  });
}

const badCompanies: [string, Record<string, unknown>, RegExp][] = [
  ['bad national ID', { nationalId: '10320894879' }, /field nationalId: must be a valid legal-person national ID/],
  ['unknown type', { type: 'sole_trader' }, /field type: must be one of private_joint_stock/],
  ['bad registration date', { registrationDate: '1385/13/01' }, /field registrationDate/],
  ['unknown registration place', { registrationPlace: 'atlantis' }, /field registrationPlace/],
  ['no representatives', { representatives: [] }, /field representatives: must list at least one/],
  [
    'a representative the population does not know',
    { representatives: [{ nationalCode: '1234567891', position: 'ceo', signingAuthority: true }] },
    /representatives\.0\.nationalCode: must be the national code of an Iranian person/,
  ],
  [
    'an unknown position',
    { representatives: [{ nationalCode: '0084575948', position: 'boss', signingAuthority: true }] },
    /representatives\.0\.position/,
  ],
  ['unknown field', { capital: 1000 }, /field capital: unknown field \(allowed: nationalId, name/],
];
for (const [label, patch, expected] of badCompanies) {
  test(`companies file, ${label}: the error names the entry and the field`, () => {
    const message = companiesError(patch);
    assert.match(message, /^Invalid simulated companies file companies\.json: entry \[0\]/);
    assert.match(message, expected);
  });
}

test('companies file: a duplicate national ID names both entries; a missing file names itself', () => {
  assert.throws(
    () => createCompanies([company, company], createPopulation([person]), 'c.json'),
    /entry \[1\].*nationalId: duplicate national ID \(already used by entry \[0\]\)/,
  );
  const missing = join(tmpdir(), 'hoviyat-no-such-companies.json');
  assert.throws(
    () => loadCompanies(demo, missing),
    (e: Error) => e.message.includes(missing) && /ENOENT/.test(e.message),
  );
});

test('HOVIYAT_SIM_COMPANIES selects the file; an explicit path wins over it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hoviyat-companies-'));
  const path = join(dir, 'companies.json');
  writeFileSync(path, JSON.stringify([company]));
  const before = process.env.HOVIYAT_SIM_COMPANIES;
  process.env.HOVIYAT_SIM_COMPANIES = path;
  try {
    assert.equal(loadCompanies(demo).source, path);
    assert.equal(loadCompanies(demo, DEFAULT_COMPANIES_PATH).all().length, 2);
  } finally {
    if (before === undefined) delete process.env.HOVIYAT_SIM_COMPANIES;
    else process.env.HOVIYAT_SIM_COMPANIES = before;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('another population without a companies file named has no companies (the demo ones are not theirs)', () => {
  const before = process.env.HOVIYAT_SIM_COMPANIES;
  delete process.env.HOVIYAT_SIM_COMPANIES;
  try {
    const own = createPopulation([person], '/srv/people.json');
    assert.deepEqual(loadCompanies(own).all(), []);
    // naming the demo file still checks it against that population
    assert.throws(() => loadCompanies(own, DEFAULT_COMPANIES_PATH), /must be the national code of an Iranian person/);
  } finally {
    if (before !== undefined) process.env.HOVIYAT_SIM_COMPANIES = before;
  }
});

test('one Sheba with two owners, or one postal code with two addresses, stops the start', () => {
  const population = createPopulation([{ ...person, bankAccounts: [{ sheba: SHEBAS.aliMelli }], address }]);
  const sharing = createCompanies([{ ...company, bankAccounts: [{ sheba: SHEBAS.aliMelli }] }], population);
  assert.throws(
    () => createInquiryRecords(population, sharing),
    /Sheba IR38.* is listed for 0084575948 and 10320894878/,
  );
  const sameCode = createCompanies([{ ...company, address: { ...address, plaque: '99' } }], population);
  assert.throws(() => createInquiryRecords(population, sameCode), /postal code 1463743331 has two different addresses/);
  // the same address twice (a company at its director's home) is one address
  const sameAddress = createCompanies([{ ...company, address }], population);
  assert.equal(createInquiryRecords(population, sameAddress).addressByPostalCode('1463743331')?.plaque, '12');
});

test('the simulated gateway refuses a malformed body on the new routes (400), like a real one', async () => {
  const gw = await startSimulatedGateway({ population: demo, records, token: 't' });
  try {
    for (const path of [
      '/bank-accounts/ownership',
      '/postal-codes/lookup',
      '/companies/lookup',
      '/companies/representative',
    ]) {
      const res = await fetch(gw.url + path, {
        method: 'POST',
        headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
        body: JSON.stringify({ unexpected: true }),
      });
      assert.equal(res.status, 400, path);
      await res.body?.cancel();
    }
  } finally {
    await gw.close();
  }
});
