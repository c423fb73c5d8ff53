/**
 * Login while the registration request is still being checked says so (only to whoever knows the
 * request's password, with one argon2 check either way); and a person told to visit a branch hears
 * the same words from registration, login and recovery.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { FormClient, lastCode, fieldErrorText, type Page } from '../helpers/browser.js';
import { ALI, PASSWORD, registerFully, requestStatus, type Person } from '../helpers/registration.js';
import { formatMessage } from '../../src/phrases/fa.js';

/** مریم حسینی: approved, but her account needs a branch visit (sim/people.json). */
const MARYAM: Person = {
  nationalCode: '3810425974',
  mobile: '09011234567',
  firstName: 'مریم',
  lastName: 'حسینی',
  fatherName: 'رضا',
  shenasnamehNumber: '1190',
  birth: ['1365', '11', '2'],
  gender: 'female',
};

const unescape = (s: string) => s.replace(/&#38;/g, '&').replace(/&#39;/g, "'").replace(/&#34;/g, '"');
const says = (p: Page, text: string) => unescape(p.html).includes(text);

describe('login and registration agree on what is happening', () => {
  let t: TestApp;
  let verifies = 0;
  before(async () => {
    t = await createTestApp();
    // count argon2 checks: a login costs exactly one, whatever is (or is not) behind the username
    const h = t.services.hasher;
    const verify = h.verify.bind(h);
    h.verify = async (encoded: string, secret: string) => {
      verifies++;
      return verify(encoded, secret);
    };
  });
  after(async () => {
    await t.close();
  });

  async function login(username: string, password: string, ip: string) {
    const c = new FormClient(t.app, ip);
    await c.get('/login');
    const before = verifies;
    const page = await c.submit({ username, password });
    return { page, checks: verifies - before };
  }

  test('a request under review: the right password hears "being checked", a wrong one the usual answer', async () => {
    await registerFully(t, ALI);
    assert.equal((await requestStatus(t, ALI.nationalCode))?.status, 'pending');
    const hours = t.services.config.limits.registrationPendingMs / 3_600_000;

    const right = await login(ALI.nationalCode, PASSWORD, '198.51.100.61');
    assert.equal(right.page.status, 400);
    assert.ok(says(right.page, formatMessage('login.request_pending', { hours })), right.page.html.slice(0, 3000));
    assert.ok(!says(right.page, formatMessage('login.invalid_credentials')));
    assert.equal(right.checks, 1);

    const wrong = await login(ALI.nationalCode, 'Wrong1234pass', '198.51.100.62');
    assert.ok(says(wrong.page, formatMessage('login.invalid_credentials')));
    // (the login page's automatic check says «در حال بررسی خودکار…»: look for the message itself)
    assert.ok(!says(wrong.page, formatMessage('login.request_pending', { hours })));
    assert.equal(wrong.checks, 1);

    const nobody = await login('1234567891', PASSWORD, '198.51.100.63');
    assert.ok(says(nobody.page, formatMessage('login.invalid_credentials')));
    assert.equal(nobody.checks, 1);

    // the API answers the same
    const api = await t.app.inject({
      method: 'POST',
      url: '/api/v1/login',
      payload: { username: ALI.nationalCode, password: PASSWORD },
      remoteAddress: '198.51.100.64',
    });
    assert.equal((api.json() as { code: string }).code, 'login.request_pending');

    // once the registry has answered, the same login goes in
    await t.drain();
    const done = await login(ALI.nationalCode, PASSWORD, '198.51.100.65');
    assert.equal(done.page.url, '/account');
  });

  test('"visit a branch": registration, login and recovery say the same', async () => {
    await registerFully(t, MARYAM);
    await t.drain();
    assert.equal((await requestStatus(t, MARYAM.nationalCode))?.status, 'branch_visit');
    const branch = formatMessage('login.pending_branch_visit');

    // registration step 1 with her own mobile
    const r = new FormClient(t.app, '198.51.100.71');
    await r.get('/registration');
    await r.submit({ personKind: 'iranian' });
    let page = await r.submit({ nationalCode: MARYAM.nationalCode, mobile: MARYAM.mobile, captcha: '12345' });
    assert.equal(unescape(fieldErrorText(page.html, 'nationalCode') ?? ''), branch);
    // someone with another mobile learns no more than before: an account exists
    page = await r.submit({ nationalCode: MARYAM.nationalCode, mobile: '09121234567', captcha: '12345' });
    assert.equal(
      unescape(fieldErrorText(page.html, 'nationalCode') ?? ''),
      formatMessage('registration.account_exists'),
    );

    // login with her password
    const l = await login(MARYAM.nationalCode, PASSWORD, '198.51.100.72');
    assert.ok(says(l.page, branch));

    // recovery, once the code is right
    const c = new FormClient(t.app, '198.51.100.73');
    await c.get('/recovery');
    await c.submit({ nationalCode: MARYAM.nationalCode, captcha: '12345' });
    await c.submit({ method: 'sms' });
    page = await c.submit({ code: await lastCode(t, MARYAM.mobile) });
    assert.ok(says(page, branch));

    // and the request-status page and the SMS
    const sms = await t.services.db
      .selectFrom('dev_sms_inbox')
      .select('body')
      .where('to_mobile', '=', MARYAM.mobile)
      .execute();
    assert.ok(sms.some((m) => m.body.includes(branch)));
  });
});
