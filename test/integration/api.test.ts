import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { lastCode } from '../helpers/browser.js';
import { createAccount } from '../helpers/accounts.js';

describe('JSON API', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await t.close();
  });

  const post = async (url: string, payload: unknown, headers: Record<string, string> = {}) => {
    const res = await t.app.inject({ method: 'POST', url, payload: payload as object, headers });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };

  test('a foreign national registers through the API, the same steps as the pages', async () => {
    // a foreign demo person from sim/people.json
    const people = (await import('../../sim/people.json', { with: { type: 'json' } })).default as Array<
      Record<string, unknown>
    >;
    const p = people.find((x) => String(x.nationalCode).length === 12 && x.alive !== false)!;
    const mobile = (p.mobiles as string[])[0]!;
    let r = await post('/api/v1/registration', { personKind: 'foreign' });
    assert.equal(r.status, 201);
    const id = r.body.flow.id as string;
    // every later call carries the flow token the first step answered
    const flow = { 'x-flow-token': r.body.flowToken as string };
    const step = (name: string, payload: unknown) => post(`/api/v1/registration/${id}/${name}`, payload, flow);
    const cap = await post('/api/v1/captcha', {});
    r = await step('identity', {
      nationalCode: p.nationalCode,
      mobile,
      captcha_id: cap.body.id,
      captcha: '12345',
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.flow.state, 'verify_mobile');
    // skipping ahead is refused
    r = await step('password', {
      password: 'x',
      passwordRepeat: 'x',
      question1: '',
      answer1: '',
      question2: '',
      answer2: '',
      question3: '',
      answer3: '',
    });
    assert.equal(r.status, 409);
    r = await step('verify_mobile', { code: '000000' });
    assert.equal(r.status, 400);
    assert.equal(r.body.errors[0].code, 'otp.wrong');
    r = await step('verify_mobile', { code: await lastCode(t, mobile) });
    assert.equal(r.body.flow.state, 'birth_certificate');
    const [y, m, d] = String(p.birthDate).split('/');
    r = await step('birth_certificate', {
      firstName: p.firstName,
      lastName: p.lastName,
      fatherName: p.fatherName,
      birthDate_y: y,
      birthDate_m: String(Number(m)),
      birthDate_d: d,
      gender: p.gender,
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    r = await step('email', {});
    assert.equal(r.body.flow.state, 'password');
    r = await step('password', {
      password: 'Foreign2024#',
      passwordRepeat: 'Foreign2024#',
      question1: 'favourite_color',
      answer1: 'blue',
      question2: 'birth_city',
      answer2: 'Herat',
      question3: 'first_school',
      answer3: 'Azadi',
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    r = await step('review', {});
    assert.equal(r.body.flow.state, 'submitted');
    await t.drain();
    const g = await t.app.inject({ method: 'GET', url: `/api/v1/registration/${id}`, headers: flow });
    // the outcome is the flow's state now (an end)
    assert.equal(g.json().flow.state, p.activation === 'branch_visit' ? 'branch_visit' : 'activated');
    assert.equal(g.json().flow.ended, true);

    const login = await post('/api/v1/login', { username: p.nationalCode, password: 'Foreign2024#' });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${login.body.token}` },
    });
    assert.equal(me.json().personKind, 'foreign');
  });

  test('errors carry stable codes and Persian messages; bad bodies are 400 not 500', async () => {
    let r = await post('/api/v1/login', { username: 'abc' });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 'request.invalid');
    r = await post('/api/v1/login', { username: '0012345678', password: 'x' });
    assert.equal(r.status, 400);
    assert.equal(r.body.errors[0].code, 'national_code.checksum');
    assert.match(r.body.errors[0].message, /کد ملی/);
    const acc = await createAccount(t, { nationalCode: '1279834064' });
    r = await post('/api/v1/login', { username: acc.nationalCode, password: 'Wrong9999' });
    assert.equal(r.status, 401);
    assert.equal(r.body.code, 'login.invalid_credentials');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/registration',
      payload: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.statusCode, 400);
    const nf = await t.app.inject({ method: 'GET', url: '/api/v1/registration/00000000-0000-4000-8000-000000000000' });
    assert.equal(nf.statusCode, 404);
    assert.equal(nf.json().code, 'flow.not_found');
  });

  test('password recovery through the API: SMS code path and questions path', async () => {
    const acc = await createAccount(t, { nationalCode: '2271568439', mobile: '09123456789' });
    const start = async () => {
      const cap = await post('/api/v1/captcha', {});
      const r = await post('/api/v1/recovery', {
        nationalCode: acc.nationalCode,
        captcha_id: cap.body.id,
        captcha: '12345',
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return { id: r.body.flow.id as string, token: { 'x-flow-token': r.body.flowToken as string } };
    };
    let { id, token } = await start();
    let r = await post(`/api/v1/recovery/${id}/method`, { method: 'sms' }, token);
    assert.equal(r.body.flow.state, 'code');
    r = await post(`/api/v1/recovery/${id}/code`, { code: await lastCode(t, '09123456789') }, token);
    assert.equal(r.body.flow.state, 'new_password');
    r = await post(`/api/v1/recovery/${id}/new_password`, { password: 'weak', passwordRepeat: 'weak' }, token);
    assert.equal(r.status, 400);
    r = await post(
      `/api/v1/recovery/${id}/new_password`,
      { password: 'ViaApi2024', passwordRepeat: 'ViaApi2024' },
      token,
    );
    assert.equal(r.body.flow.state, 'done');
    assert.equal((await post('/api/v1/login', { username: acc.nationalCode, password: 'ViaApi2024' })).status, 200);

    ({ id, token } = await start());
    r = await post(`/api/v1/recovery/${id}/method`, { method: 'questions' }, token);
    assert.equal(r.body.flow.state, 'questions');
    assert.equal(r.body.flow.view.questions.length, 3);
    r = await post(
      `/api/v1/recovery/${id}/questions`,
      { answer1: 'آبي', answer2: ' تهران ', answer3: 'كارخانه' },
      token,
    );
    assert.equal(r.body.flow.state, 'new_password', JSON.stringify(r.body));
    r = await post(
      `/api/v1/recovery/${id}/new_password`,
      { password: 'ViaQuestions7', passwordRepeat: 'ViaQuestions7' },
      token,
    );
    assert.equal(r.body.flow.state, 'done');
  });

  test('OpenAPI document lists every route with its body schema', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = res.json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/v1/registration/{flowId}/identity'].post.requestBody);
    assert.ok(doc.paths['/api/v1/login'].post);
    const page = await t.app.inject({ method: 'GET', url: '/api/docs' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /\/api\/v1\/login/);
  });
});

test('production mode serves no dev inbox', async () => {
  const { buildApp } = await import('../../src/app.js');
  const { loadConfig } = await import('../../src/config.js');
  const { freshDatabase } = await import('../helpers/db.js');
  const { db, cleanup } = await freshDatabase();
  const h = await buildApp(
    loadConfig({
      NODE_ENV: 'production',
      HOVIYAT_SECRET: 'p'.repeat(40),
      HOVIYAT_ALLOW_SIMULATORS: '1',
      LOG_LEVEL: 'silent',
    }),
    { db, logger: false },
  );
  try {
    const res = await h.app.inject({ method: 'GET', url: '/dev/sms?to=09121234567' });
    assert.equal(res.statusCode, 404);
    const home = await h.app.inject({ method: 'GET', url: '/' });
    assert.doesNotMatch(home.body, /dev\/sms/);
  } finally {
    await h.app.close();
    await cleanup();
  }
});
