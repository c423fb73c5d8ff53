import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { FormClient, fieldErrorText, lastCode, lastSms } from '../../../test/helpers/browser.js';
import { createAccount, type TestAccount } from '../../../test/helpers/accounts.js';

/** Mobile change, the first journey on the engine: pages, post/redirect/get, binding, API. */
describe('mobile change journey', () => {
  let t: TestApp;
  let acc: TestAccount;
  before(async () => {
    t = await createTestApp();
    // demo person with two mobiles in sim/people.json
    acc = await createAccount(t, { nationalCode: '0027613496', mobile: '09121230000' });
  });
  after(async () => t.close());

  async function signedIn(ip = '198.51.100.40') {
    const c = new FormClient(t.app, ip);
    await c.get('/login');
    const page = await c.submit({ username: acc.nationalCode, password: acc.password });
    assert.equal(page.url, '/account');
    return c;
  }

  const mobileNow = async () =>
    (await t.services.db.selectFrom('accounts').select('mobile').where('id', '=', acc.id).executeTakeFirstOrThrow())
      .mobile;

  test('errors come back by redirect with what was typed; Back and refresh never resubmit', async () => {
    const c = await signedIn();
    await c.get('/account/mobile');
    const posted = await c.post('/account/mobile', { mobile: '09350000000' }, false);
    assert.equal(posted.status, 303, 'an error answers with a redirect too');
    let page = await c.get(posted.location!);
    assert.equal(page.status, 400, 'the page that shows the error says so in its status');
    assert.match(page.url, /^\/account\/mobile\/number\?flow=/);
    assert.match(fieldErrorText(page.html, 'mobile') ?? '', /به نام شما ثبت نشده/);
    assert.match(page.html, /value="09350000000"/);
    // a refresh shows the same page and sends nothing
    const again = await c.get(page.url);
    assert.equal(again.html.replace(/value="[0-9a-f]{64}"/g, ''), page.html.replace(/value="[0-9a-f]{64}"/g, ''));
    page = await c.submit({ mobile: '۰۹۰۱۱۲۳۰۰۰۰' });
    assert.match(page.url, /^\/account\/mobile\/verify\?flow=/);
    assert.match(page.html, /data-delivery="(sending|sent)"/);
    assert.match(page.html, /۰۹۰۱۱۲۳۰۰۰۰/, 'the number typed is shown in full, to be checked');
  });

  test('a wrong code, «تغییر شماره» keeps the number, then the right code changes it; the old number is told', async () => {
    const c = await signedIn('198.51.100.41');
    await c.get('/account/mobile');
    let page = await c.submit({ mobile: '09011230000' });
    const verifyUrl = page.url;
    page = await c.submit({ code: '000000' === (await lastCode(t, '09011230000')) ? '111111' : '000000' });
    assert.equal(page.url, verifyUrl);
    assert.match(fieldErrorText(page.html, 'code') ?? '', /درست نیست/);
    assert.match(fieldErrorText(page.html, 'code') ?? '', /۴ بار دیگر/);
    assert.doesNotMatch(page.html, /name="code"[^>]*value=/, 'a code is never shown again');
    // each wrong guess is counted, though the step failed and its move rolled back
    page = await c.submit({ code: '000000' === (await lastCode(t, '09011230000')) ? '111111' : '000000' });
    assert.match(fieldErrorText(page.html, 'code') ?? '', /۳ بار دیگر/);
    page = await c.post(verifyUrl, { _action: 'back' });
    assert.match(page.url, /\/account\/mobile\/number\?/);
    assert.match(page.html, /value="09011230000"/);
    page = await c.submit({ mobile: '09011230000' });
    assert.match(page.html, /برای ارسال دوباره کد/);
    t.clock.advance(t.services.config.limits.otpResendCooldownMs + 1000);
    page = await c.submit({ mobile: '09011230000' });
    assert.match(page.url, /\/account\/mobile\/verify\?/);
    page = await c.submit({ code: await lastCode(t, '09011230000') });
    assert.equal(page.url, '/account?done=mobile');
    assert.equal(await mobileNow(), '09011230000');
    assert.match((await lastSms(t, '09121230000')) ?? '', /شماره همراه حساب شما تغییر کرد/);
    // the finished flow only leads back to the account page
    page = await c.get(verifyUrl);
    assert.equal(page.url, '/account?done=mobile');
  });

  test('wrong codes are counted although the step refuses them: after the cap even the right code is refused', async () => {
    const L = t.services.config.limits;
    // the earlier tests' guesses and sends for this number are over
    t.clock.advance(Math.max(L.otpGuessWindowMs, L.smsWindowMs));
    const c = await signedIn('198.51.100.46');
    await c.get('/account/mobile');
    // the person's other number (sim/people.json gives them two)
    const other = (await mobileNow()) === '09011230000' ? '09121230000' : '09011230000';
    let page = await c.submit({ mobile: other });
    assert.match(page.url, /\/account\/mobile\/verify\?/);
    const code = await lastCode(t, other);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let left = L.otpMaxAttempts - 1; left >= 1; left--) {
      page = await c.submit({ code: wrong });
      assert.match(fieldErrorText(page.html, 'code') ?? '', new RegExp(`${'۰۱۲۳۴۵۶۷۸۹'[left]} بار دیگر`));
    }
    page = await c.submit({ code: wrong });
    assert.match(fieldErrorText(page.html, 'code') ?? '', /دقیقه/, 'the cap is reached');
    page = await c.submit({ code });
    assert.match(page.url, /\/account\/mobile\/verify\?/, 'the right code is refused while the budget is spent');
    assert.notEqual(await mobileNow(), other);
    t.clock.advance(L.otpGuessWindowMs + L.otpResendCooldownMs);
  });

  test('a flow belongs to the browser that started it, and to its account', async () => {
    const c = await signedIn('198.51.100.42');
    await c.get('/account/mobile');
    const page = await c.submit({ mobile: '09121230000' });
    assert.match(page.url, /\/account\/mobile\/verify\?flow=/);
    // the same person signed in on another browser: the id alone opens nothing
    const other = await signedIn('198.51.100.43');
    const stolen = await other.get(page.url);
    assert.equal(stolen.status, 404);
    assert.match(stolen.html, /شروع دوباره/);
    const posted = await other.post(page.url, { code: '123456' }, false);
    assert.equal(posted.status, 404);
    // the same browser after signing out and in as someone else: not theirs either
    const someone = await createAccount(t, { nationalCode: '1279834064', mobile: '09351234567' });
    await c.post('/logout', {});
    await c.get('/login');
    await c.submit({ username: someone.nationalCode, password: someone.password });
    assert.equal((await c.get(page.url)).status, 404);
  });

  test('flow data that does not parse gives the start-again page, never a 500', async () => {
    const c = await signedIn('198.51.100.44');
    await c.get('/account/mobile');
    const page = await c.submit({ mobile: '09011230000' });
    const id = /flow=([0-9a-f-]{36})/.exec(page.url)![1]!;
    await t.services.db
      .updateTable('flows')
      .set({ data: JSON.stringify({ mobile: 42 }) })
      .where('id', '=', id)
      .execute();
    const broken = await c.get(page.url);
    assert.equal(broken.status, 404);
    assert.match(broken.html, /href="\/account\/mobile"[^>]*>شروع دوباره/);
  });

  test('the same journey over the API: a flow token, bearer session, the same errors', async () => {
    t.clock.advance(t.services.config.limits.smsWindowMs);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      payload: { username: acc.nationalCode, password: acc.password },
    });
    const auth = { authorization: `Bearer ${login.json().token}` };
    const nope = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/mobile',
      payload: { mobile: '09121230000' },
    });
    assert.equal(nope.statusCode, 401);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/mobile',
      headers: auth,
      payload: { mobile: '0935' },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'mobile');
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/mobile',
      headers: auth,
      payload: { mobile: '09121230000' },
    });
    assert.equal(started.statusCode, 201, started.body);
    const { flow, flowToken } = started.json() as { flow: { id: string; state: string }; flowToken: string };
    assert.equal(flow.state, 'verify');
    const path = `/api/v1/account/mobile/${flow.id}`;
    assert.equal((await t.app.inject({ method: 'GET', url: path, headers: auth })).statusCode, 404);
    const read = await t.app.inject({ method: 'GET', url: path, headers: { ...auth, 'x-flow-token': flowToken } });
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().flow.view.resendWaitSeconds, 60);
    const done = await t.app.inject({
      method: 'POST',
      url: `${path}/verify`,
      headers: { ...auth, 'x-flow-token': flowToken },
      payload: { code: await lastCode(t, '09121230000') },
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().flow.ended, true);
    assert.equal(await mobileNow(), '09121230000');
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    assert.ok(doc.paths['/api/v1/account/mobile'].post.requestBody);
    assert.ok(doc.paths['/api/v1/account/mobile/{flowId}/verify/resend'].post);
    assert.equal(
      doc.paths['/api/v1/account/mobile/{flowId}'].get.responses['200'].content['application/json'].schema.type,
      'object',
    );
  });

  test('an SMS the gateway rejects: the page says so and a new code may go at once', async () => {
    const rejecting = await createTestApp({
      overrides: { smsGateway: { send: async () => ({ status: 'rejected', reason: 'test: number refused' }) } },
    });
    try {
      const person = await createAccount(rejecting, { nationalCode: '0027613496', mobile: '09121230000' });
      const c = new FormClient(rejecting.app, '198.51.100.45');
      await c.get('/login');
      await c.submit({ username: person.nationalCode, password: person.password });
      await c.get('/account/mobile');
      let page = await c.submit({ mobile: '09011230000' });
      assert.match(page.html, /data-delivery="sending"/);
      await rejecting.drain();
      page = await c.get(page.url);
      assert.match(page.html, /data-delivery="failed"/);
      assert.match(page.html, /پیامک ارسال نشد/);
      assert.doesNotMatch(page.html, /data-countdown/, 'no wait for a code that never went');
      page = await c.post(page.url, { _action: 'resend' });
      assert.equal(fieldErrorText(page.html, 'code'), undefined, 'the resend was accepted');
    } finally {
      await rejecting.close();
    }
  });
});
