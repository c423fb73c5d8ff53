import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ConfigError, describeAdapters } from '../../src/config.js';

const dir = () => mkdtempSync(join(tmpdir(), 'hoviyat-config-'));

test('defaults: embedded database under the data dir, port 3000, dev tools on, frozen', () => {
  const d = dir();
  const c = loadConfig({ HOVIYAT_DATA_DIR: d });
  assert.equal(c.port, 3000);
  assert.deepEqual(c.database, { kind: 'pglite', dataDir: join(d, 'pglite') });
  assert.equal(c.devTools, true);
  assert.ok(c.secret.length >= 32, 'a dev secret is generated and kept');
  assert.equal(loadConfig({ HOVIYAT_DATA_DIR: d }).secret, c.secret);
  assert.ok(Object.isFrozen(c) && Object.isFrozen(c.limits));
});

test(
  'a data dir created for the dev secret is private',
  { skip: process.platform === 'win32' && 'POSIX modes' },
  () => {
    const d = join(dir(), 'new', 'data');
    loadConfig({ HOVIYAT_DATA_DIR: d });
    assert.equal(statSync(d).mode & 0o777, 0o700);
    assert.equal(statSync(join(d, 'secret')).mode & 0o777, 0o600);
  },
);

test('DATABASE_URL and PORT are honoured', () => {
  const c = loadConfig({ HOVIYAT_DATA_DIR: dir(), DATABASE_URL: 'postgres://u@db:5432/h', PORT: '8080' });
  assert.equal(c.database.kind, 'postgres');
  assert.equal(c.port, 8080);
});

test('bad settings stop the start with a message naming them', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty' }),
    (e: unknown) => e instanceof ConfigError && /PORT/.test(e.message),
  );
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
  assert.throws(() => loadConfig({ NODE_ENV: 'production', HOVIYAT_DATA_DIR: dir() }), /HOVIYAT_SECRET/);
  assert.throws(() => loadConfig({ HOVIYAT_SMS: 'kavenegar', HOVIYAT_DATA_DIR: dir() }), /KAVENEGAR_API_KEY/);
  assert.throws(
    () => loadConfig({ NODE_ENV: 'production', HOVIYAT_SECRET: 'x'.repeat(40), HOVIYAT_DATA_DIR: dir() }),
    /SMS simulator/,
  );
});

test('production: no dev tools, secure cookies', () => {
  const c = loadConfig({
    NODE_ENV: 'production',
    HOVIYAT_SECRET: 'x'.repeat(40),
    HOVIYAT_ALLOW_SIMULATORS: '1',
    HOVIYAT_DATA_DIR: dir(),
  });
  assert.equal(c.devTools, false);
  assert.equal(c.cookieSecure, true);
});

test('HOVIYAT_OPS_TOKEN: read when 32+ characters, a shorter one stops the start', () => {
  const token = 'o'.repeat(32);
  assert.equal(loadConfig({ HOVIYAT_DATA_DIR: dir(), HOVIYAT_OPS_TOKEN: token }).opsToken, token);
  assert.equal(loadConfig({ HOVIYAT_DATA_DIR: dir() }).opsToken, undefined);
  assert.throws(() => loadConfig({ HOVIYAT_DATA_DIR: dir(), HOVIYAT_OPS_TOKEN: 'short' }), /HOVIYAT_OPS_TOKEN/);
});

const gateway = { HOVIYAT_GATEWAY_URL: 'https://gateway.example/', HOVIYAT_GATEWAY_TOKEN: 'token' };
const production = {
  NODE_ENV: 'production',
  HOVIYAT_SECRET: 'x'.repeat(40),
  HOVIYAT_SMS: 'kavenegar',
  KAVENEGAR_API_KEY: 'key',
  KAVENEGAR_SENDER: '10004346',
  HOVIYAT_CIVIL_REGISTRY: 'http',
  HOVIYAT_MOBILE_OWNERSHIP: 'http',
  HOVIYAT_BANK_ACCOUNTS: 'http',
  HOVIYAT_POSTAL_CODES: 'http',
  HOVIYAT_COMPANIES: 'http',
  ...gateway,
  HOVIYAT_CAPTCHA: 'svg',
  PUBLIC_URL: 'https://hoviyat.example',
  HOVIYAT_PAYMENT_GATEWAY: 'zarinpal',
  ZARINPAL_MERCHANT_ID: '1344b5d4-0048-11e8-94db-005056a205be',
};

test('production refuses every simulator unless HOVIYAT_ALLOW_SIMULATORS, naming the ones in use', () => {
  const d = dir();
  const c = loadConfig({ ...production, HOVIYAT_DATA_DIR: d });
  assert.equal(
    describeAdapters(c),
    'sms=kavenegar civilRegistry=http mobileOwnership=http bankAccounts=http postalCodes=http companies=http captcha=svg payment=zarinpal',
  );

  const refused = (env: Record<string, string>, named: string[], notNamed: string[]) =>
    assert.throws(
      () => loadConfig({ ...production, HOVIYAT_DATA_DIR: d, ...env }),
      (e: unknown) =>
        e instanceof ConfigError &&
        /HOVIYAT_ALLOW_SIMULATORS/.test(e.message) &&
        named.every((n) => e.message.includes(`${n}=simulator`)) &&
        notNamed.every((n) => !e.message.includes(n)),
    );
  // a real SMS gateway does not make the registries or the captcha real
  refused({ HOVIYAT_CIVIL_REGISTRY: 'simulator' }, ['HOVIYAT_CIVIL_REGISTRY'], ['HOVIYAT_SMS', 'HOVIYAT_CAPTCHA']);
  refused({ HOVIYAT_MOBILE_OWNERSHIP: 'simulator' }, ['HOVIYAT_MOBILE_OWNERSHIP'], ['HOVIYAT_CIVIL_REGISTRY']);
  refused({ HOVIYAT_CAPTCHA: 'simulator' }, ['HOVIYAT_CAPTCHA'], ['HOVIYAT_SMS', 'HOVIYAT_MOBILE_OWNERSHIP']);
  refused({ HOVIYAT_BANK_ACCOUNTS: 'simulator' }, ['HOVIYAT_BANK_ACCOUNTS'], ['HOVIYAT_POSTAL_CODES']);
  refused({ HOVIYAT_POSTAL_CODES: 'simulator' }, ['HOVIYAT_POSTAL_CODES'], ['HOVIYAT_COMPANIES']);
  refused({ HOVIYAT_COMPANIES: 'simulator' }, ['HOVIYAT_COMPANIES'], ['HOVIYAT_BANK_ACCOUNTS']);
  refused({ HOVIYAT_PAYMENT_GATEWAY: 'simulator' }, ['HOVIYAT_PAYMENT_GATEWAY'], ['HOVIYAT_SMS', 'HOVIYAT_CAPTCHA']);
  refused(
    { HOVIYAT_SMS: 'simulator', HOVIYAT_CIVIL_REGISTRY: 'simulator' },
    ['HOVIYAT_SMS', 'HOVIYAT_CIVIL_REGISTRY'],
    ['HOVIYAT_CAPTCHA'],
  );
  // a flag saying no is not a yes
  refused({ HOVIYAT_CAPTCHA: 'simulator', HOVIYAT_ALLOW_SIMULATORS: '0' }, ['HOVIYAT_CAPTCHA'], []);
  refused({ HOVIYAT_CAPTCHA: 'simulator', HOVIYAT_ALLOW_SIMULATORS: 'false' }, ['HOVIYAT_CAPTCHA'], []);

  const demo = loadConfig({
    NODE_ENV: 'production',
    HOVIYAT_SECRET: 'x'.repeat(40),
    HOVIYAT_CAPTCHA: 'simulator',
    HOVIYAT_ALLOW_SIMULATORS: '1',
    HOVIYAT_DATA_DIR: d,
  });
  assert.equal(
    describeAdapters(demo),
    'sms=simulator civilRegistry=simulator mobileOwnership=simulator bankAccounts=simulator postalCodes=simulator companies=simulator captcha=simulator payment=simulator',
  );
  // outside production the simulators are the defaults
  assert.equal(
    describeAdapters(loadConfig({ HOVIYAT_DATA_DIR: d, HOVIYAT_MOBILE_OWNERSHIP: 'http', ...gateway })),
    'sms=simulator civilRegistry=simulator mobileOwnership=http bankAccounts=simulator postalCodes=simulator companies=simulator captcha=svg payment=simulator',
  );
});

test('the Sejam inquiries: their own gateway when given, else the shared one; none at all stops the start', () => {
  const d = dir();
  const own = loadConfig({
    HOVIYAT_DATA_DIR: d,
    ...gateway,
    HOVIYAT_BANK_ACCOUNTS: 'http',
    HOVIYAT_BANK_ACCOUNTS_URL: 'https://bank-inquiry.example/v1',
    HOVIYAT_BANK_ACCOUNTS_TOKEN: 'bank-token',
    HOVIYAT_POSTAL_CODES: 'http',
    HOVIYAT_COMPANIES: 'http',
    HOVIYAT_COMPANIES_TOKEN: 'companies-token',
  });
  assert.deepEqual(own.bankAccounts, { kind: 'http', baseUrl: 'https://bank-inquiry.example/v1', token: 'bank-token' });
  assert.deepEqual(own.postalCodes, { kind: 'http', baseUrl: 'https://gateway.example/', token: 'token' });
  assert.deepEqual(own.companies, { kind: 'http', baseUrl: 'https://gateway.example/', token: 'companies-token' });
  assert.deepEqual(loadConfig({ HOVIYAT_DATA_DIR: d }).bankAccounts, { kind: 'simulator' });
  assert.throws(
    () => loadConfig({ HOVIYAT_DATA_DIR: d, HOVIYAT_POSTAL_CODES: 'http' }),
    (e: unknown) =>
      e instanceof ConfigError &&
      /HOVIYAT_POSTAL_CODES=http needs HOVIYAT_POSTAL_CODES_URL and HOVIYAT_POSTAL_CODES_TOKEN/.test(e.message),
  );
  assert.throws(() => loadConfig({ HOVIYAT_DATA_DIR: d, HOVIYAT_COMPANIES_URL: 'not a url' }), /HOVIYAT_COMPANIES_URL/);
  assert.equal(
    loadConfig({ HOVIYAT_DATA_DIR: d, HOVIYAT_SIM_COMPANIES: '/srv/c.json' }).simCompaniesPath,
    '/srv/c.json',
  );
});

test('payment gateway: simulator by default; Mellat and Zarinpal need their credentials and PUBLIC_URL', () => {
  const d = dir();
  assert.deepEqual(loadConfig({ HOVIYAT_DATA_DIR: d }).payment, { kind: 'simulator' });
  const mellat = {
    HOVIYAT_DATA_DIR: d,
    PUBLIC_URL: 'https://hoviyat.example',
    HOVIYAT_PAYMENT_GATEWAY: 'mellat',
    MELLAT_TERMINAL_ID: '4455',
    MELLAT_USERNAME: 'user',
    MELLAT_PASSWORD: 'secret',
  };
  assert.deepEqual(loadConfig(mellat).payment, {
    kind: 'mellat',
    baseUrl: 'https://bpm.shaparak.ir',
    terminalId: '4455',
    userName: 'user',
    password: 'secret',
  });
  assert.throws(() => loadConfig({ ...mellat, MELLAT_PASSWORD: undefined }), /MELLAT_PASSWORD/);
  assert.throws(() => loadConfig({ ...mellat, MELLAT_TERMINAL_ID: 'abc' }), /MELLAT_TERMINAL_ID/);
  assert.throws(() => loadConfig({ ...mellat, PUBLIC_URL: undefined }), /PUBLIC_URL/);
  const zarinpal = { HOVIYAT_DATA_DIR: d, PUBLIC_URL: 'https://hoviyat.example', HOVIYAT_PAYMENT_GATEWAY: 'zarinpal' };
  assert.throws(() => loadConfig(zarinpal), /ZARINPAL_MERCHANT_ID/);
  assert.deepEqual(
    loadConfig({ ...zarinpal, ZARINPAL_MERCHANT_ID: 'm', ZARINPAL_BASE_URL: 'https://sandbox.zarinpal.com' }).payment,
    {
      kind: 'zarinpal',
      baseUrl: 'https://sandbox.zarinpal.com',
      merchantId: 'm',
    },
  );
  assert.throws(() => loadConfig({ HOVIYAT_DATA_DIR: d, HOVIYAT_PAYMENT_GATEWAY: 'saman' }), /HOVIYAT_PAYMENT_GATEWAY/);
});
