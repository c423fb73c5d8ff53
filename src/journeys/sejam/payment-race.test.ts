import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { injectTransport, visitGateway } from '../../../test/helpers/payment-buyer.js';
import { flowIdOf, pathOf, sejamWalk } from '../../../test/helpers/sejam-walk.js';
import { findProfileByIdentifier } from '../../sejam/profiles.js';
import { sejamData } from './data.js';

/** The fee's callback delivered twice, never or too late, and two people at once for one national code. */
describe('Sejam registration: duplicates and races', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());
  const { toPerson, step } = sejamWalk(() => t);

  test('one national code, two of its mobiles at once: one profile; the other visit is told it exists', async () => {
    // سید محمد میرزایی holds two mobiles (sim/people.json)
    const a = await toPerson('09121230000');
    const b = await toPerson('09011230000');
    // the two person steps race
    const pages = await Promise.all(
      [a, b].map(({ c }) => c.submit({ person_type: 'natural', national_code: '0027613496' })),
    );
    assert.deepEqual(pages.map(pathOf).sort(), ['/sejam/exists', '/sejam/fee']);
    const rows = await t.services.db
      .selectFrom('sejam_profiles')
      .select('id')
      .where('identifier', '=', '0027613496')
      .execute();
    assert.equal(rows.length, 1);
  });

  test('a callback delivered twice (a double click, a gateway retry) counts the fee once', async () => {
    const { c } = await toPerson('09121234567');
    await step(c, { person_type: 'natural', national_code: '0084575948' }, 'fee');
    const paying = await c.submit({});
    assert.equal(pathOf(paying), '/sejam/paying');
    const row = await t.services.db
      .selectFrom('flows')
      .select('data')
      .where('id', '=', flowIdOf(paying))
      .executeTakeFirstOrThrow();
    const visit = await visitGateway(injectTransport(t.app), sejamData.parse(row.data).payment!.browser, 'pay');
    const [first, second] = await Promise.all([
      c.post(visit.callbackUrl!, visit.callback!, false),
      c.post(visit.callbackUrl!, visit.callback!, false),
    ]);
    assert.equal(first.status, 303);
    assert.equal(second.status, 303);
    await t.drain();
    const profile = await findProfileByIdentifier(t.services.db, '0084575948');
    assert.equal(profile?.state, 'paid');
    const paid = await t.services.db
      .selectFrom('sejam_profile_history')
      .select('id')
      .where('profile_id', '=', profile!.id)
      .where('action', '=', 'fee.paid')
      .execute();
    assert.equal(paid.length, 1, 'the profile was paid once');
    const counted = await t.services.db
      .selectFrom('payments')
      .select('state')
      .where('purpose_ref', '=', profile!.id)
      .where('state', 'in', ['verified', 'settled'])
      .execute();
    assert.equal(counted.length, 1, 'one payment counted');
    assert.equal(pathOf(await c.get(first.location!)), '/sejam/identity', 'the person goes on to the forms');
  });
  /** To the gateway page and through it; what the gateway would send back, not yet delivered. */
  async function paidAtGateway(mobile: string, nationalCode: string, choice: 'pay' | 'pay_no_return') {
    const { c } = await toPerson(mobile);
    await step(c, { person_type: 'natural', national_code: nationalCode }, 'fee');
    const paying = await c.submit({});
    const row = await t.services.db
      .selectFrom('flows')
      .select('data')
      .where('id', '=', flowIdOf(paying))
      .executeTakeFirstOrThrow();
    const visit = await visitGateway(injectTransport(t.app), sejamData.parse(row.data).payment!.browser, choice);
    return { c, paying, visit };
  }

  test('a lost callback (paid, tab closed): the reconcile job counts it and the flow goes on to the forms', async () => {
    // فاطمه‌زهرا (sim/people.json)
    const { c, paying, visit } = await paidAtGateway('09351234567', '1279834064', 'pay_no_return');
    assert.equal(visit.callback, null, 'the browser never came back');
    await t.drain();
    assert.equal(pathOf(await c.get(paying.url)), '/sejam/paying', 'still waiting before the reconcile time');
    t.clock.advance(t.services.config.limits.paymentReconcileAfterMs);
    await t.drain();
    assert.equal((await findProfileByIdentifier(t.services.db, '1279834064'))?.state, 'paid');
    assert.equal(pathOf(await c.get(paying.url)), '/sejam/identity');
  });

  test('a callback after the verify window: the payment is reversed, the fee page says so and asks again', async () => {
    const person = ['09123456789', '2271568439'] as const; // ملیکا کریمی (sim/people.json)
    const { c, visit } = await paidAtGateway(person[0], person[1], 'pay');
    t.clock.advance(t.services.config.limits.paymentVerifyWindowMs + 60_000);
    const back = await c.post(visit.callbackUrl!, visit.callback!, false);
    await t.drain();
    const profile = await findProfileByIdentifier(t.services.db, person[1]);
    assert.equal(profile?.state, 'mobile_verified', 'a late payment opens no form');
    const counted = await t.services.db
      .selectFrom('payments')
      .select('state')
      .where('purpose_ref', '=', profile!.id)
      .where('state', 'in', ['verified', 'settled'])
      .execute();
    assert.equal(counted.length, 0);
    const page = back.location ? await c.get(back.location) : back;
    assert.equal(pathOf(page), '/sejam/fee');
  });
});
