/** Step 2, the SMS code: counted guesses, the resend action and «تغییر کد ملی یا شماره همراه». */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { FormClient, fieldErrorText, lastCode, smsCount } from '../../../test/helpers/browser.js';
import { AMIR as AMIR_PERSON, registrationApi } from '../../../test/helpers/registration.js';

const AMIR = { nationalCode: AMIR_PERSON.nationalCode, mobile: AMIR_PERSON.mobile };
const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

describe('registration: the code step', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  test('each wrong code is counted; the page keeps no code; the right one goes on', async () => {
    const c = new FormClient(t.app, '203.0.113.211');
    await c.get('/registration');
    await c.submit({ personKind: 'iranian' });
    let page = await c.submit({ ...AMIR, captcha: '12345' });
    const url = page.url;
    const right = await lastCode(t, AMIR.mobile);
    const posted = await c.post(url, { code: wrongFor(right) }, false);
    assert.equal(posted.status, 303);
    page = await c.get(posted.location!);
    assert.match(fieldErrorText(page.html, 'code') ?? '', /۴ بار دیگر/);
    page = await c.submit({ code: wrongFor(right) });
    assert.match(fieldErrorText(page.html, 'code') ?? '', /۳ بار دیگر/, 'the second guess counts too');
    assert.doesNotMatch(page.html, /name="code"[^>]*value=/, 'a code is never shown again');
    page = await c.submit({ code: right });
    assert.match(page.url, /\/registration\/birth_certificate\?/);
  });

  test('over the API: the code page facts, resend after the cooldown, back to step 1', async () => {
    t.clock.advance(t.services.config.limits.otpGuessWindowMs);
    const api = await registrationApi(t, 'iranian', '203.0.113.212');
    let r = await api.step('identity', { ...AMIR, ...(await api.captcha()) });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.flow.state, 'verify_mobile');
    assert.equal(r.body.flow.view.codeDelivery, 'sending');
    assert.equal(r.body.flow.view.resendAvailableInSeconds, 60);
    const sent = await smsCount(t, AMIR.mobile);
    r = await api.step('verify_mobile/resend');
    assert.equal(r.status, 429);
    assert.equal(r.body.errors[0].code, 'otp.resend_too_soon');
    t.clock.advance(t.services.config.limits.otpResendCooldownMs + 1000);
    r = await api.step('verify_mobile/resend');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(await smsCount(t, AMIR.mobile), sent + 1);
    r = await api.step('verify_mobile/back');
    assert.equal(r.body.flow.state, 'identity');
    // the code step stays open (reached): the newest code is still good there
    r = await api.step('verify_mobile', { code: await lastCode(t, AMIR.mobile) });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.flow.state, 'birth_certificate');
  });
});
