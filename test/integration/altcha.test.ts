import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, createTwoNodes, type TestApp } from '../helpers/app.js';
import { FormClient } from '../helpers/browser.js';
import { createChallenge } from 'altcha-lib/v1';
import { altchaOnPage, altchaPayload, issueAltcha, solveAltcha, type AltchaChallenge } from '../helpers/altcha.js';

/**
 * The automatic check (ALTCHA proof-of-work) as an alternative to the image captcha: issued
 * against the same per-network budget, signed with a key derived from the app secret, good once
 * across every node, refused when expired, tampered with or replayed, with stable error codes.
 */
describe('ALTCHA proof-of-work', () => {
  let a: TestApp;
  let b: TestApp;
  before(async () => {
    [a, b] = await createTwoNodes();
  });
  after(async () => {
    await a.close();
    await b.close();
  });

  // startRecovery checks the captcha first and answers 201 for every well-formed national code
  const recover = (node: TestApp, altcha: string, ip = '203.0.113.60') =>
    node.app.inject({
      method: 'POST',
      url: '/api/v1/recovery',
      remoteAddress: ip,
      payload: { nationalCode: '0084575948', altcha },
    });
  const codeOf = (res: { json(): unknown }) => (res.json() as { errors?: { field: string; code: string }[] }).errors;

  test('the API issues a signed challenge sized for a cheap phone, and documents it', async () => {
    const res = await a.app.inject({ method: 'POST', url: '/api/v1/captcha/altcha' });
    assert.equal(res.statusCode, 201);
    assert.equal(res.headers['cache-control'], 'no-store');
    const c = res.json() as Record<string, unknown>;
    assert.equal(c.algorithm, 'SHA-256');
    assert.match(String(c.challenge), /^[0-9a-f]{64}$/);
    assert.match(String(c.signature), /^[0-9a-f]{64}$/);
    assert.equal(c.maxnumber, a.services.config.limits.altchaMaxNumber);
    assert.ok(Number(c.maxnumber) <= 100_000, 'a cheap phone solves it in about a second');
    assert.match(String(c.salt), /^[0-9a-f]+\?expires=\d+&$/);
    assert.equal(c.expiresInSeconds, a.services.config.limits.captchaTtlMs / 1000);

    const doc = (await a.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { description?: string; requestBody?: unknown }>>;
    };
    assert.ok(doc.paths['/api/v1/captcha/altcha']?.post, 'the endpoint is in the OpenAPI document');
    assert.match(doc.paths['/api/v1/captcha/altcha']!.post!.description ?? '', /SHA-256\(salt \+ n\)/);
    for (const path of ['/api/v1/login', '/api/v1/recovery', '/api/v1/registration/{flowId}/identity']) {
      assert.match(JSON.stringify(doc.paths[path]?.post?.requestBody), /"altcha"/, `${path} takes an altcha proof`);
    }
  });

  test('a solved challenge is accepted once, across two nodes', async () => {
    const payload = solveAltcha(await issueAltcha(a.app));
    const first = await recover(b, payload);
    assert.equal(first.statusCode, 201, first.body);
    const again = await recover(a, payload);
    assert.equal(again.statusCode, 400);
    assert.deepEqual(
      codeOf(again)?.map((e) => [e.field, e.code]),
      [['captcha', 'captcha.proof_invalid']],
    );
  });

  test('sent to both nodes at once, one proof passes once', async () => {
    const payload = solveAltcha(await issueAltcha(b.app));
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => recover(i % 2 ? a : b, payload)));
    assert.equal(results.filter((r) => r.statusCode === 201).length, 1);
    assert.equal(results.filter((r) => r.statusCode === 400).length, 9);
  });

  test('an expired challenge is refused with captcha.proof_expired, and nothing is recorded', async () => {
    const payload = solveAltcha(await issueAltcha(a.app));
    const used = async () => (await a.services.db.selectFrom('altcha_used').select('signature').execute()).length;
    const before = await used();
    a.clock.advance(a.services.config.limits.captchaTtlMs + 1000);
    const res = await recover(a, payload);
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      codeOf(res)?.map((e) => e.code),
      ['captcha.proof_expired'],
    );
    assert.equal(await used(), before);
  });

  test('tampered, unsolved, foreign or malformed proofs are refused with captcha.proof_invalid', async () => {
    const c = await issueAltcha(a.app);
    const good = JSON.parse(Buffer.from(solveAltcha(c), 'base64').toString()) as { number: number };
    // the same protocol under another key: a well-formed, solved proof this app never signed
    const foreign = solveAltcha(
      (await createChallenge({
        hmacKey: 'not-this-apps-key',
        maxnumber: 1000,
        expires: new Date(a.clock.now().getTime() + 60_000),
      })) as AltchaChallenge,
    );
    const bad: Record<string, string> = {
      'wrong signature': altchaPayload(c, good.number, { signature: 'ab'.repeat(32) }),
      'wrong number': altchaPayload(c, good.number + 1),
      'salt changed (a later expiry)': altchaPayload(c, good.number, {
        salt: c.salt.replace(/expires=\d+/, 'expires=9999999999'),
      }),
      'another algorithm': altchaPayload(c, good.number, { algorithm: 'SHA-1' }),
      'signed with another secret': foreign,
      'not base64 JSON': 'not-a-proof',
      'JSON of the wrong shape': Buffer.from('[1,2,3]').toString('base64'),
      'far too long': 'A'.repeat(1999),
    };
    for (const [what, payload] of Object.entries(bad)) {
      const res = await recover(a, payload);
      assert.equal(res.statusCode, 400, what);
      assert.deepEqual(
        codeOf(res)?.map((e) => e.code),
        ['captcha.proof_invalid'],
        what,
      );
    }
    // the genuine proof was not spent by any of those
    assert.equal((await recover(a, solveAltcha(c))).statusCode, 201);
  });

  test('issuing shares the per-network budget with the image captcha', async () => {
    const ip = '198.51.100.90';
    for (let i = 0; i < a.services.config.limits.captchaPerIp; i++) {
      const url = i % 2 ? '/api/v1/captcha' : '/api/v1/captcha/altcha';
      assert.equal((await a.app.inject({ method: 'POST', url, remoteAddress: ip })).statusCode, 201);
    }
    const refused = await b.app.inject({ method: 'POST', url: '/api/v1/captcha/altcha', remoteAddress: ip });
    assert.equal(refused.statusCode, 429);
    assert.equal((refused.json() as { code: string }).code, 'captcha.rate_limited');
    assert.ok(Number(refused.headers['retry-after']) > 0);
  });

  test('pages with a captcha carry a challenge, and a form with only the solved proof passes', async () => {
    const c = new FormClient(a.app, '203.0.113.61');
    let page = await c.get('/recovery');
    const challenge = altchaOnPage(page.html);
    assert.ok(challenge, 'the recovery page offers the automatic check');
    assert.match(page.html, /<img src="\/captcha\/[0-9a-f-]{36}\.svg"/, 'and keeps the image for browsers without it');
    page = await c.submit({ nationalCode: '0084575948', altcha: solveAltcha(challenge) });
    assert.match(page.url, /^\/recovery\/method\?flow=/, `went on to ${page.url}`);

    await c.get('/registration');
    page = await c.submit({ personKind: 'iranian' });
    assert.match(page.url, /identity/);
    assert.ok(altchaOnPage(page.html), 'the registration identity step offers it too');
  });

  test('the proof is never kept in a flow or sent back in a page', async () => {
    const c = new FormClient(a.app, '203.0.113.62');
    await c.get('/registration');
    let page = await c.submit({ personKind: 'iranian' });
    const payload = solveAltcha(altchaOnPage(page.html)!);
    page = await c.submit({ nationalCode: '0084575948', mobile: '', altcha: payload });
    assert.equal(page.status, 400);
    assert.ok(!page.html.includes(payload), 'the used proof is not echoed');
    const flows = await a.services.db.selectFrom('flows').select('data').execute();
    assert.ok(!JSON.stringify(flows).includes(payload.slice(0, 40)), 'nor stored');
  });
});

describe('ALTCHA verdicts', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  test('ok once, then replayed; expired; invalid', async () => {
    const proof = solveAltcha(await issueAltcha(t.app));
    assert.equal(await t.services.captcha.checkAltcha(proof), 'ok');
    assert.equal(await t.services.captcha.checkAltcha(proof), 'replayed');
    const late = solveAltcha(await issueAltcha(t.app));
    t.clock.advance(t.services.config.limits.captchaTtlMs);
    assert.equal(await t.services.captcha.checkAltcha(late), 'expired', 'expired at the very end of its life');
    assert.equal(await t.services.captcha.checkAltcha(undefined), 'invalid');
  });
});
