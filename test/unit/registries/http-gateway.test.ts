/**
 * The HTTP gateway adapters against scripted servers: request shape and the mapping of every
 * kind of bad or failed answer to `unavailable`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHttpCivilRegistry } from '../../../src/registries/civil-registry/http-gateway.js';
import { createHttpMobileOwnership } from '../../../src/registries/mobile-ownership/http-gateway.js';
import {
  AMPLE_MS,
  CODES,
  claimFor,
  deadUrl,
  GATEWAY_FAILURES,
  json,
  startScriptedServer,
  within,
  type Reply,
} from './helpers.js';

async function withServer(reply: Reply | ((body: string) => Reply), fn: (url: string) => Promise<void>) {
  const s = await startScriptedServer((req) => (typeof reply === 'function' ? reply(req.body) : reply));
  try {
    await fn(s.url);
  } finally {
    await s.close();
  }
}

test('civil registry adapter sends the documented request', async () => {
  const s = await startScriptedServer(() => json(200, { result: 'match', activation: 'automatic' }));
  try {
    const r = createHttpCivilRegistry({ baseUrl: s.url + '/api/', token: 'secret-token', timeoutMs: AMPLE_MS });
    const claim = claimFor(CODES.zwnj);
    assert.deepEqual(await r.verifyIdentity(claim), { status: 'match', activation: 'automatic' });
    const req = s.requests[0];
    assert.ok(req);
    assert.equal(req.method, 'POST');
    assert.equal(req.path, '/api/civil-registry/verify');
    assert.equal(req.headers.authorization, 'Bearer secret-token');
    assert.match(String(req.headers['content-type']), /^application\/json/);
    assert.deepEqual(JSON.parse(req.body), {
      nationalCode: claim.nationalCode,
      personKind: 'iranian',
      firstName: claim.firstName,
      lastName: claim.lastName,
      fatherName: claim.fatherName,
      birthDate: claim.birthDateIso,
      gender: 'female',
      shenasnamehNumber: claim.shenasnamehNumber,
    });
  } finally {
    await s.close();
  }
});

test('shahkar adapter sends the documented request', async () => {
  const s = await startScriptedServer(() => json(200, { result: 'no_match' }));
  try {
    const m = createHttpMobileOwnership({ baseUrl: s.url, token: 't', timeoutMs: AMPLE_MS });
    assert.deepEqual(await m.check('0084575948', '09121234567'), { status: 'no_match' });
    const req = s.requests[0];
    assert.ok(req);
    assert.equal(req.path, '/shahkar/check');
    assert.equal(req.headers.authorization, 'Bearer t');
    assert.deepEqual(JSON.parse(req.body), { nationalCode: '0084575948', mobile: '09121234567' });
  } finally {
    await s.close();
  }
});

const failures: [string, Reply, 'outage' | 'timeout' | 'error'][] = [
  ...GATEWAY_FAILURES,
  ['200 mismatch with unknown field', json(200, { result: 'mismatch', fields: ['eyeColour'] }), 'error'],
  ['200 mismatch with no fields', json(200, { result: 'mismatch', fields: [] }), 'error'],
];

for (const [label, reply, reason] of failures) {
  test(`civil registry adapter: ${label} → unavailable/${reason}`, () =>
    withServer(reply, async (url) => {
      const r = createHttpCivilRegistry({ baseUrl: url, token: 't', timeoutMs: AMPLE_MS });
      assert.deepEqual(await r.verifyIdentity(claimFor(CODES.standard)), { status: 'unavailable', reason });
    }));
  test(`shahkar adapter: ${label} → unavailable/${reason}`, () =>
    withServer(reply, async (url) => {
      const m = createHttpMobileOwnership({ baseUrl: url, token: 't', timeoutMs: AMPLE_MS });
      assert.deepEqual(await m.check(CODES.standard, '09121234567'), { status: 'unavailable', reason });
    }));
}

test('adapters: a server that does not answer → unavailable/timeout at timeoutMs, request dropped', async () => {
  // never answers: only the adapter's own deadline can end the call
  const s = await startScriptedServer(() => ({
    ...json(200, { result: 'match', activation: 'automatic' }),
    hang: true,
  }));
  try {
    const r = createHttpCivilRegistry({ baseUrl: s.url, token: 't', timeoutMs: 20 });
    assert.deepEqual(await within(r.verifyIdentity(claimFor(CODES.standard)), 'civil registry call'), {
      status: 'unavailable',
      reason: 'timeout',
    });
    const m = createHttpMobileOwnership({ baseUrl: s.url, token: 't', timeoutMs: 20 });
    assert.deepEqual(await within(m.check(CODES.standard, '09121234567'), 'shahkar call'), {
      status: 'unavailable',
      reason: 'timeout',
    });
    // a request that got through before the deadline was aborted, not left open (the server
    // may not have seen one at all if the deadline came first, e.g. on a busy machine)
    await within(Promise.all(s.requests.map((req) => req.abandoned)), 'the abort');
  } finally {
    await s.close();
  }
});

test('adapters: nothing listening → unavailable/outage', async () => {
  const url = await deadUrl();
  const r = createHttpCivilRegistry({ baseUrl: url, token: 't', timeoutMs: AMPLE_MS });
  assert.deepEqual(await r.verifyIdentity(claimFor(CODES.standard)), { status: 'unavailable', reason: 'outage' });
  const m = createHttpMobileOwnership({ baseUrl: url, token: 't', timeoutMs: AMPLE_MS });
  assert.deepEqual(await m.check(CODES.standard, '09121234567'), { status: 'unavailable', reason: 'outage' });
});

test('adapters: a malformed base URL → unavailable/error, not an exception', async () => {
  const r = createHttpCivilRegistry({ baseUrl: 'not a url', token: 't', timeoutMs: AMPLE_MS });
  assert.deepEqual(await r.verifyIdentity(claimFor(CODES.standard)), { status: 'unavailable', reason: 'error' });
  const m = createHttpMobileOwnership({ baseUrl: 'not a url', token: 't', timeoutMs: AMPLE_MS });
  assert.deepEqual(await m.check(CODES.standard, '09121234567'), { status: 'unavailable', reason: 'error' });
});
