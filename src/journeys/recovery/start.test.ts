import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { FormClient, fieldErrorText, type Page } from '../../../test/helpers/browser.js';
import { createAccount } from '../../../test/helpers/accounts.js';
import { accepted, refused } from '../../../test/helpers/prg.js';
import { apiCall, apiStart, flowIdOf, recoveryFlowCount, toMethod } from '../../../test/helpers/recovery.js';
import { formatMessage } from '../../phrases/fa.js';

/** Recovery's first two steps: the national code behind a captcha, and the method. */
describe('recovery: identify and method', () => {
  let t: TestApp;
  let ip = 0;
  const client = () => new FormClient(t.app, `198.51.100.${++ip}`);
  const flowRows = () => recoveryFlowCount(t);
  const stepperLabels = (p: Page) =>
    [...p.html.matchAll(/<span class="stepper__label">([^<]*)<\/span>/g)].map((m) => m[1]);

  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  test('a refused first page leaves no flow row: errors and the code typed wait in a sealed cookie, shown once', async () => {
    const before = await flowRows();
    const c = client();
    await c.get('/recovery');
    const posted = await c.post('/recovery', { nationalCode: '0084575948', captcha: '99999' }, false);
    assert.equal(posted.status, 303);
    assert.equal(posted.location, '/recovery');
    const sealed = c.cookies.get('hv_start');
    assert.ok(sealed, 'the failure waits in a cookie');
    assert.ok(!sealed.includes('0084575948') && !sealed.includes('99999'), 'nothing typed is readable in it');
    let page = await c.get('/recovery');
    assert.equal(fieldErrorText(page.html, 'captcha'), formatMessage('captcha.wrong'));
    assert.match(page.html, /name="nationalCode"[^>]*value="0084575948"/);
    assert.doesNotMatch(page.html, /value="99999"/, 'the captcha answer is never shown again');
    assert.equal(await flowRows(), before, 'no row for a refusal');
    assert.equal(c.cookies.get('hv_start'), undefined, 'shown once');
    page = accepted(await c.get('/recovery'));
    assert.doesNotMatch(page.html, /value="0084575948"/);
    // a forged cookie is ignored
    c.cookies.set('hv_start', sealed.slice(0, -4) + 'AAAA');
    accepted(await c.get('/recovery'));
  });

  test('another national code after «مرحله قبل» starts a fresh flow, bound to this browser alone', async () => {
    const a = await createAccount(t, { nationalCode: '0084575948', mobile: '09121234567' });
    const b = await createAccount(t, { nationalCode: '1279834064', mobile: '09351234567' });
    const c = client();
    let page = await toMethod(c, a.nationalCode);
    const first = flowIdOf(page);
    page = await c.post(page.url, { _action: 'back' });
    assert.equal(page.url, `/recovery/identify?flow=${first}`);
    assert.match(page.html, new RegExp(`value="${a.nationalCode}"`), 'the code typed before is filled in');
    assert.match(page.html, /name="captcha_id"/, 'with a captcha of its own');
    // the same code carries on in this flow
    page = await c.submit({ nationalCode: a.nationalCode, captcha: '12345' });
    assert.equal(page.url, `/recovery/method?flow=${first}`);
    page = await c.post(page.url, { _action: 'back' });
    assert.match(page.url, /^\/recovery\/identify\?/);
    page = await c.submit({ nationalCode: b.nationalCode, captcha: '12345' });
    const fresh = flowIdOf(page);
    assert.match(page.url, /^\/recovery\/method\?flow=/);
    assert.notEqual(fresh, first);
    const stranger = client();
    await stranger.get('/recovery');
    assert.equal((await stranger.get(page.url)).status, 404, 'the fresh flow is this browser’s');
    // a captcha refused in the flow's own first page is kept in the flow, shown after the redirect
    page = await c.post(page.url, { _action: 'back' });
    assert.equal(page.url, `/recovery/identify?flow=${fresh}`);
    page = await refused(c, { nationalCode: a.nationalCode, captcha: '99999' });
    assert.equal(page.url, `/recovery/identify?flow=${fresh}`);
    assert.equal(fieldErrorText(page.html, 'captcha'), formatMessage('captcha.wrong'));
  });

  test('the stepper has four places; the third is named by the method chosen', async () => {
    const c = client();
    let page = await toMethod(c, '2271568439');
    assert.deepEqual(stepperLabels(page), ['کد ملی / کد فیدا', 'روش بازنشانی گذرواژه', 'درج کد', 'گذرواژه جدید']);
    assert.match(
      page.html,
      /stepper__step--current"[^>]*>\s*<span[^>]*>[^<]*<\/span>\s*<span class="stepper__label">روش/,
    );
    page = await c.submit({ method: 'questions' });
    assert.match(page.url, /^\/recovery\/questions\?/);
    assert.deepEqual(stepperLabels(page), [
      'کد ملی / کد فیدا',
      'روش بازنشانی گذرواژه',
      'سوالات امنیتی',
      'گذرواژه جدید',
    ]);
    page = await c.post(page.url, { _action: 'back' });
    assert.match(page.html, /value="questions" checked/, 'the method chosen is kept');
  });

  test('no method chosen, or the questions closed: the error sits by the radio buttons', async () => {
    const c = client();
    await toMethod(c, '0499370899');
    const page = await refused(c, {});
    assert.equal(fieldErrorText(page.html, 'method'), formatMessage('recovery.method_required'));
  });

  test('a step address without its flow leads to the start; data that does not parse gives «start again»', async () => {
    const c = client();
    const r = await c.get('/recovery/code', false);
    assert.equal(r.status, 303);
    assert.equal(r.location, '/recovery');
    const page = await toMethod(c, '0012345679');
    await t.services.db
      .updateTable('flows')
      .set({ data: JSON.stringify({ accountId: 'not-a-uuid', nationalCode: '0012345679' }) })
      .where('id', '=', flowIdOf(page))
      .execute();
    const broken = await c.get(page.url);
    assert.equal(broken.status, 404);
    assert.match(broken.html, /href="\/recovery"[^>]*>شروع دوباره/);
  });

  test('the API: a refusal leaves no flow; the first step answers a token that alone opens the flow', async () => {
    const before = await flowRows();
    const cap = (await t.app.inject({ method: 'POST', url: '/api/v1/captcha' })).json() as { id: string };
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/recovery',
      payload: { nationalCode: '0084575948', captcha_id: cap.id, captcha: '99999' },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].code, 'captcha.wrong');
    assert.equal(await flowRows(), before);

    const one = await apiStart(t, '0084575948');
    const two = await apiStart(t, '0084575948');
    assert.equal(one.flow.state, 'method');
    assert.deepEqual(one.flow.view, { methods: { sms: true, questions: true } });
    assert.equal((await apiCall(t, 'GET', one.id, undefined)).status, 404);
    assert.equal((await apiCall(t, 'GET', one.id, two.token)).status, 404, 'another flow’s token');
    const read = await apiCall(t, 'GET', one.id, one.token);
    assert.equal(read.status, 200);
    assert.equal(read.body.flow.state, 'method');
    // «مرحله قبل» and another national code over the API: a fresh flow, bound to the same token
    assert.equal((await apiCall(t, 'POST', `${one.id}/method/back`, one.token)).body.flow.state, 'identify');
    const idView = await apiCall(t, 'GET', one.id, one.token);
    assert.deepEqual(idView.body.flow.view, {}, 'no captcha image is issued for an app');
    const cap2 = (await t.app.inject({ method: 'POST', url: '/api/v1/captcha' })).json() as { id: string };
    const moved = await apiCall(t, 'POST', `${one.id}/identify`, one.token, {
      nationalCode: '1279834064',
      captcha_id: cap2.id,
      captcha: '12345',
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.notEqual(moved.body.flow.id, one.id);
    assert.equal((await apiCall(t, 'GET', moved.body.flow.id, one.token)).status, 200);
    assert.equal((await apiCall(t, 'GET', moved.body.flow.id, two.token)).status, 404);
  });
});
