import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { pathOf, sejamWalk } from '../../../test/helpers/sejam-walk.js';

/**
 * Two registrations at once for one national code. (The fee's callback delivered twice, never or
 * too late: payment-callbacks.test.ts.)
 */
describe('Sejam registration: two at once', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());
  const { toPerson } = sejamWalk(() => t);

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
});
