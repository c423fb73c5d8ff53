import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { FormClient, fieldErrorText, hiddenValue } from '../helpers/browser.js';
import { createAccount, type TestAccount } from '../helpers/accounts.js';
import { altchaOnPage, issueAltcha, solveAltcha } from '../helpers/altcha.js';
import { formatMessage } from '../../src/phrases/fa.js';

/**
 * The login page always carries a challenge (the automatic check for scripts, the image for
 * everyone else), the server asks for a proof only once an account has failed a few times, and
 * nobody who answered the challenge they were shown is bounced for a missing captcha.
 */
describe('login: a challenge from the start, and no bounce', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  let nextCode = 0;
  const codes = ['0084575948', '1279834064', '2271568439', '4483057162', '0499370899', '0013542419'];
  const account = () => createAccount(t, { nationalCode: codes[nextCode++]! });
  /** Someone else (an attacker who knows the national code) fails until a proof is needed. */
  const failUntilNeeded = async (acc: TestAccount) => {
    for (let i = 0; i < t.services.config.limits.loginCaptchaAfter; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/login',
        remoteAddress: '192.0.2.66',
        payload: { username: acc.nationalCode, password: 'Wrong1234' },
      });
      assert.equal(r.statusCode, 401);
    }
  };
  const challengeOn = (html: string) => ({
    imageId: hiddenValue(html, 'captcha_id'),
    image: /<img src="\/captcha\/[0-9a-f-]{36}\.svg"/.test(html),
    altcha: altchaOnPage(html),
  });

  test('a freshly opened login page carries both challenges, whatever the account', async () => {
    const fresh = challengeOn((await new FormClient(t.app).get('/login')).html);
    assert.ok(fresh.imageId && fresh.image, 'the image captcha, for browsers without JavaScript');
    assert.ok(fresh.altcha, 'the automatic check, for the script');
    const page = await new FormClient(t.app).get('/login?next=/account');
    assert.match(page.html, /data-altcha-status/);
    assert.match(page.html, /<script src="\/assets\/altcha.js" defer><\/script>/, 'and the script that solves it');
    const js = await t.app.inject({ method: 'GET', url: '/assets/altcha.js' });
    assert.equal(js.statusCode, 200);
    assert.match(String(js.headers['content-type']), /javascript/);
  });

  test('without JavaScript: the image shown on the fresh page is enough, on the first submit', async () => {
    const acc = await account();
    await failUntilNeeded(acc);
    const c = new FormClient(t.app, '203.0.113.70');
    await c.get('/login');
    const page = await c.submit({ username: acc.nationalCode, password: acc.password, captcha: '۱۲۳۴۵' });
    assert.equal(page.url, '/account', 'signed in at once, not bounced for a captcha');
  });

  test('with JavaScript: the solved automatic check is enough, nothing typed', async () => {
    const acc = await account();
    await failUntilNeeded(acc);
    const c = new FormClient(t.app, '203.0.113.71');
    const login = await c.get('/login');
    const page = await c.submit({
      username: acc.nationalCode,
      password: acc.password,
      altcha: solveAltcha(altchaOnPage(login.html)!),
    });
    assert.equal(page.url, '/account');
  });

  test('the account crossing the threshold while the page was open does not bounce the person', async () => {
    const acc = await account();
    const c = new FormClient(t.app, '203.0.113.72');
    const login = await c.get('/login'); // nothing needed yet when the page was drawn
    await failUntilNeeded(acc); // meanwhile, someone else fails three times
    const page = await c.submit({
      username: acc.nationalCode,
      password: acc.password,
      altcha: solveAltcha(altchaOnPage(login.html)!),
    });
    assert.equal(page.url, '/account');
  });

  test('an account that needs no proof logs in without one (API or a blank image field)', async () => {
    const acc = await account();
    const c = new FormClient(t.app, '203.0.113.73');
    await c.get('/login');
    assert.equal((await c.submit({ username: acc.nationalCode, password: acc.password, captcha: '' })).url, '/account');
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      payload: { username: acc.nationalCode, password: acc.password },
    });
    assert.equal(api.statusCode, 200);
    // a wrong answer to a challenge nobody asked for is not held against the person
    const d = new FormClient(t.app, '203.0.113.74');
    await d.get('/login');
    assert.equal(
      (await d.submit({ username: acc.nationalCode, password: acc.password, captcha: '99999' })).url,
      '/account',
    );
  });

  test('no proof when one is needed: the username is kept and the answer says a check is now needed', async () => {
    const acc = await account();
    await failUntilNeeded(acc);
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      payload: { username: acc.nationalCode, password: acc.password },
    });
    assert.equal(api.statusCode, 400);
    const body = api.json() as { code: string; message: string; captchaRequired: boolean; errors: unknown[] };
    assert.equal(body.code, 'captcha.now_required');
    assert.equal(body.captchaRequired, true);
    assert.match(body.message, /اکنون بررسی امنیتی لازم است/);

    const c = new FormClient(t.app, '203.0.113.75');
    await c.get('/login');
    const page = await c.submit({ username: acc.nationalCode, password: acc.password });
    assert.equal(page.status, 400);
    assert.match(page.html, new RegExp(`name="username"[^>]*value="${acc.nationalCode}"`), 'the username stays');
    assert.equal(fieldErrorText(page.html, 'captcha'), formatMessage('captcha.now_required'));
    const again = challengeOn(page.html);
    assert.ok(again.image && again.altcha, 'a fresh challenge of each kind comes with it');
    // and the API client that now sends a proof is in
    const retry = await t.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      payload: { username: acc.nationalCode, password: acc.password, altcha: solveAltcha(await issueAltcha(t.app)) },
    });
    assert.equal(retry.statusCode, 200);
  });

  test('a needed proof that is wrong or used is refused with its own code', async () => {
    const acc = await account();
    await failUntilNeeded(acc);
    const proof = solveAltcha(await issueAltcha(t.app));
    const send = (extra: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/login',
        payload: { username: acc.nationalCode, password: 'Wrong1234', ...extra },
      });
    assert.equal((await send({ altcha: proof })).statusCode, 401, 'the proof buys one password check');
    const replay = await send({ altcha: proof });
    assert.equal(replay.statusCode, 400);
    assert.equal((replay.json() as { code: string }).code, 'captcha.proof_invalid');
    const cap = (await t.app.inject({ method: 'POST', url: '/api/v1/captcha' })).json() as { id: string };
    const wrong = await send({ captcha_id: cap.id, captcha: '99999' });
    assert.equal((wrong.json() as { code: string }).code, 'captcha.wrong');
  });
});
