/**
 * One contract for the payment-gateway port, run against the simulator, the Mellat (SOAP)
 * adapter and the Zarinpal (JSON) adapter. The adapters talk to the simulation gateway server,
 * which speaks their protocols over the same simulated bank; a buyer pays on each gateway's page
 * over HTTP, as a browser without JavaScript would.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { freshDatabase } from '../../helpers/db.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { ManualClock } from '../../../src/clock.js';
import { startSimulatedGateway, type SimulatedGateway } from '../../../src/registries/simulation/gateway-server.js';
import {
  createPaymentGateway,
  SimulatedBank,
  type PaymentGateway,
  type PaymentOrder,
  type PaymentRef,
  type StartResult,
} from '../../../src/registries/payment/index.js';
import { newOrderNumber } from '../../../src/payments/store.js';
import { httpTransport, visitGateway, type BuyerChoice } from '../../helpers/payment-buyer.js';
import { AMPLE_MS, deadUrl, demo, manualSleep, within } from './helpers.js';

const clock = new ManualClock(new Date('2026-11-24T08:00:00Z'));
const slow = manualSleep();
const MELLAT = { terminalId: '4455', userName: 'hoviyat', password: 'mellat-secret' };
const ZARINPAL = { merchantId: '1344b5d4-0048-11e8-94db-005056a205be' };
let gw: SimulatedGateway;
let cleanup: () => Promise<void>;

before(async () => {
  const fresh = await freshDatabase();
  await migrateToLatest(fresh.db);
  cleanup = fresh.cleanup;
  const bank = new SimulatedBank(fresh.db, clock, { slowMs: 8000, sleep: slow.sleep });
  gw = await startSimulatedGateway({
    population: demo,
    token: 'unused',
    payments: { bank, mellat: MELLAT, zarinpal: ZARINPAL },
  });
  subjects.simulator = (timeoutMs = AMPLE_MS) =>
    createPaymentGateway({ kind: 'simulator', bank, baseUrl: gw.url, timeoutMs });
});
after(async () => {
  slow.release();
  await gw?.close();
  await cleanup?.();
});

type Make = (timeoutMs?: number, baseUrl?: string) => PaymentGateway;
const subjects: Record<'simulator' | 'mellat' | 'zarinpal', Make> = {
  simulator: () => {
    throw new Error('set in before()');
  },
  mellat: (timeoutMs = AMPLE_MS, baseUrl = gw.url) =>
    createPaymentGateway({ kind: 'mellat', baseUrl, ...MELLAT, timeoutMs, clock }),
  zarinpal: (timeoutMs = AMPLE_MS, baseUrl = gw.url) =>
    createPaymentGateway({ kind: 'zarinpal', baseUrl, ...ZARINPAL, timeoutMs }),
};

const order = (amountRials = 1_250_000): PaymentOrder => {
  const id = randomUUID();
  return {
    orderId: id,
    orderNumber: newOrderNumber(),
    amountRials,
    callbackUrl: `http://merchant.invalid/payments/callback/${id}`,
    description: 'هزینه ثبت نام سجام',
  };
};

function started(r: StartResult): asserts r is StartResult & { kind: 'started' } {
  assert.equal(r.kind, 'started', JSON.stringify(r));
}

/** Starts a payment, lets the buyer choose, and parses what comes back. */
async function attempt(g: PaymentGateway, choice: BuyerChoice, card?: string, o = order()) {
  const s = await g.start(o);
  started(s);
  const visit = await visitGateway(httpTransport, s.browser, choice, card);
  const cb = visit.callback ? g.parseCallback(visit.callback) : null;
  const ref = (referenceId: string | null): PaymentRef => ({
    authority: s.authority,
    orderNumber: o.orderNumber,
    amountRials: o.amountRials,
    referenceId,
  });
  const fromCallback = cb?.kind === 'callback' ? cb.referenceId : null;
  return { order: o, start: s, visit, cb, ref: ref(fromCallback) };
}

for (const name of ['simulator', 'mellat', 'zarinpal'] as const) {
  test(`payment gateway contract (${name})`, async (t) => {
    const g = () => subjects[name]();

    await t.test('paid: the callback says paid; verify, settle; a second verify is "verified before"', async () => {
      const a = await attempt(g(), 'pay');
      assert.equal(a.cb?.kind, 'callback');
      assert.ok(a.cb?.kind === 'callback' && a.cb.status === 'paid' && a.cb.authority === a.start.authority);
      assert.ok(a.visit.callbackUrl?.startsWith(a.order.callbackUrl), 'the browser goes back to our callback URL');
      const v = await g().verify(a.ref);
      assert.ok(v.kind === 'verified' && !v.already && v.referenceId.length > 0, JSON.stringify(v));
      const again = await g().verify(a.ref);
      assert.ok(
        again.kind === 'verified' && again.already && again.referenceId === v.referenceId,
        JSON.stringify(again),
      );
      assert.equal((await g().settle(a.ref)).kind, 'settled');
      assert.equal((await g().settle(a.ref)).kind, 'settled', 'settling twice is harmless');
    });

    await t.test('cancelled: the callback says cancelled and nothing verifies', async () => {
      const a = await attempt(g(), 'cancel');
      assert.ok(a.cb?.kind === 'callback' && a.cb.status === 'cancelled', JSON.stringify(a.cb));
      assert.notEqual((await g().verify(a.ref)).kind, 'verified');
    });

    await t.test('the page times out: cancelled, nothing verifies', async () => {
      const a = await attempt(g(), 'timeout');
      assert.ok(a.cb?.kind === 'callback' && a.cb.status === 'cancelled', JSON.stringify(a.cb));
      assert.notEqual((await g().verify(a.ref)).kind, 'verified');
    });

    await t.test('insufficient funds (card 999000…): not paid, nothing verifies', async () => {
      const a = await attempt(g(), 'pay', '9990 0011 2233 4455');
      assert.ok(a.cb?.kind === 'callback' && a.cb.status !== 'paid', JSON.stringify(a.cb));
      // Zarinpal says only NOK; Mellat (12) and the simulator name the reason
      if (name !== 'zarinpal') assert.equal(a.cb.status, 'failed');
      assert.notEqual((await g().verify(a.ref)).kind, 'verified');
    });

    await t.test('gateway down at start (an amount ending in 9): unavailable/outage', async () => {
      assert.deepEqual(await g().start(order(1_250_009)), { kind: 'unavailable', reason: 'outage' });
    });

    await t.test('gateway down on verify (card 999001…): unavailable twice, then verified', async () => {
      const a = await attempt(g(), 'pay', '9990 0100 0000 0001');
      assert.ok(a.cb?.kind === 'callback' && a.cb.status === 'paid');
      assert.deepEqual(await g().verify(a.ref), { kind: 'unavailable', reason: 'outage' });
      assert.deepEqual(await g().verify(a.ref), { kind: 'unavailable', reason: 'outage' });
      assert.equal((await g().verify(a.ref)).kind, 'verified');
    });

    await t.test(
      'reverse: a verified payment is reversed, no longer verifies, a second reverse is harmless',
      async () => {
        const a = await attempt(g(), 'pay');
        assert.equal((await g().verify(a.ref)).kind, 'verified');
        assert.deepEqual(await g().reverse(a.ref), { kind: 'reversed', already: false });
        assert.equal((await g().verify(a.ref)).kind, 'not_paid');
        const again = await g().reverse(a.ref);
        assert.ok(
          (again.kind === 'reversed' && again.already) || (again.kind === 'not_reversible' && !again.paid),
          JSON.stringify(again),
        );
      },
    );

    await t.test('an unpaid token: reverse says there is nothing to reverse', async () => {
      const a = await attempt(g(), 'cancel');
      const r = await g().reverse(a.ref);
      assert.ok(r.kind === 'not_reversible' || r.kind === 'needs_callback', JSON.stringify(r));
      assert.ok(r.kind !== 'not_reversible' || !r.paid);
    });

    await t.test(
      'paid but the browser never came back: verifiable by token, except where the callback is needed',
      async () => {
        const a = await attempt(g(), 'pay_no_return');
        assert.equal(a.visit.callback, null);
        const v = await g().verify(a.ref);
        if (name === 'mellat') assert.equal(v.kind, 'needs_callback');
        else assert.ok(v.kind === 'verified' && !v.already, JSON.stringify(v));
      },
    );

    await t.test('the page refuses a card that is not 16 digits, and still takes a good one', async () => {
      const o = order();
      const s = await g().start(o);
      started(s);
      const bad = await visitGateway(httpTransport, s.browser, 'pay', '1234');
      assert.equal(bad.page.status, 400);
      assert.match(bad.page.body, /۱۶ رقم/);
      const good = await visitGateway(httpTransport, s.browser, 'pay', '۶۰۳۷-۹۹۱۲-۳۴۵۶-۷۸۹۰');
      assert.ok(good.callback);
      const cb = g().parseCallback(good.callback);
      assert.ok(cb.kind === 'callback' && cb.status === 'paid');
      const v = await g().verify({ ...o, authority: s.authority, referenceId: cb.referenceId });
      // the masked card comes with the callback (Mellat, the simulator) or with verify (Zarinpal)
      const pan = cb.cardPan ?? (v.kind === 'verified' ? v.cardPan : null);
      assert.match(pan ?? '', /^603799\*{6}7890$/);
    });

    await t.test('after the page lifetime the buyer cannot pay: the callback says cancelled', async () => {
      const s = await g().start(order());
      started(s);
      clock.advance(16 * 60_000);
      const v = await visitGateway(httpTransport, s.browser, 'pay');
      assert.ok(v.callback, 'the expired page sends the browser back');
      const cb = g().parseCallback(v.callback);
      assert.ok(cb.kind === 'callback' && cb.status === 'cancelled', JSON.stringify(cb));
    });

    await t.test('a callback that is not the gateway\u2019s shape is invalid', () => {
      assert.deepEqual(g().parseCallback({}), { kind: 'invalid' });
      assert.deepEqual(g().parseCallback({ RefId: '', Authority: 'x', Token: 'zz', Status: 'MAYBE', ResCode: 'abc' }), {
        kind: 'invalid',
      });
    });

    await t.test('a slow start (an amount ending in 8) past the timeout: unavailable/timeout', async () => {
      const r = await within(subjects[name](30).start(order(1_250_008)), 'the slow start');
      assert.deepEqual(r, { kind: 'unavailable', reason: 'timeout' });
    });

    if (name !== 'simulator') {
      await t.test('an unreachable gateway: unavailable/outage on every call', async () => {
        const dead = subjects[name](AMPLE_MS, await deadUrl());
        assert.deepEqual(await dead.start(order()), { kind: 'unavailable', reason: 'outage' });
        const ref = {
          authority: 'A0000000000000000000000000000000000001',
          orderNumber: 1,
          amountRials: 10,
          referenceId: '1',
        };
        assert.deepEqual(await dead.verify(ref), { kind: 'unavailable', reason: 'outage' });
        assert.deepEqual(await dead.reverse(ref), { kind: 'unavailable', reason: 'outage' });
      });
    }
  });
}
