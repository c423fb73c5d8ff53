/**
 * The first steps on the engine: the choice of person kind and step 1 (national code, mobile,
 * captcha). Post/redirect/get for errors, the flow bound to the client that started it, one
 * status for a registry outage on both faces, the captcha proofs in the step's one schema.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { FormClient, fieldErrorText, lastCode } from '../../../test/helpers/browser.js';
import { ALI, registrationApi } from '../../../test/helpers/registration.js';

describe('registration: choosing the kind and step 1', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  test('the kind page: a post without a kind answers 303, and the page then says what to choose', async () => {
    const c = new FormClient(t.app, '203.0.113.201');
    const first = await c.get('/registration');
    assert.equal(first.status, 200);
    assert.match(first.html, /ثبت نام اشخاص حقیقی/);
    assert.doesNotMatch(first.html, /class="stepper"/, 'the choice comes before the stepped journey');
    const posted = await c.post('/registration', {}, false);
    assert.equal(posted.status, 303);
    assert.match(posted.location ?? '', /^\/registration\/kind\?flow=/);
    const page = await c.get(posted.location!);
    assert.equal(page.status, 400);
    assert.match(page.html, /نوع کاربری را انتخاب کنید/);
    const next = await c.submit({ personKind: 'foreign' });
    assert.match(next.url, /^\/registration\/identity\?flow=/);
    assert.match(next.html, /<h1>ثبت نام اتباع خارجی<\/h1>/);
  });

  test('a bad step 1 answers 303; the GET shows the errors with what was typed, never the captcha', async () => {
    const c = new FormClient(t.app, '203.0.113.202');
    await c.get('/registration');
    const identity = await c.submit({ personKind: 'iranian' });
    const posted = await c.post(identity.url, { nationalCode: '0012345678', mobile: '0912', captcha: '54321' }, false);
    assert.equal(posted.status, 303, 'an error answers with a redirect too');
    assert.equal(posted.location, identity.url);
    const page = await c.get(posted.location!);
    assert.equal(page.status, 400);
    assert.ok(fieldErrorText(page.html, 'nationalCode'));
    assert.ok(fieldErrorText(page.html, 'mobile'));
    assert.ok(fieldErrorText(page.html, 'captcha'));
    assert.match(page.html, /name="nationalCode"[^>]*value="0012345678"/);
    assert.match(page.html, /name="mobile"[^>]*value="0912"/);
    assert.doesNotMatch(page.html, /value="54321"/, 'a captcha answer is never shown again');
    const row = await t.services.db
      .selectFrom('flows')
      .select('form_state')
      .where('id', '=', new URL(page.url, 'http://x').searchParams.get('flow')!)
      .executeTakeFirstOrThrow();
    assert.doesNotMatch(JSON.stringify(row.form_state), /54321/, 'nor kept');
    // a refresh shows the same errors and sends nothing
    const again = await c.get(page.url);
    assert.equal(again.status, 400);
    assert.ok(fieldErrorText(again.html, 'nationalCode'));
  });

  test('the flow belongs to the client that started it: the id alone reads and moves nothing', async () => {
    const c = new FormClient(t.app, '203.0.113.203');
    await c.get('/registration');
    await c.submit({ personKind: 'iranian' });
    const code = await c.submit({ nationalCode: ALI.nationalCode, mobile: ALI.mobile, captcha: '12345' });
    assert.match(code.url, /verify_mobile/);
    const id = new URL(code.url, 'http://x').searchParams.get('flow')!;

    const stranger = new FormClient(t.app, '203.0.113.203');
    assert.equal((await stranger.get(code.url)).status, 404);
    const posted = await stranger.post(code.url, { code: await lastCode(t, ALI.mobile) }, false);
    assert.equal(posted.status, 404);
    // nor through the API, with no token or another client's
    for (const headers of [{}, { 'x-flow-token': 'x'.repeat(43) }]) {
      const read = await t.app.inject({ method: 'GET', url: `/api/v1/registration/${id}`, headers });
      assert.equal(read.statusCode, 404);
      const moved = await t.app.inject({
        method: 'POST',
        url: `/api/v1/registration/${id}/verify_mobile`,
        headers,
        payload: { code: await lastCode(t, ALI.mobile) },
      });
      assert.equal(moved.statusCode, 404);
    }
    const row = await t.services.db.selectFrom('flows').select('state').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.state, 'verify_mobile', 'nothing moved');
    // the owner carries on
    const page = await c.submit({ code: await lastCode(t, ALI.mobile) });
    assert.match(page.url, /birth_certificate/);
  });

  test('a registry outage is 503 on the page and in the API alike', async () => {
    // 0672198347 / 09990001234: Shahkar's outage (sim/people.json)
    const person = { nationalCode: '0672198347', mobile: '09990001234' };
    const c = new FormClient(t.app, '203.0.113.204');
    await c.get('/registration');
    await c.submit({ personKind: 'iranian' });
    const page = await c.submit({ ...person, captcha: '12345' });
    assert.equal(page.status, 503);
    assert.match(page.html, /سامانه استعلام در این لحظه پاسخ نمی‌دهد/);

    const api = await registrationApi(t, 'iranian', '203.0.113.205');
    const r = await api.step('identity', { ...person, ...(await api.captcha()) });
    assert.equal(r.status, 503);
    assert.equal(r.body.errors[0].code, 'registry.unavailable');
  });

  test('step 1 takes the captcha in its one schema: the image answer or the automatic proof', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const schema = doc.paths['/api/v1/registration/{flowId}/identity'].post.requestBody.content['application/json']
      .schema as { properties: Record<string, unknown> };
    for (const field of ['nationalCode', 'mobile', 'captcha_id', 'captcha', 'altcha']) {
      assert.ok(schema.properties[field], field);
    }
    // the first call starts the flow and hands out its token
    const start = doc.paths['/api/v1/registration'].post;
    assert.ok(start.responses['201'].content['application/json'].schema.properties.flowToken);
    // without a proof, step 1 looks nothing up
    const api = await registrationApi(t, 'iranian', '203.0.113.206');
    const r = await api.step('identity', { nationalCode: ALI.nationalCode, mobile: ALI.mobile });
    assert.equal(r.status, 400);
    assert.deepEqual(
      r.body.errors.map((e: { field: string }) => e.field),
      ['captcha'],
    );
  });
});
