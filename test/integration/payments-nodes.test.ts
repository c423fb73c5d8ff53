/**
 * Two app nodes over one database: a callback delivered to both at once, and a callback racing
 * the reconcile job on the other node, count the payment once and tell its purpose once. Only a
 * PostgreSQL server gives real concurrency here; on PGlite the same code runs one at a time.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTwoNodes, type TestApp } from '../helpers/app.js';
import { callbackOf, countedCount, deliver, payOnApp } from '../helpers/payments.js';

let a: TestApp;
let b: TestApp;
const paid: string[] = [];

before(async () => {
  [a, b] = await createTwoNodes();
  for (const node of [a, b]) {
    node.services.payments.definePurpose({
      name: 'test',
      onPaid: async (_trx, p) => {
        paid.push(p.purposeRef);
        return 'accept';
      },
    });
  }
});
after(async () => {
  await a.close();
  await b.close();
});

const newRef = () => ({ purpose: 'test', ref: randomUUID() });

test('one callback delivered to two nodes at once counts once', async () => {
  for (let i = 0; i < 5; i++) {
    const ref = newRef();
    const cb = callbackOf(await payOnApp(a.app, a.services.payments, ref));
    const answers = await Promise.all([deliver(a.app, cb.url, cb.fields), deliver(b.app, cb.url, cb.fields)]);
    assert.deepEqual(
      answers.map((r) => r.statusCode),
      [200, 200],
    );
    await Promise.all([a.drain(), b.drain()]);
    assert.equal(await countedCount(a.services.db, ref), 1);
    assert.equal((await a.services.payments.paymentFor(ref))?.state, 'settled');
    assert.deepEqual(
      paid.filter((r) => r === ref.ref),
      [ref.ref],
      'the purpose heard of it once',
    );
  }
});

test("a late-ish callback on one node racing the other node's reconcile job counts once", async () => {
  const ref = newRef();
  const cb = callbackOf(await payOnApp(b.app, b.services.payments, ref));
  a.clock.advance(17 * 60_000); // one clock for both nodes
  await Promise.all([deliver(a.app, cb.url, cb.fields), b.drain()]);
  await Promise.all([a.drain(), b.drain()]);
  assert.equal(await countedCount(a.services.db, ref), 1);
  assert.deepEqual(
    paid.filter((r) => r === ref.ref),
    [ref.ref],
  );
});

test('a payment made on one node is seen from the other (the simulated bank is in the database)', async () => {
  const ref = newRef();
  const attempt = await payOnApp(a.app, a.services.payments, ref, 'pay_no_return');
  b.clock.advance(17 * 60_000);
  await b.drain();
  assert.equal((await b.services.payments.payment(attempt.start.payment.id))?.state, 'settled');
});
