import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTwoNodes, type TestApp } from '../../helpers/app.js';
import { createAccount, type TestAccount } from '../../helpers/accounts.js';
import { issueAltcha, solveAltcha } from '../../helpers/altcha.js';

/**
 * Logins fired at once, split over two nodes: the attempt is reserved before the slow password
 * check, so the captcha threshold and each proof's single use (image or automatic check) hold
 * whatever the concurrency.
 * Real proof needs the PostgreSQL server (CI runs this file there too).
 */
describe('concurrent logins cannot slip past the captcha', () => {
  let a: TestApp;
  let b: TestApp;
  before(async () => {
    [a, b] = await createTwoNodes({ env: { HOVIYAT_HASH_QUEUE: '500' } });
  });
  after(async () => {
    await a.close();
    await b.close();
  });

  const login = (i: number, payload: Record<string, string>) =>
    (i % 2 ? a : b).app.inject({
      method: 'POST',
      url: '/api/v1/login',
      remoteAddress: `198.51.100.${i % 200}`,
      payload,
    });

  const checked = async (acc: TestAccount) =>
    Number(
      (
        await a.services.db
          .selectFrom('sign_ins')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('account_id', '=', acc.id)
          .executeTakeFirstOrThrow()
      ).n,
    );

  test('40 at once without a captcha: only the threshold of passwords is checked', async () => {
    const acc = await createAccount(a, { nationalCode: '0084575948' });
    const limit = a.services.config.limits.loginCaptchaAfter;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        login(i, { username: acc.nationalCode, password: i === 39 ? acc.password : `Wrong${i}pass` }),
      ),
    );
    const n = await checked(acc);
    assert.ok(n >= 1 && n <= limit, `${n} passwords checked`);
    const bounced = results.filter((r) => r.statusCode === 400 && r.json().captchaRequired === true);
    assert.ok(bounced.length >= 40 - limit);
  });

  test('120 at once with one captcha: it buys one password check', async () => {
    const acc = await createAccount(a, { nationalCode: '1279834064', mobile: '09351234567' });
    const limit = a.services.config.limits.loginCaptchaAfter;
    for (let i = 0; i < limit; i++) await login(i, { username: acc.nationalCode, password: 'Wrong1234' });
    const before = await checked(acc);
    const captcha = (await a.app.inject({ method: 'POST', url: '/api/v1/captcha' })).json() as { id: string };
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        login(i, { username: acc.nationalCode, password: acc.password, captcha_id: captcha.id, captcha: '12345' }),
      ),
    );
    assert.equal(results.filter((r) => r.statusCode === 200).length, 1);
    assert.equal((await checked(acc)) - before, 1);
  });

  test('120 at once with one solved automatic check: it buys one password check', async () => {
    const acc = await createAccount(a, { nationalCode: '2271568439', mobile: '09131234567' });
    const limit = a.services.config.limits.loginCaptchaAfter;
    for (let i = 0; i < limit; i++) await login(i, { username: acc.nationalCode, password: 'Wrong1234' });
    const before = await checked(acc);
    const altcha = solveAltcha(await issueAltcha(b.app));
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, i) => login(i, { username: acc.nationalCode, password: acc.password, altcha })),
    );
    assert.equal(results.filter((r) => r.statusCode === 200).length, 1);
    assert.equal((await checked(acc)) - before, 1);
    const refused = results.filter((r) => r.statusCode === 400).map((r) => (r.json() as { code: string }).code);
    assert.deepEqual([...new Set(refused)], ['captcha.proof_invalid']);
  });

  test('40 at once with one proof before the threshold: at most the threshold and the proof', async () => {
    const acc = await createAccount(a, { nationalCode: '4483057162', mobile: '09141234567' });
    const limit = a.services.config.limits.loginCaptchaAfter;
    const altcha = solveAltcha(await issueAltcha(a.app));
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => login(i, { username: acc.nationalCode, password: `Wrong${i}pass`, altcha })),
    );
    const n = await checked(acc);
    assert.ok(n >= 1 && n <= limit + 1, `${n} passwords checked`);
  });
});
