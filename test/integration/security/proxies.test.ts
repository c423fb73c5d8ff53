import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { createAccount } from '../../helpers/accounts.js';

/** Logs in once through the API from `remote` carrying `forwarded`; returns the address recorded. */
async function recordedAddress(t: TestApp, nationalCode: string, remote: string, forwarded: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/login',
    remoteAddress: remote,
    headers: { 'x-forwarded-for': forwarded },
    payload: { username: nationalCode, password: 'Hoviyat2024!' },
  });
  assert.equal(res.statusCode, 200, res.body);
  const row = await t.services.db
    .selectFrom('sign_ins')
    .innerJoin('accounts', 'accounts.id', 'sign_ins.account_id')
    .select('sign_ins.ip')
    .where('accounts.national_code', '=', nationalCode)
    .orderBy('sign_ins.id', 'desc')
    .executeTakeFirstOrThrow();
  return row.ip;
}

describe('X-Forwarded-For is believed only from configured proxies', () => {
  const apps: TestApp[] = [];
  after(async () => {
    for (const a of apps) await a.close();
  });

  test('by default a client cannot choose its own address', async () => {
    const t = await createTestApp();
    apps.push(t);
    await createAccount(t, { nationalCode: '0084575948' });
    assert.equal(await recordedAddress(t, '0084575948', '198.51.100.20', '203.0.113.99'), '198.51.100.20');
  });

  test('rotating X-Forwarded-For does not buy fresh per-address budgets', async () => {
    const t = await createTestApp({ limits: { loginPerIp: 3 } });
    apps.push(t);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/login',
        remoteAddress: '198.51.100.21',
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
        payload: { username: '0012345679', password: 'Wrong1234' },
      });
      statuses.push(res.statusCode);
    }
    assert.deepEqual(statuses.slice(0, 3), [401, 401, 401]);
    assert.deepEqual(statuses.slice(3), [429, 429]);
  });

  test('a configured proxy (CIDR) is believed; any other peer is not', async () => {
    const t = await createTestApp({ env: { HOVIYAT_TRUSTED_PROXIES: '10.1.0.0/16, 192.0.2.7' } });
    apps.push(t);
    await createAccount(t, { nationalCode: '0084575948' });
    assert.equal(await recordedAddress(t, '0084575948', '10.1.2.3', '203.0.113.5'), '203.0.113.5');
    assert.equal(await recordedAddress(t, '0084575948', '192.0.2.7', '203.0.113.6'), '203.0.113.6');
    assert.equal(await recordedAddress(t, '0084575948', '10.2.0.1', '203.0.113.7'), '10.2.0.1');
  });
});
