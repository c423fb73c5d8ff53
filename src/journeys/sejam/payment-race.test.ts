import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { injectTransport, visitGateway } from '../../../test/helpers/payment-buyer.js';
import { flowIdOf, pathOf, sejamWalk } from '../../../test/helpers/sejam-walk.js';
import { findProfileByIdentifier } from '../../sejam/profiles.js';
import { sejamData } from './data.js';

/** The fee's callback delivered twice, and two people at once for one national code. */
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
});
