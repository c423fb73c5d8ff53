import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTwoNodes, type TestApp } from '../../helpers/app.js';
import { FormClient, smsCount, lastCode } from '../../helpers/browser.js';
import { createAccount, type TestAccount } from '../../helpers/accounts.js';

/**
 * The attack from the security review: someone who knows only a national code, from many
 * addresses and both nodes, tries wrong passwords, asks for recovery codes and guesses the security
 * answers, every hour. The owner must still get in, and recover by SMS, within minutes.
 */
describe('an attacker who knows a national code cannot keep its owner out', () => {
  let a: TestApp;
  let b: TestApp;
  let owner: TestAccount;
  let address = 0;
  const attacker = () => {
    address += 1;
    const node = address % 2 ? a : b;
    return new FormClient(node.app, `198.51.${Math.floor(address / 250)}.${address % 250}`);
  };
  const smsTo = (mobile: string) => smsCount(a, mobile);

  before(async () => {
    [a, b] = await createTwoNodes();
    owner = await createAccount(a, { nationalCode: '0084575948', mobile: '09121234567' });
  });
  after(async () => {
    await a.close();
    await b.close();
  });

  async function attackRound() {
    for (let i = 0; i < 6; i++) {
      const c = attacker();
      await c.get('/login');
      // the attacker solves every captcha it is shown
      await c.submit({ username: owner.nationalCode, password: `Wrong${i}pass`, captcha: '12345' });
    }
    for (let i = 0; i < 6; i++) {
      const c = attacker();
      await c.get('/recovery');
      await c.submit({ nationalCode: owner.nationalCode, captcha: '12345' });
      await c.submit({ method: 'sms' });
    }
    for (let i = 0; i < 5; i++) {
      const c = attacker();
      await c.get('/recovery');
      await c.submit({ nationalCode: owner.nationalCode, captcha: '12345' });
      await c.submit({ method: 'questions' });
      await c.submit({ answer1: 'الف', answer2: 'ب ب', answer3: `پ ${i}` });
    }
    await a.drain();
  }

  test('after hours of attack the owner logs in with the password (solving one captcha)', async () => {
    for (let hour = 0; hour < 4; hour++) {
      await attackRound();
      a.clock.advance(60 * 60_000);
    }
    await attackRound();
    // the attack has just happened: no waiting
    const c = new FormClient(b.app, '203.0.113.77');
    await c.get('/login');
    let page = await c.submit({ username: owner.nationalCode, password: owner.password });
    assert.equal(page.status, 400, 'a captcha is asked for');
    assert.match(page.html, /name="captcha_id"/);
    assert.doesNotMatch(page.html, /بسته است/);
    page = await c.submit({ username: owner.nationalCode, password: owner.password, captcha: '12345' });
    assert.equal(page.url, '/account');
  });

  test('the attacker sent few SMS to the owner, and the owner recovers by SMS at once', async () => {
    // five rounds of six requests: at most one window's budget per round reached the phone
    const sent = await smsTo(owner.mobile!);
    assert.ok(sent <= 5 * a.services.config.limits.smsPerMobile, `${sent} SMS`);
    const c = new FormClient(a.app, '203.0.113.78');
    await c.get('/recovery');
    let page = await c.submit({ nationalCode: owner.nationalCode, captcha: '12345' });
    page = await c.submit({ method: 'sms' });
    assert.match(page.url, /\/recovery\/code\?/, page.html.slice(0, 3000));
    // the latest code on the owner's phone works in the owner's own flow, whoever asked for it
    c.app = b.app;
    page = await c.submit({ code: await lastCode(a, owner.mobile!) });
    assert.match(page.url, /\/recovery\/new_password\?/, page.html.slice(0, 3000));
    page = await c.submit({ password: 'Tazeh2026Ramz', passwordRepeat: 'Tazeh2026Ramz' });
    assert.match(page.url, /\/recovery\/done\?/);
    const login = new FormClient(a.app, '203.0.113.79');
    await login.get('/login');
    page = await login.submit({ username: owner.nationalCode, password: 'Tazeh2026Ramz' });
    assert.equal(page.url, '/account', 'the recovery cleared the failures: no captcha now');
  });

  test('whenever the send budget is spent, a live code is already on the owner phone', async () => {
    const L = a.services.config.limits;
    // a code outlives the send window, so the sends that spent the window left a live code behind
    assert.ok(L.recoveryOtpTtlMs > L.smsWindowMs);
    a.clock.advance(L.recoveryOtpTtlMs + 1000);
    await attackRound();
    await attackRound();
    const before = await smsTo(owner.mobile!);
    const c = new FormClient(a.app, '203.0.113.80');
    await c.get('/recovery');
    await c.submit({ nationalCode: owner.nationalCode, captcha: '12345' });
    let page = await c.submit({ method: 'sms' });
    assert.match(page.url, /\/recovery\/code\?/);
    assert.equal(await smsTo(owner.mobile!), before, 'no new SMS: the live one is used');
    page = await c.submit({ code: await lastCode(a, owner.mobile!) });
    assert.match(page.url, /\/recovery\/new_password\?/);
  });
});
