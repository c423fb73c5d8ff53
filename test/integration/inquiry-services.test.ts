/**
 * The Sejam inquiry ports as a journey meets them: `services.bankAccounts`, `.postalCodes` and
 * `.companies`, built from the configuration (simulators by default, the gateway when set to
 * `http`) or replaced through ServiceOverrides.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp } from '../helpers/app.js';
import { startSimulatedGateway } from '../../src/registries/simulation/gateway-server.js';
import { loadPopulation } from '../../src/registries/simulation/population.js';
import type { BankAccountOwnership } from '../../src/registries/bank-accounts/index.js';

const ALI = '0084575948';
const ALI_SHEBA = 'IR380170000000103456789001';
const ARIA = '10320894878';

test('by default the services answer from the simulated people and companies', async () => {
  const h = await createTestApp();
  try {
    const s = h.services;
    assert.equal((await s.bankAccounts.checkOwnership(ALI_SHEBA, ALI)).status, 'owned');
    const found = await s.postalCodes.lookup('1463743331');
    assert.ok(found.status === 'found');
    assert.equal(found.address.cityCode, 'tehran');
    assert.deepEqual(await s.companies.checkRepresentative(ARIA, ALI), {
      status: 'representative',
      position: 'ceo',
      signingAuthority: true,
    });
    assert.deepEqual(await s.bankAccounts.checkOwnership('IR570179990000000000000000', ALI), {
      status: 'unavailable',
      reason: 'outage',
    });
  } finally {
    await h.close();
  }
});

test('set to http, the services ask the inquiry gateway', async () => {
  const gw = await startSimulatedGateway({ population: loadPopulation(), token: 'gw-token' });
  const h = await createTestApp({
    env: {
      HOVIYAT_BANK_ACCOUNTS: 'http',
      HOVIYAT_BANK_ACCOUNTS_URL: gw.url,
      HOVIYAT_BANK_ACCOUNTS_TOKEN: 'gw-token',
      HOVIYAT_POSTAL_CODES: 'http',
      HOVIYAT_COMPANIES: 'http',
      HOVIYAT_GATEWAY_URL: gw.url,
      HOVIYAT_GATEWAY_TOKEN: 'gw-token',
    },
  });
  let requests = 0;
  gw.server.on('request', () => requests++);
  try {
    const s = h.services;
    assert.equal(h.services.config.bankAccounts.kind, 'http');
    assert.deepEqual(await s.bankAccounts.checkOwnership(ALI_SHEBA, '1279834064'), { status: 'not_owned' });
    assert.equal((await s.postalCodes.lookup('1463743331')).status, 'found');
    const c = await s.companies.lookupCompany(ARIA);
    assert.ok(c.status === 'found');
    assert.equal(c.company.registrationPlace, 'تهران');
    assert.equal(requests, 3, 'each answer came through the gateway');
  } finally {
    await h.close();
    await gw.close();
  }
});

test('ServiceOverrides replace a port for tests', async () => {
  const asked: string[] = [];
  const fake: BankAccountOwnership = {
    checkOwnership: (sheba) => {
      asked.push(sheba);
      return Promise.resolve({ status: 'closed' });
    },
  };
  const h = await createTestApp({ overrides: { bankAccounts: fake } });
  try {
    assert.equal(h.services.bankAccounts, fake);
    assert.deepEqual(await h.services.bankAccounts.checkOwnership(ALI_SHEBA, ALI), { status: 'closed' });
    assert.deepEqual(asked, [ALI_SHEBA]);
  } finally {
    await h.close();
  }
});
