/**
 * The payments service over the app's simulator gateway and its page: a payment counts once,
 * whatever the callback does (twice, late, for another order, with another amount, never), and
 * what cannot be completed goes back to the buyer. The manual clock moves through the 20-minute
 * verify window; the job worker runs the verify / reconcile / settle / reverse jobs.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { bankState, callbackOf, countedCount, deliver, FEE, payOnApp, paymentRows } from '../helpers/payments.js';
import { startCode } from '../../src/payments/model.js';

let t: TestApp;
const paid: string[] = [];
const closed: string[] = [];
let refuse = new Set<string>();

before(async () => {
  t = await createTestApp();
  t.services.payments.definePurpose({
    name: 'test',
    onPaid: async (_trx, p) => {
      paid.push(p.purposeRef);
      return refuse.has(p.purposeRef) ? 'refuse' : 'accept';
    },
    onClosed: async (_trx, p) => {
      closed.push(p.purposeRef);
    },
  });
});
after(async () => t.close());

const newRef = () => ({ purpose: 'test', ref: randomUUID() });
const pay = (ref = newRef(), choice: Parameters<typeof payOnApp>[3] = 'pay', card?: string) =>
  payOnApp(t.app, t.services.payments, ref, choice, card);
const minutes = (n: number) => t.clock.advance(n * 60_000);
const state = async (id: string) => (await t.services.payments.payment(id))?.state;

test('paid: the callback verifies and settles; the page shows the receipt with the gateway reference', async () => {
  const ref = newRef();
  const a = await pay(ref);
  const cb = callbackOf(a);
  const res = await deliver(t.app, cb.url, cb.fields);
  assert.equal(res.statusCode, 200);
  const p = await t.services.payments.paymentFor(ref);
  assert.equal(p?.state, 'settled');
  assert.ok(p?.referenceId && res.body.includes(p.referenceId), 'the receipt shows the reference number');
  assert.match(res.body, /۱٬۲۵۰٬۰۰۰ ریال/);
  assert.deepEqual(await t.services.payments.receipt(ref), {
    orderNumber: p.orderNumber,
    amountRials: FEE,
    gateway: 'simulator',
    referenceId: p.referenceId,
    authority: a.start.payment.authority,
    cardPan: '603799******7890',
    paidAt: p.verifiedAt,
    waived: false,
    waivedBy: null,
  });
  assert.equal(await bankState(t.services.db, p.authority), 'settled');
  assert.deepEqual(
    paid.filter((r) => r === ref.ref),
    [ref.ref],
    'the purpose heard of it once',
  );
  assert.equal((await t.services.payments.startPayment(ref, FEE)).kind, 'already_paid');
});

test('a callback that arrives twice counts once', async () => {
  const ref = newRef();
  const cb = callbackOf(await pay(ref));
  await deliver(t.app, cb.url, cb.fields);
  const again = await deliver(t.app, cb.url, cb.fields);
  assert.equal(again.statusCode, 200);
  assert.match(again.body, /پرداخت انجام و تایید شد/);
  await t.drain();
  assert.equal(await countedCount(t.services.db, ref), 1);
  assert.deepEqual(
    paid.filter((r) => r === ref.ref),
    [ref.ref],
  );
});

test('lost callback: the buyer paid and closed the tab; the reconcile job verifies it', async () => {
  const ref = newRef();
  const a = await pay(ref, 'pay_no_return');
  assert.equal(a.visit.callback, null);
  await t.drain();
  assert.equal(await state(a.start.payment.id), 'redirected', 'nothing happens before its time');
  minutes(17);
  await t.drain();
  assert.equal(await state(a.start.payment.id), 'settled');
  assert.deepEqual(
    paid.filter((r) => r === ref.ref),
    [ref.ref],
  );
});

test('never paid, no callback: the reconcile job closes it as expired and tells the purpose', async () => {
  const ref = newRef();
  await pay(ref, 'cancel'); // an attempt whose callback is never delivered
  minutes(17);
  await t.drain();
  const [row] = await paymentRows(t.services.db, ref);
  assert.equal(row?.state, 'expired');
  assert.equal(row?.reason, 'not_paid');
  assert.ok(closed.includes(ref.ref));
});

test('late callback after the 20-minute window: reversed, never counted', async () => {
  const ref = newRef();
  const a = await pay(ref);
  minutes(21);
  const res = await deliver(t.app, callbackOf(a).url, callbackOf(a).fields);
  assert.match(res.body, /پس از پایان مهلت تایید/);
  const p = await t.services.payments.payment(a.start.payment.id);
  assert.equal(p?.state, 'reversed');
  assert.equal(p?.reason, 'late');
  assert.equal(await bankState(t.services.db, p.authority), 'reversed', 'the money went back at the gateway');
  await t.drain();
  assert.equal(await countedCount(t.services.db, ref), 0);
  assert.deepEqual(
    paid.filter((r) => r === ref.ref),
    [],
  );
});

test('callback with another amount is not this order: nothing changes; the true one then counts', async () => {
  const ref = newRef();
  const a = await pay(ref);
  const cb = callbackOf(a);
  const res = await deliver(t.app, cb.url, { ...cb.fields, Amount: '10000' });
  assert.match(res.body, /به این پرداخت تعلق ندارد/);
  assert.equal(await state(a.start.payment.id), 'redirected');
  await deliver(t.app, cb.url, cb.fields);
  assert.equal(await state(a.start.payment.id), 'settled');
});

test('a paid callback replayed on another order changes neither', async () => {
  const [refA, refB] = [newRef(), newRef()];
  const a = await pay(refA);
  const b = await pay(refB, 'pay_no_return');
  const res = await deliver(
    t.app,
    b.visit.callbackUrl ?? `/payments/callback/${b.start.payment.id}`,
    callbackOf(a).fields,
  );
  assert.match(res.body, /به این پرداخت تعلق ندارد/);
  assert.equal(await state(b.start.payment.id), 'redirected');
  assert.equal(await state(a.start.payment.id), 'redirected');
  // and a callback for an order that does not exist
  const unknown = await deliver(t.app, `/payments/callback/${randomUUID()}`, callbackOf(a).fields);
  assert.equal(unknown.statusCode, 404);
});

test('gateway down at start: no redirect, the attempt failed, the person is told', async () => {
  const ref = newRef();
  const s = await t.services.payments.startPayment(ref, 1_250_009);
  assert.equal(s.kind, 'unavailable');
  assert.equal(startCode(s), 'payment.gateway_unavailable');
  assert.equal(s.payment.state, 'failed');
  assert.equal((await t.services.payments.startPayment(ref, FEE)).kind, 'redirect', 'a new attempt may follow');
});

test('gateway down on verify: pending, then the verify job retries with backoff and it counts', async () => {
  const ref = newRef();
  const a = await pay(ref, 'pay', '9990 0100 0000 0001');
  const cb = callbackOf(a);
  const res = await deliver(t.app, cb.url, cb.fields);
  assert.match(res.body, /در حال بررسی/);
  assert.equal(await state(a.start.payment.id), 'callback_received');
  for (let i = 0; i < 5 && (await state(a.start.payment.id)) !== 'settled'; i++) {
    t.clock.advance(60_000);
    await t.drain();
  }
  assert.equal(await state(a.start.payment.id), 'settled');
  assert.equal(await countedCount(t.services.db, ref), 1);
});

test('cancel: no payment, the purpose is told, and paying again works', async () => {
  const ref = newRef();
  const a = await pay(ref, 'cancel');
  const res = await deliver(t.app, callbackOf(a).url, callbackOf(a).fields);
  assert.match(res.body, /پرداخت لغو شد/);
  assert.equal(await state(a.start.payment.id), 'cancelled');
  assert.ok(closed.includes(ref.ref));
  const b = await pay(ref);
  await deliver(t.app, callbackOf(b).url, callbackOf(b).fields);
  assert.equal((await t.services.payments.paymentFor(ref))?.id, b.start.payment.id);
  // the cancelled attempt's callback replayed now that its token is closed changes nothing
  await deliver(t.app, callbackOf(a).url, callbackOf(a).fields);
  assert.equal(await state(a.start.payment.id), 'cancelled');
});

test('insufficient funds: failed, nothing counted', async () => {
  const ref = newRef();
  const a = await pay(ref, 'pay', '9990 0011 2233 4455');
  const res = await deliver(t.app, callbackOf(a).url, callbackOf(a).fields);
  assert.match(res.body, /پرداخت انجام نشد/);
  assert.equal(await state(a.start.payment.id), 'failed');
});

test('two attempts paid for one purpose: the second is reversed as a duplicate', async () => {
  const ref = newRef();
  const first = await pay(ref);
  const second = await pay(ref);
  await deliver(t.app, callbackOf(first).url, callbackOf(first).fields);
  const res = await deliver(t.app, callbackOf(second).url, callbackOf(second).fields);
  assert.match(res.body, /پیش‌تر پرداخت شده است/);
  const p = await t.services.payments.payment(second.start.payment.id);
  assert.deepEqual([p?.state, p?.reason], ['reversed', 'duplicate']);
  assert.equal(await bankState(t.services.db, p?.authority ?? null), 'reversed');
  assert.equal(await countedCount(t.services.db, ref), 1);
});

test('a purpose that refuses the payment (its order cannot be completed) has it reversed', async () => {
  const ref = newRef();
  refuse = new Set([ref.ref]);
  const a = await pay(ref);
  await deliver(t.app, callbackOf(a).url, callbackOf(a).fields);
  const p = await t.services.payments.payment(a.start.payment.id);
  assert.deepEqual([p?.state, p?.reason], ['reversed', 'refused']);
  assert.equal(await countedCount(t.services.db, ref), 0);
  refuse = new Set();
});

test('a fee of 0: a waived payment, counted once, with no gateway', async () => {
  const ref = newRef();
  const w = await t.services.payments.recordWaived(ref, 'BROKER-42');
  assert.deepEqual([w.state, w.gateway, w.amountRials, w.counted], ['waived', 'none', 0, true]);
  assert.equal((await t.services.payments.recordWaived(ref, 'BROKER-42')).id, w.id, 'idempotent');
  assert.equal((await t.services.payments.receipt(ref))?.waived, true);
  assert.equal((await t.services.payments.startPayment(ref, FEE)).kind, 'already_paid');
  await assert.rejects(t.services.payments.startPayment(newRef(), 0), /recordWaived/);
});

test('the gateway page works without JavaScript and is Persian, right to left', async () => {
  const s = await t.services.payments.startPayment(newRef(), FEE);
  assert.ok(s.kind === 'redirect' && s.browser.method === 'POST');
  const page = await t.app.inject({
    method: 'POST',
    url: s.browser.url,
    payload: new URLSearchParams(s.browser.fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<html lang="fa" dir="rtl">/);
  assert.match(page.body, /<label for="card">شماره کارت<\/label>/);
  assert.doesNotMatch(page.body, /<script/);
});
