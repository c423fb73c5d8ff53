/**
 * The HTTP edge: control characters never reach the database, HSTS in production, and the
 * operator endpoints (/metrics, /api/docs) are not public in production.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { FormClient, lastCode } from '../helpers/browser.js';
import { ALI } from '../helpers/registration.js';
import { buildApp, type Hoviyat } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { freshDatabase } from '../helpers/db.js';

describe('control characters at the edge', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await t.close();
  });

  /** Whether any flow row holds a NUL or a lone surrogate, in whatever form jsonb keeps it. */
  const dirtyFlows = async () => {
    const rows = await t.services.db
      .selectFrom('flows')
      .select(sql<string>`data::text`.as('data'))
      .execute();
    return rows.filter((r) => r.data.includes('\u0000') || /\\u0000|\\ud[89a-f]/i.test(r.data));
  };

  test('"previous step" with a NUL in a field: 303 back, the draft is kept without the NUL', async () => {
    const c = new FormClient(t.app, '203.0.113.61');
    await c.get('/registration');
    await c.submit({ personKind: 'iranian' });
    let page = await c.submit({ nationalCode: ALI.nationalCode, mobile: ALI.mobile, captcha: '12345' });
    assert.match(page.url, /verify_mobile/);
    page = await c.submit({ code: await lastCode(t, ALI.mobile) });
    assert.match(page.url, /birth_certificate/);
    const flowId = /flow=([0-9a-f-]+)/.exec(page.url)![1]!;
    const res = await c.post(
      page.url,
      { _action: 'back', firstName: 'عل\u0000ی', lastName: 'رضا\u0007یی\u007f', fatherName: '\u0085حسین' },
      false,
    );
    assert.equal(res.status, 303, res.html.slice(0, 300));
    page = await c.get(`/registration/birth_certificate?flow=${flowId}`);
    assert.match(page.html, /value="علی"/);
    assert.match(page.html, /value="رضایی"/);
    assert.match(page.html, /value="حسین"/);
    assert.deepEqual(await dirtyFlows(), []);
    // bytes that are not UTF-8 (a lone surrogate's encoding) in a hand-made form body
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.html)![1]!;
    const raw = await t.app.inject({
      method: 'POST',
      url: page.url,
      payload: `_csrf=${csrf}&_action=back&firstName=%ED%A0%80%00&lastName=a%C2%9Fb`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      remoteAddress: '203.0.113.61',
    });
    assert.equal(raw.statusCode, 303, raw.body.slice(0, 300));
    assert.deepEqual(await dirtyFlows(), []);
  });

  test('"previous step" cutting a long field does not leave half of a surrogate pair', async () => {
    const c = new FormClient(t.app, '203.0.113.62');
    await c.get('/registration');
    await c.submit({ personKind: 'iranian' });
    const page = await c.submit({ nationalCode: ALI.nationalCode, mobile: ALI.mobile, captcha: '12345' });
    // the identity page has no previous step; the code page goes back to identity
    assert.match(page.url, /verify_mobile/);
    const long = 'a'.repeat(199) + '😀';
    const res = await c.post(page.url, { _action: 'back', nickname: long }, false);
    assert.equal(res.status, 303);
    assert.match(res.location ?? '', /^\/registration\/identity\?flow=/);
    assert.deepEqual(await dirtyFlows(), []);
  });

  test('an API body with \\u0000 is a normal answer, never 500, and no NUL is stored', async () => {
    const start = await t.app.inject({
      method: 'POST',
      url: '/api/v1/registration',
      headers: { 'content-type': 'application/json' },
      payload: '{"personKind":"foreign\\u0000"}',
    });
    assert.equal(start.statusCode, 201, start.body);
    const id = start.json().flow.id as string;
    const cap = await t.app.inject({ method: 'POST', url: '/api/v1/captcha', payload: {} });
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/registration/${id}/identity`,
      headers: { 'content-type': 'application/json', 'x-flow-token': start.json().flowToken },
      payload: JSON.stringify({
        nationalCode: '27011234\u00005678',
        mobile: '0912\u00001234567\ud83d',
        captcha_id: cap.json().id,
        captcha: '12345',
        ['x\u0000y']: '\u0000',
      }),
    });
    // without the NULs and the lone surrogate both values are valid (a FIDA code, Ali's mobile),
    // so the step got as far as asking Shahkar, which says the mobile is not that person's
    assert.equal(r.statusCode, 400, r.body);
    assert.equal((r.json() as { code: string }).code, 'mobile.not_owner');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      payload: { username: '\u0000', password: '\u0000\u0000' },
    });
    assert.equal(login.statusCode, 400, login.body);
    assert.deepEqual(await dirtyFlows(), []);
  });

  test('a body nested absurdly deep is a 400, not a stack overflow', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      headers: { 'content-type': 'application/json' },
      payload: '['.repeat(30_000) + ']'.repeat(30_000),
    });
    assert.equal(res.statusCode, 400, res.body);
  });

  test('a NUL in a query string is stripped too', async () => {
    const c = new FormClient(t.app, '203.0.113.63');
    await c.get('/registration');
    const page = await c.submit({ personKind: 'iranian' });
    const flow = new URL(page.url, 'http://x').searchParams.get('flow');
    assert.ok(flow);
    // the flow is found through the NUL: it was stripped, not kept (an unknown flow is a 404)
    const res = await c.get(`/registration/identity?flow=%00${flow}`);
    assert.equal(res.status, 200);
    assert.match(res.html, /name="nationalCode"/);
    assert.equal((await c.get(`/registration/identity?flow=x${flow}`)).status, 404);
  });
});

async function withApp(env: Record<string, string>, fn: (h: Hoviyat) => Promise<void>) {
  const { db, cleanup } = await freshDatabase();
  const h = await buildApp(loadConfig({ LOG_LEVEL: 'silent', HOVIYAT_SECRET: 'p'.repeat(40), ...env }), {
    db,
    logger: false,
  });
  try {
    await fn(h);
  } finally {
    await h.app.close();
    await cleanup();
  }
}

const PROD = { NODE_ENV: 'production', HOVIYAT_ALLOW_SIMULATORS: '1' };
const TOKEN = 'ops-token-0123456789-abcdefghijklmnop';

test('HSTS in production, on every answer; none in development', async () => {
  await withApp(PROD, async (h) => {
    for (const url of ['/', '/healthz', '/no-such-page', '/api/v1/security-questions']) {
      const res = await h.app.inject({ method: 'GET', url });
      assert.equal(res.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains', url);
    }
  });
  await withApp({ NODE_ENV: 'development' }, async (h) => {
    const res = await h.app.inject({ method: 'GET', url: '/' });
    assert.equal(res.headers['strict-transport-security'], undefined);
  });
});

const OPS_URLS = ['/metrics', '/api/docs'];

test('production without HOVIYAT_OPS_TOKEN: /metrics and /api/docs answer 404; the OpenAPI document stays', async () => {
  await withApp(PROD, async (h) => {
    for (const url of OPS_URLS) {
      const res = await h.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(res.statusCode, 404, url);
      assert.doesNotMatch(res.body, /hoviyat_http_requests_total|\/api\/v1\/login/, url);
    }
    assert.equal((await h.app.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode, 200);
  });
});

test('production with HOVIYAT_OPS_TOKEN: a missing or wrong token is refused, the right one served', async () => {
  await withApp({ ...PROD, HOVIYAT_OPS_TOKEN: TOKEN }, async (h) => {
    for (const url of OPS_URLS) {
      for (const authorization of [undefined, 'Bearer wrong', `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN]) {
        const res = await h.app.inject({ method: 'GET', url, headers: authorization ? { authorization } : {} });
        assert.equal(res.statusCode, 401, `${url} with ${authorization}`);
        assert.equal(res.headers['www-authenticate'], 'Bearer');
        assert.doesNotMatch(res.body, /hoviyat_http_requests_total|\/api\/v1\/login/);
      }
    }
    const metrics = await h.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(metrics.statusCode, 200);
    assert.match(metrics.body, /hoviyat_http_requests_total/);
    const docs = await h.app.inject({ method: 'GET', url: '/api/docs', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /\/api\/v1\/login/);
  });
});

test('development: /metrics and /api/docs are open without a token', async () => {
  await withApp({ NODE_ENV: 'development' }, async (h) => {
    for (const url of OPS_URLS) {
      assert.equal((await h.app.inject({ method: 'GET', url })).statusCode, 200, url);
    }
  });
});
