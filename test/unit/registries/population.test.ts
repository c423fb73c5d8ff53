/**
 * The simulated population: the demo file is valid and complete; bad files fail with clear messages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isValidNationalCode } from '../../../src/domain/national-code.js';
import {
  createPopulation,
  DEFAULT_PEOPLE_PATH,
  loadPopulation,
} from '../../../src/registries/simulation/population.js';
import { CODES, demo } from './helpers.js';

const good = {
  nationalCode: '0084575948',
  firstName: 'علی',
  lastName: 'رضایی',
  fatherName: 'حسین',
  birthDate: '1370/01/15',
  gender: 'male',
  shenasnamehNumber: '1523',
  alive: true,
  mobiles: ['09121234567'],
};

function withFile(content: string, fn: (path: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'hoviyat-people-'));
  const path = join(dir, 'people.json');
  writeFileSync(path, content);
  try {
    fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function loadError(content: string): { path: string; message: string } {
  let out: { path: string; message: string } | undefined;
  withFile(content, (path) => {
    assert.throws(
      () => loadPopulation(path),
      (err: unknown) => {
        assert.ok(err instanceof Error);
        out = { path, message: err.message };
        return true;
      },
    );
  });
  assert.ok(out);
  return out;
}

test('the demo people.json validates and has about 15 people', () => {
  assert.equal(demo.source, DEFAULT_PEOPLE_PATH);
  assert.ok(demo.all().length >= 15);
});

test('every demo code is a valid national code, or a 12-digit FIDA code for a foreign national', () => {
  for (const p of demo.all()) {
    if (p.personKind === 'foreign') assert.match(p.nationalCode, /^\d{12}$/, p.nationalCode);
    else assert.ok(isValidNationalCode(p.nationalCode), p.nationalCode);
  }
});

test('the demo file covers every documented case', () => {
  const all = demo.all();
  assert.ok(
    all.some((p) => !p.alive),
    'a deceased person',
  );
  assert.ok(
    all.some((p) => p.activation === 'branch_visit'),
    'a branch_visit person',
  );
  assert.ok(all.filter((p) => p.personKind === 'foreign').length >= 2, 'two foreign nationals');
  assert.ok(
    all.some((p) => p.shenasnamehNumber === p.nationalCode && p.personKind === 'iranian'),
    'shenasnameh = code',
  );
  assert.ok(
    all.some((p) => /\u200c/.test(p.firstName + p.lastName)),
    'a name with ZWNJ',
  );
  assert.ok(
    all.some((p) => /[\u064A\u0643]/.test(p.firstName + p.lastName + p.fatherName)),
    'Arabic ي/ك',
  );
  assert.ok(new Set(all.map((p) => p.gender)).size === 2, 'both genders');
  for (const prefix of ['99900', '99901', '99902']) {
    assert.ok(
      all.some((p) => p.nationalCode.startsWith(prefix) && p.alive),
      `a person with a ${prefix}… code`,
    );
  }
  for (const prefix of ['0999000', '0999001', '0999009']) {
    assert.ok(
      all.some((p) => p.mobiles.some((m) => m.startsWith(prefix))),
      `a person owning a ${prefix}… mobile`,
    );
  }
  for (const p of all.filter((x) => /^999\d\d/.test(x.nationalCode))) {
    assert.ok(
      p.mobiles.some((m) => !m.startsWith('0999')),
      `${p.nationalCode} has an ordinary mobile`,
    );
  }
  for (const code of Object.values(CODES)) {
    if (code !== CODES.unknown) assert.ok(demo.byNationalCode(code), code);
  }
  assert.equal(demo.byNationalCode(CODES.unknown), undefined);
});

test('birth dates are converted from Jalali to Gregorian ISO', () => {
  const p = demo.byNationalCode(CODES.standard);
  assert.ok(p);
  assert.equal(p.birthDate, '1370/01/15');
  assert.equal(p.birthDateIso, '1991-04-04');
});

test('lookups accept Persian digits and dropped leading zeros; byMobile finds the owner', () => {
  assert.equal(demo.byNationalCode('۰۰۸۴۵۷۵۹۴۸')?.nationalCode, '0084575948');
  assert.equal(demo.byNationalCode('84575948')?.nationalCode, '0084575948');
  assert.deepEqual(
    demo.byMobile('09121234567').map((p) => p.nationalCode),
    ['0084575948'],
  );
});

test('defaults: activation automatic, alive true', () => {
  const { alive: _a, ...noAlive } = good;
  const p = createPopulation([noAlive]).all()[0];
  assert.ok(p);
  assert.equal(p.alive, true);
  assert.equal(p.activation, 'automatic');
  assert.equal(p.personKind, 'iranian');
});

test('HOVIYAT_SIM_PEOPLE selects the file; an explicit path wins over it', () => {
  withFile(JSON.stringify([good]), (path) => {
    const before = process.env.HOVIYAT_SIM_PEOPLE;
    process.env.HOVIYAT_SIM_PEOPLE = path;
    try {
      assert.equal(loadPopulation().all().length, 1);
      assert.equal(loadPopulation().source, path);
      assert.equal(loadPopulation(DEFAULT_PEOPLE_PATH).all().length, demo.all().length);
    } finally {
      if (before === undefined) delete process.env.HOVIYAT_SIM_PEOPLE;
      else process.env.HOVIYAT_SIM_PEOPLE = before;
    }
  });
});

test('the default file is found whatever the working directory', () => {
  const cwd = process.cwd();
  const before = process.env.HOVIYAT_SIM_PEOPLE;
  delete process.env.HOVIYAT_SIM_PEOPLE;
  try {
    process.chdir(tmpdir());
    assert.equal(loadPopulation().all().length, demo.all().length);
  } finally {
    process.chdir(cwd);
    if (before !== undefined) process.env.HOVIYAT_SIM_PEOPLE = before;
  }
});

test('a missing file: the error names the file', () => {
  const path = join(tmpdir(), 'hoviyat-no-such-people.json');
  assert.throws(
    () => loadPopulation(path),
    (err: Error) => err.message.includes(path) && /ENOENT/.test(err.message),
  );
});

test('bad JSON: the error names the file', () => {
  const { path, message } = loadError('[{"nationalCode": ');
  assert.ok(message.includes(path), message);
  assert.match(message, /not valid JSON/);
});

test('not an array: clear error', () => {
  const { path, message } = loadError(JSON.stringify({ people: [] }));
  assert.ok(message.includes(path), message);
  assert.match(message, /JSON array/);
});

const badEntries: [string, Record<string, unknown>, RegExp][] = [
  ['bad checksum', { nationalCode: '0084575949' }, /entry \[1\].*field nationalCode: .*check digit/],
  ['ten identical digits', { nationalCode: '1111111111' }, /field nationalCode/],
  ['11 digits', { nationalCode: '00845759481' }, /field nationalCode: must be 10 .* or 12/],
  ['Persian digits in the file', { nationalCode: '۰۰۸۴۵۷۵۹۴۸' }, /field nationalCode/],
  ['invalid Jalali date', { birthDate: '1370/13/01' }, /field birthDate: must be a valid Jalali date/],
  ['Gregorian date', { birthDate: '1991-04-04' }, /field birthDate/],
  ['31 Esfand in a common year', { birthDate: '1402/12/30' }, /field birthDate/],
  ['empty name', { firstName: '  ' }, /field firstName: must not be empty/],
  ['bad gender', { gender: 'm' }, /field gender: must be "male" or "female"/],
  ['bad mobile', { mobiles: ['9121234567'] }, /field mobiles\.0: must be a mobile number/],
  ['no mobiles', { mobiles: [] }, /field mobiles: must list at least one/],
  ['alive as a string', { alive: 'yes' }, /field alive: must be true or false/],
  ['bad activation', { activation: 'manual' }, /field activation/],
  ['unknown key (typo)', { activaton: 'branch_visit' }, /entry \[1\].*activaton/],
  ['shenasnameh with letters', { shenasnamehNumber: '12a' }, /field shenasnamehNumber/],
];

for (const [label, patch, expected] of badEntries) {
  test(`invalid entry (${label}): the error names the file, the entry and the field`, () => {
    const second = { ...good, nationalCode: '1279834064', ...patch };
    const { path, message } = loadError(JSON.stringify([good, second]));
    assert.ok(message.includes(path), message);
    assert.match(message, expected);
  });
}

test('a missing field is named', () => {
  const { fatherName: _f, ...noFather } = good;
  const { message } = loadError(JSON.stringify([noFather]));
  assert.match(message, /entry \[0\] \(nationalCode "0084575948"\), field fatherName: is missing/);
});

test('duplicate national codes are refused, naming both entries', () => {
  const { message } = loadError(JSON.stringify([good, { ...good, mobiles: ['09120000000'] }]));
  assert.match(message, /entry \[1\].*nationalCode: duplicate national code \(already used by entry \[0\]\)/);
});
