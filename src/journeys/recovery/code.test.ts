import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { FormClient, fieldErrorText, lastCode } from '../../../test/helpers/browser.js';
import type { TestAccount } from '../../../test/helpers/accounts.js';
import { accepted } from '../../../test/helpers/prg.js';
import {
  apiCall,
  apiStart,
  flowIdOf,
  toCode,
  accountMaker,
  passwordIs as passwordIsOf,
} from '../../../test/helpers/recovery.js';
import { statusOf } from '../../errors/catalogue.js';
import { formatMessage } from '../../phrases/fa.js';

const LABEL = 'کد احراز هویت';

/** Recovery's code step: post/redirect/get, the flow bound to its client, resend, the API's statuses. */
describe('recovery: the code step', () => {
  let t: TestApp;
  let ip = 0;
  const client = () => new FormClient(t.app, `198.51.100.${++ip}`);
  const account = accountMaker(() => t, '0935123456');
  const passwordIs = (a: TestAccount, password: string) => passwordIsOf(t, a, password);

  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  test('a wrong code: the POST answers 303, the GET shows the error with the code kept; refresh is harmless', async () => {
    const a = await account();
    const c = client();
    const page = await toCode(c, a.nationalCode);
    const right = await lastCode(t, a.mobile!);
    const wrong = right === '000000' ? '111111' : '000000';
    const posted = await c.post(page.url, { code: wrong }, false);
    assert.equal(posted.status, 303, 'no page answers a POST: Back never asks to resubmit');
    assert.equal(posted.location, page.url);
    const shown = await c.get(posted.location!);
    assert.equal(shown.status, 400, 'the page with the error says so in its status too');
    assert.equal(fieldErrorText(shown.html, 'code'), formatMessage('otp.wrong', { remaining: 4, label: LABEL }));
    assert.match(shown.html, new RegExp(`name="code"[^>]*value="${wrong}"`), 'what was typed is kept');
    const again = await c.get(page.url);
    assert.equal(fieldErrorText(again.html, 'code'), fieldErrorText(shown.html, 'code'), 'a refresh sends nothing');
    const next = await c.submit({ code: right });
    assert.match(next.url, /^\/recovery\/new_password\?/);
  });

  test('after the owner passed the code, a client with only the flow id cannot set a password (pages, API)', async () => {
    const a = await account();
    const owner = client();
    await toCode(owner, a.nationalCode);
    const page = await owner.submit({ code: await lastCode(t, a.mobile!) });
    assert.match(page.url, /^\/recovery\/new_password\?flow=/);
    const id = flowIdOf(page);

    // the id seen over a shoulder or in a log, on another browser with its own cookies and form token
    const thief = client();
    await thief.get('/recovery');
    const seen = await thief.get(page.url);
    assert.equal(seen.status, 404);
    assert.match(seen.html, /شروع دوباره/);
    const posted = await thief.post(page.url, { password: 'Stolen2025x', passwordRepeat: 'Stolen2025x' }, false);
    assert.equal(posted.status, 404);
    // no cookie at all
    const bare = await t.app.inject({
      method: 'POST',
      url: page.url,
      payload: 'password=Stolen2025x&passwordRepeat=Stolen2025x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(bare.statusCode, 404);
    // the API without the flow token, or with a token of its own
    const body = { password: 'Stolen2025x', passwordRepeat: 'Stolen2025x' };
    assert.equal((await apiCall(t, 'POST', `${id}/new_password`, undefined, body)).status, 404);
    const own = await apiStart(t, '2271568439', '198.51.100.250');
    assert.equal((await apiCall(t, 'POST', `${id}/new_password`, own.token, body)).status, 404);
    assert.equal((await apiCall(t, 'GET', id, undefined)).status, 404);
    assert.equal(await passwordIs(a, 'Stolen2025x'), false);
    assert.equal(await passwordIs(a, 'Old2024pass'), true);

    // the owner's browser still can
    const done = await owner.submit({ password: 'Owner2025ok', passwordRepeat: 'Owner2025ok' });
    assert.match(done.url, /^\/recovery\/done\?/);
    assert.equal(await passwordIs(a, 'Owner2025ok'), true);
  });

  test('resend: the countdown from this flow’s request, then a new code that replaces the old', async () => {
    const a = await account();
    const c = client();
    let page = await toCode(c, a.nationalCode);
    assert.match(page.html, /data-countdown="60"/);
    const first = await lastCode(t, a.mobile!);
    t.clock.advance(t.services.config.limits.otpResendCooldownMs);
    page = accepted(await c.post(page.url, { _action: 'resend' }));
    assert.match(page.url, /^\/recovery\/code\?/);
    const second = await lastCode(t, a.mobile!);
    assert.notEqual(second, first, 'a new code was sent');
    page = await c.submit({ code: second });
    assert.match(page.url, /^\/recovery\/new_password\?/);
  });

  test('the API: the same step with its token; errors carry the catalogue’s statuses', async () => {
    const a = await account();
    const { id, token } = await apiStart(t, a.nationalCode);
    let r = await apiCall(t, 'POST', `${id}/method`, token, { method: 'sms' });
    assert.equal(r.body.flow.state, 'code');
    assert.deepEqual(r.body.flow.view, { resendWaitSeconds: 60 });
    r = await apiCall(t, 'POST', `${id}/code/resend`, token);
    assert.equal(r.status, statusOf('otp.resend_too_soon'));
    assert.equal(r.body.code, 'otp.resend_too_soon');
    const right = await lastCode(t, a.mobile!);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let left = 4; left >= 1; left--) {
      r = await apiCall(t, 'POST', `${id}/code`, token, { code: wrong });
      assert.equal(r.status, statusOf('otp.wrong'));
      assert.equal(r.body.errors[0].message, formatMessage('otp.wrong', { remaining: left, label: LABEL }));
    }
    r = await apiCall(t, 'POST', `${id}/code`, token, { code: wrong });
    assert.equal(r.status, statusOf('otp.too_many_attempts'));
    r = await apiCall(t, 'POST', `${id}/code`, token, { code: right });
    assert.equal(r.status, 429, 'the right code is refused while the guesses are spent');
    assert.equal(r.body.flow.state, 'code');
    r = await apiCall(t, 'POST', `${id}/new_password`, token, {
      password: 'Api2025pass',
      passwordRepeat: 'Api2025pass',
    });
    assert.equal(r.status, statusOf('flow.wrong_step'));
  });
});
