/**
 * The review and the wait after it: `submitted` waits on the `registration.verify` job, whose
 * outcome settles the request and moves the flow in one transaction; a repeated or late job
 * changes nothing; a job queued before the wait named its flow is still settled.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { FormClient, smsCount } from '../../../test/helpers/browser.js';
import { ALI, AMIR, SARA, fillRegistration, registerFully, requestStatus } from '../../../test/helpers/registration.js';
import { resume } from '../engine/waits.js';
import { up as addFlowIds } from '../../db/migrations/007-registration-wait.js';
import { registration } from './journey.js';

describe('registration: the review and the wait for the registry', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());

  const flowOf = (url: string) => new URL(url, 'http://x').searchParams.get('flow')!;
  const flowRow = (id: string) =>
    t.services.db
      .selectFrom('flows')
      .select(['state', 'data', 'expires_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  test('the outcome moves the flow with the request, once; a repeated job is a no-op', async () => {
    const { c, page } = await registerFully(t, ALI);
    const id = flowOf(page.url);
    let row = await flowRow(id);
    assert.equal(row.state, 'submitted');
    const L = t.services.config.limits;
    assert.equal(row.expires_at.getTime(), t.clock.now().getTime() + L.registrationPendingMs + L.flowTtlMs);
    assert.doesNotMatch(JSON.stringify(row.data), /argon2/, 'the flow holds no hash once the request does');
    await t.drain();
    row = await flowRow(id);
    assert.equal(row.state, 'activated');
    assert.equal((await requestStatus(t, ALI.nationalCode))?.status, 'activated');
    const requestId = (row.data as { requestId: string }).requestId;
    const sent = await smsCount(t, ALI.mobile);
    // the same job again (a second delivery, a late retry): nothing asked, nothing sent, nothing moved
    const again = await resume(t.services, registration, id, 'submitted', { requestId, flowId: id });
    assert.equal(again, 'ignored');
    assert.equal(await smsCount(t, ALI.mobile), sent);
    const accounts = await t.services.db
      .selectFrom('accounts')
      .select('id')
      .where('national_code', '=', ALI.nationalCode)
      .execute();
    assert.equal(accounts.length, 1);
    // the status page is the outcome's end page now, at the same link
    const status = await c.get(page.url);
    assert.match(status.url, /\/registration\/activated\?flow=/);
    assert.match(status.html, /data-status="activated"/);
  });

  test('two flows for one person confirmed at once: one request, the other told one is under review', async () => {
    const a = await fillRegistration(t, SARA, new FormClient(t.app, '203.0.113.241'));
    const b = await fillRegistration(t, SARA, new FormClient(t.app, '203.0.113.242'));
    const [ra, rb] = await Promise.all([a.c.submit({}), b.c.submit({})]);
    const won = [ra, rb].filter((r) => /\/submitted\?/.test(r.url));
    assert.equal(won.length, 1);
    const lost = [ra, rb].find((r) => !/\/submitted\?/.test(r.url))!;
    assert.match(lost.url, /\/review\?/);
    assert.equal(lost.status, 400);
    assert.match(lost.html, /در حال بررسی/);
  });

  test('a job queued before jobs named their flow is still settled, and moves the flow', async () => {
    const p = AMIR;
    const { page } = await registerFully(t, p);
    const id = flowOf(page.url);
    // as an older release queued it: the request's id only
    await t.services.db
      .updateTable('jobs')
      .set({ payload: JSON.stringify({ requestId: ((await flowRow(id)).data as { requestId: string }).requestId }) })
      .where('queue', '=', 'registration.verify')
      .where('state', '=', 'pending')
      .execute();
    await addFlowIds(t.services.db as unknown as Parameters<typeof addFlowIds>[0]);
    await t.drain();
    assert.equal((await requestStatus(t, p.nationalCode))?.status, 'activated');
    assert.equal((await flowRow(id)).state, 'activated');
  });
});
