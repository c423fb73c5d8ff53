import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { FormClient, lastSms, fieldErrorText } from '../helpers/browser.js';
import { createAccount } from '../helpers/accounts.js';

describe('login, sessions and the account page', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => {
    await t.close();
  });

  test('log in with national code and password, see the account, log out', async () => {
    const acc = await createAccount(t, { nationalCode: '0084575948' });
    const c = new FormClient(t.app);
    let page = await c.get('/account');
    assert.match(page.url, /^\/login\?next=/);
    page = await c.submit({ username: '۰۰۸۴۵۷۵۹۴۸', password: acc.password });
    assert.equal(page.url, '/account');
    assert.match(page.html, /علی رضایی/);
    assert.match(page.html, /ورودهای اخیر/);
    assert.match(page.html, /موفق/);
    const cookie = [...c.cookies.keys()];
    assert.ok(cookie.includes('hv_session'));
    page = await c.post('/logout', {});
    assert.match(page.url, /\/login\?done=logout/);
    page = await c.get('/account');
    assert.match(page.url, /^\/login/);
  });

  test('wrong passwords: generic message, then a captcha on every try, never a lock', async () => {
    const acc = await createAccount(t, { nationalCode: '1279834064', mobile: '09351234567' });
    const c = new FormClient(t.app, '198.51.100.7');
    await c.get('/login');
    let page = await c.submit({ username: acc.nationalCode, password: 'Wrong1234' });
    assert.equal(page.status, 400);
    assert.match(page.html, /کد ملی یا گذرواژه درست نیست/);
    // unknown account gets the same answer
    page = await c.submit({ username: '0012345679', password: 'Wrong1234' });
    assert.match(page.html, /کد ملی یا گذرواژه درست نیست/);
    page = await c.submit({ username: acc.nationalCode, password: 'Wrong1234' });
    page = await c.submit({ username: acc.nationalCode, password: 'Wrong1234' });
    // three failures: a captcha is now needed (the page has offered one all along)
    assert.match(page.html, /name="captcha_id"/);
    page = await c.submit({ username: acc.nationalCode, password: acc.password });
    assert.equal(page.status, 400);
    assert.match(fieldErrorText(page.html, 'captcha') ?? '', /اکنون بررسی امنیتی لازم است/);
    // however many failures follow, nothing locks: each try just needs a captcha
    for (let i = 0; i < 10; i++) {
      page = await c.submit({ username: acc.nationalCode, password: 'Wrong1234', captcha: '12345' });
      assert.equal(page.status, 400);
      assert.match(page.html, /کد ملی یا گذرواژه درست نیست/);
      assert.match(page.html, /name="captcha_id"/);
    }
    // the owner, who knows the password, solves the captcha and is in
    page = await c.submit({ username: acc.nationalCode, password: acc.password, captcha: '12345' });
    assert.equal(page.url, '/account');
    // a success clears the count: the next login needs no captcha (the page still offers one)
    await c.post('/logout', {});
    page = await c.get('/login');
    assert.match(page.html, /name="captcha_id"/);
    page = await c.submit({ username: acc.nationalCode, password: acc.password });
    assert.equal(page.url, '/account');
  });

  test('forced password change comes before anything else', async () => {
    const acc = await createAccount(t, { nationalCode: '2271568439', passwordExpired: true, password: 'Initial1pass' });
    const c = new FormClient(t.app);
    await c.get('/login');
    let page = await c.submit({ username: acc.nationalCode, password: acc.password });
    assert.equal(page.url, '/account/password-expired');
    assert.match(page.html, /کلمه عبور شما منقضی شده است/);
    page = await c.get('/account/email');
    assert.equal(page.url, '/account/password-expired');
    page = await c.get('/account/password');
    assert.equal(page.url, '/account/password-expired');
    page = await c.submit({ currentPassword: acc.password, password: 'Initial1pass', passwordRepeat: 'Initial1pass' });
    assert.equal(page.status, 400);
    page = await c.submit({ currentPassword: acc.password, password: 'Fresh2Start!', passwordRepeat: 'Fresh2Start!' });
    assert.equal(page.url, '/account?done=password');
    const row = await t.services.db
      .selectFrom('accounts')
      .select('password_expired')
      .where('id', '=', acc.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.password_expired, false);
  });

  test('change password ends other sessions; change email', async () => {
    const acc = await createAccount(t, { nationalCode: '0499370899', mobile: '09127654321' });
    const other = await t.services.sessions.create(t.services.db, acc.id, {});
    const c = new FormClient(t.app);
    await c.get('/login');
    await c.submit({ username: acc.nationalCode, password: acc.password });
    let page = await c.get('/account/password');
    page = await c.submit({ currentPassword: 'nope', password: 'Another9pass', passwordRepeat: 'Another9pass' });
    assert.equal(page.status, 400);
    assert.ok(fieldErrorText(page.html, 'currentPassword'));
    page = await c.submit({ currentPassword: acc.password, password: 'Another9pass', passwordRepeat: 'Another9pass' });
    assert.equal(page.url, '/account?done=password');
    assert.equal(await t.services.sessions.lookup(other.token), null);
    assert.match((await lastSms(t, '09127654321')) ?? '', /گذرواژه حساب شما تغییر کرد/);

    page = await c.get('/account/email');
    page = await c.submit({ email: 'not-an-email' });
    assert.equal(page.status, 400);
    assert.match(page.html, /value="not-an-email"/);
    page = await c.submit({ email: 'Person@Example.COM' });
    assert.equal(page.url, '/account?done=email');
    assert.match(page.html, /Person@example.com/);
  });
});
