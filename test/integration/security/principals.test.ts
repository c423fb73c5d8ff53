import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../helpers/app.js';
import { FormClient } from '../../helpers/browser.js';
import { createAccount } from '../../helpers/accounts.js';

let t: TestApp;
after(async () => t?.close());

test('sessions carry a principal; a staff session cannot run a citizen journey', async () => {
  t = await createTestApp();
  const acc = await createAccount(t, { nationalCode: '0084575948' });
  const staff = await t.services.sessions.create(t.services.db, acc.id, {}, { kind: 'staff', roles: ['clerk'] });
  const citizen = await t.services.sessions.create(t.services.db, acc.id, {});
  assert.deepEqual((await t.services.sessions.lookup(staff.token))?.principal, {
    kind: 'staff',
    accountId: acc.id,
    roles: ['clerk'],
  });
  assert.deepEqual((await t.services.sessions.lookup(citizen.token))?.principal, {
    kind: 'citizen',
    accountId: acc.id,
  });

  const c = new FormClient(t.app);
  c.cookies.set('hv_session', staff.token);
  const page = await c.get('/account/mobile');
  assert.equal(page.status, 403);
  assert.match(page.html, /برای نقش کاربری شما باز نیست/);
  const api = await t.app.inject({
    method: 'POST',
    url: '/api/v1/account/mobile',
    headers: { authorization: `Bearer ${staff.token}` },
    payload: { mobile: '09121234567' },
  });
  assert.equal(api.statusCode, 403);
  assert.equal(api.json().code, 'session.forbidden');
  c.cookies.set('hv_session', citizen.token);
  assert.equal((await c.get('/account/mobile')).status, 200);
});
