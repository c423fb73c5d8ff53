/**
 * The request-status page lives as long as the request may wait for the registry (not just the
 * hour a flow lives between steps), and states the wait from the configured limit.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { FormClient } from '../helpers/browser.js';
import { ALI, registerFully, type Person } from '../helpers/registration.js';

/** بهرام صادقی: the civil registry is always down for him (magic 99900). */
const BAHRAM: Person = {
  nationalCode: '9990000158',
  mobile: '09121000001',
  firstName: 'بهرام',
  lastName: 'صادقی',
  fatherName: 'منصور',
  shenasnamehNumber: '631',
  birth: ['1360', '5', '5'],
  gender: 'male',
};

describe('the request-status page', () => {
  let t: TestApp;
  const HOUR = 60 * 60_000;
  before(async () => {
    // a shorter wait than the default, so the page's words are seen to follow the configuration
    t = await createTestApp({ limits: { registrationPendingMs: 30 * HOUR } });
  });
  after(async () => {
    await t.close();
  });

  test('hours after submitting, the page still answers, and shows the outcome once there is one', async () => {
    const { c: first, page } = await registerFully(t, ALI);
    assert.match(page.html, /data-status="pending"/);
    assert.match(page.html, /۳۰ ساعت/);
    t.clock.advance(3 * HOUR);
    // the same browser (its flow cookie), coming back later from another address
    const c = new FormClient(t.app, '203.0.113.150');
    c.cookies = new Map(first.cookies);
    let later = await c.get(page.url);
    assert.equal(later.status, 200, 'not "expired" three hours on');
    assert.match(later.html, /data-status="pending"/);
    await t.drain();
    later = await c.get(page.url);
    assert.match(later.html, /data-status="activated"/);
  });

  test('a request nobody can check: pending up to its deadline, then "expired", still on the same page', async () => {
    const { c: first, page } = await registerFully(t, BAHRAM);
    const c = new FormClient(t.app, '203.0.113.151');
    c.cookies = new Map(first.cookies);
    for (let h = 0; h < 28; h += 4) {
      t.clock.advance(4 * HOUR);
      await t.drain();
    }
    let later = await c.get(page.url);
    assert.equal(later.status, 200);
    assert.match(later.html, /data-status="pending"/);
    t.clock.advance(2.5 * HOUR);
    await t.drain();
    later = await c.get(page.url);
    assert.equal(later.status, 200);
    assert.match(later.html, /data-status="expired"/);
    assert.match(later.html, /۳۰ ساعت/);
  });
});
