/**
 * The Sejam inquiry adapters (bank accounts, postal codes, companies) against scripted servers:
 * the documented requests, and every kind of bad or failed answer mapped to `unavailable`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHttpBankAccountOwnership } from '../../../src/registries/bank-accounts/index.js';
import { createHttpCompaniesRegistry } from '../../../src/registries/companies/index.js';
import { createHttpPostalCodeRegistry } from '../../../src/registries/postal-codes/index.js';
import type { HttpGatewayOptions } from '../../../src/registries/civil-registry/http-gateway.js';
import { AMPLE_MS, CODES, deadUrl, GATEWAY_FAILURES, json, startScriptedServer, within } from './helpers.js';
import { COMPANY_IDS, POSTAL_CODES, SHEBAS } from './inquiry-contract.js';

/** Every call of the three adapters, with the request it must send. */
const calls: [string, (o: HttpGatewayOptions) => Promise<unknown>, string, unknown][] = [
  [
    'bank accounts',
    (o) => createHttpBankAccountOwnership(o).checkOwnership(SHEBAS.aliMelli, CODES.standard),
    '/bank-accounts/ownership',
    { sheba: SHEBAS.aliMelli, ownerCode: CODES.standard },
  ],
  [
    'postal codes',
    (o) => createHttpPostalCodeRegistry(o).lookup(POSTAL_CODES.ali),
    '/postal-codes/lookup',
    { postalCode: POSTAL_CODES.ali },
  ],
  [
    'company lookup',
    (o) => createHttpCompaniesRegistry(o).lookupCompany(COMPANY_IDS.aria),
    '/companies/lookup',
    { nationalId: COMPANY_IDS.aria },
  ],
  [
    'representative check',
    (o) => createHttpCompaniesRegistry(o).checkRepresentative(COMPANY_IDS.aria, CODES.standard),
    '/companies/representative',
    { nationalId: COMPANY_IDS.aria, nationalCode: CODES.standard },
  ],
];

for (const [label, call, path, body] of calls) {
  test(`${label} adapter sends the documented request`, async () => {
    const s = await startScriptedServer(() => json(503, { error: 'outage' }));
    try {
      await call({ baseUrl: s.url + '/gw/', token: 'secret-token', timeoutMs: AMPLE_MS });
      const req = s.requests[0];
      assert.ok(req);
      assert.equal(req.method, 'POST');
      assert.equal(req.path, '/gw' + path);
      assert.equal(req.headers.authorization, 'Bearer secret-token');
      assert.match(String(req.headers['content-type']), /^application\/json/);
      assert.deepEqual(JSON.parse(req.body), body);
    } finally {
      await s.close();
    }
  });
}

for (const [label, call] of calls) {
  for (const [what, reply, reason] of GATEWAY_FAILURES) {
    test(`${label} adapter: ${what} → unavailable/${reason}`, async () => {
      const s = await startScriptedServer(() => reply);
      try {
        assert.deepEqual(await call({ baseUrl: s.url, token: 't', timeoutMs: AMPLE_MS }), {
          status: 'unavailable',
          reason,
        });
      } finally {
        await s.close();
      }
    });
  }
}

/** 200s of the right result whose details are missing or not ours. */
const incomplete: [string, (o: HttpGatewayOptions) => Promise<unknown>, unknown][] = [
  ['owned without a holder', calls[0]![1], { result: 'owned', bankName: 'بانک ملی ایران' }],
  ['found without an address', calls[1]![1], { result: 'found' }],
  [
    'found with an address missing its street',
    calls[1]![1],
    { result: 'found', address: { province: 'تهران', city: 'تهران', plaque: '1' } },
  ],
  [
    'a company of a type we do not know',
    calls[2]![1],
    {
      result: 'found',
      company: {
        name: 'x',
        type: 'sole_trader',
        registrationNumber: '1',
        registrationDate: '2006-07-03',
        registrationPlace: 'تهران',
        representatives: [],
      },
    },
  ],
  ['a representative without signing authority stated', calls[3]![1], { result: 'representative', position: 'ceo' }],
];

for (const [what, call, body] of incomplete) {
  test(`adapter: 200 ${what} → unavailable/error`, async () => {
    const s = await startScriptedServer(() => json(200, body));
    try {
      assert.deepEqual(await call({ baseUrl: s.url, token: 't', timeoutMs: AMPLE_MS }), {
        status: 'unavailable',
        reason: 'error',
      });
    } finally {
      await s.close();
    }
  });
}

test('adapters: a server that does not answer → unavailable/timeout at timeoutMs, request dropped', async () => {
  // never answers: only the adapter's own deadline can end the call
  const s = await startScriptedServer(() => ({ ...json(200, {}), hang: true }));
  try {
    for (const [label, call] of calls) {
      assert.deepEqual(await within(call({ baseUrl: s.url, token: 't', timeoutMs: 20 }), label), {
        status: 'unavailable',
        reason: 'timeout',
      });
    }
    await within(Promise.all(s.requests.map((req) => req.abandoned)), 'the abort');
  } finally {
    await s.close();
  }
});

test('adapters: nothing listening → outage; a malformed base URL → error', async () => {
  const url = await deadUrl();
  for (const [label, call] of calls) {
    assert.deepEqual(
      await call({ baseUrl: url, token: 't', timeoutMs: AMPLE_MS }),
      {
        status: 'unavailable',
        reason: 'outage',
      },
      label,
    );
    assert.deepEqual(
      await call({ baseUrl: 'not a url', token: 't', timeoutMs: AMPLE_MS }),
      {
        status: 'unavailable',
        reason: 'error',
      },
      label,
    );
  }
});
