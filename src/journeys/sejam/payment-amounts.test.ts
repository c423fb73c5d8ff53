import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { pathOf, sejamWalk } from '../../../test/helpers/sejam-walk.js';
import { simForms } from '../../../test/helpers/sejam.js';
import { bankState } from '../../../test/helpers/payments.js';
import { assertReceipt, feeOf, nothingCounted, paidOnceBy, textOf } from '../../../test/helpers/sejam-payments.js';
import { createSimulatorGateway } from '../../registries/payment/simulator.js';
import type { PaymentGateway } from '../../registries/payment/port.js';

/**
 * The simulator gateway, except that while `by` is set its verify reports that much more than
 * the payment it verified: a gateway that misreports the amount (our side must not believe it).
 */
function misreporting() {
  let inner: PaymentGateway | undefined;
  const gw = () => inner ?? assert.fail('the gateway is not attached yet');
  const knob = { by: 0 };
  const gateway: PaymentGateway = {
    name: 'simulator',
    browserOrigins: [],
    start: (order) => gw().start(order),
    parseCallback: (params) => gw().parseCallback(params),
    async verify(ref) {
      const r = await gw().verify(ref);
      return r.kind === 'verified' && knob.by ? { ...r, amountRials: (r.amountRials ?? ref.amountRials) + knob.by } : r;
    },
    settle: (ref) => gw().settle(ref),
    reverse: (ref) => gw().reverse(ref),
  };
  return { gateway, knob, attach: (t: TestApp) => (inner = createSimulatorGateway(t.services.simulatedBank!)) };
}

/**
 * The fee through the Sejam registration's pages when an amount is not the one ordered: a
 * callback that names another amount, a gateway that holds another amount, a gateway that
 * verifies and reports another amount. The fee counts only for the amount ordered, no form opens
 * before it does, the person is told what happened and pays again, and the receipt of what
 * counted is on the status page.
 */
describe('Sejam fee: another amount than ordered', () => {
  let t: TestApp;
  const gateway = misreporting();
  before(async () => {
    t = await createTestApp({ overrides: { paymentGateway: gateway.gateway } });
    gateway.attach(t);
  });
  after(async () => t.close());
  const { toPerson, attemptOf, toGateway, back, atGateway, step, toStatus } = sejamWalk(() => t, '198.51.103');
  const fee = () => t.services.config.sejam.feeRial;

  async function toFee(mobile: string, nationalCode: string) {
    const { c } = await toPerson(mobile);
    return { c, page: await step(c, { person_type: 'natural', national_code: nationalCode }, 'fee') };
  }

  test('a callback naming another amount is not believed; the genuine one counts the amount ordered', async () => {
    const maryam = ['09011234567', '3810425974'] as const; // مریم حسینی (sim/people.json)
    const { c } = await toFee(...maryam);
    const { attempt, visit } = await toGateway(await c.submit({}));
    assert.equal(visit.callback!.Amount, String(fee()));
    const forged = await back(c, { ...visit, callback: { ...visit.callback!, Amount: String(fee() / 10) } });
    assert.equal(pathOf(forged), '/sejam/paying', 'still on the gateway step');
    assert.equal(forged.status, 200);
    assert.match(textOf(forged), /رفتن به درگاه پرداخت/, 'the way to the gateway is still offered');
    const { rows } = await nothingCounted(t, maryam[1]);
    assert.deepEqual(
      rows.map((r) => [r.state, r.callback_at]),
      [['redirected', null]],
      'the forged callback changed nothing',
    );
    assert.equal(pathOf(await back(c, visit)), '/sejam/identity');
    const paid = await paidOnceBy(t, maryam[1], attempt.id);
    assert.equal(paid.amount_rials, fee());
    assertReceipt(await toStatus(c, simForms(maryam[1])), paid);
  });

  test('the gateway holds another amount: its verify refuses ours, nothing counts, the person pays again', async () => {
    const amir = ['09129876543', '1364920751'] as const; // امیرحسین کاظمی
    const { c } = await toFee(...amir);
    const paying = await c.submit({});
    // the gateway's own book says another amount than our order (and its page charges that)
    const sent = await attemptOf(paying);
    assert.equal(sent.browser.method, 'POST');
    await t.services.db
      .updateTable('payment_sim_transactions')
      .set({ amount_rials: fee() + 10_000 })
      .where('token', '=', sent.browser.method === 'POST' ? (sent.browser.fields.token ?? '') : '')
      .execute();
    const { attempt, visit } = await toGateway(paying);
    assert.equal(visit.callback!.Amount, String(fee() + 10_000));
    assert.equal(pathOf(await back(c, visit)), '/sejam/paying', 'a callback with another amount is not ours');
    assert.equal((await nothingCounted(t, amir[1])).rows[0]?.state, 'redirected');
    // the reconcile job asks the gateway to verify the amount ordered: it refuses
    t.clock.advance(t.services.config.limits.paymentReconcileAfterMs);
    await t.drain();
    const { rows } = await nothingCounted(t, amir[1]);
    assert.deepEqual(
      rows.map((r) => [r.id, r.reason]),
      [[attempt.id, 'amount_mismatch']],
    );
    const told = await c.get(paying.url);
    assert.equal(pathOf(told), '/sejam/fee');
    assert.match(textOf(told), /پرداخت انجام نشد/);
    assert.match(textOf(told), /بانک خودش آن را به حسابتان برمی‌گرداند/, 'and told the bank gives any money back');
    assert.equal(pathOf(await c.get(told.url.replace('/fee', '/identity'))), '/sejam/fee', 'no form opens');
    assert.equal(pathOf(await atGateway(c, await c.submit({}))), '/sejam/identity');
    const paid = await paidOnceBy(t, amir[1], (await feeOf(t, amir[1])).rows[1]!.id);
    assertReceipt(await toStatus(c, simForms(amir[1])), paid);
  });

  test('the gateway verifies but reports another amount: reversed, never counted; paying again counts', async () => {
    const mirzaei = ['09121230000', '0027613496'] as const; // سید محمد میرزایی
    const { c } = await toFee(...mirzaei);
    const { attempt, visit } = await toGateway(await c.submit({}));
    gateway.knob.by = 10_000;
    let told;
    try {
      told = await back(c, visit);
    } finally {
      gateway.knob.by = 0;
    }
    assert.equal(pathOf(told), '/sejam/fee');
    assert.match(textOf(told), /پرداخت انجام نشد/);
    const { rows } = await nothingCounted(t, mirzaei[1]);
    assert.deepEqual(
      rows.map((r) => [r.id, r.state, r.reason]),
      [[attempt.id, 'reversed', 'amount_mismatch']],
    );
    assert.equal(await bankState(t.services.db, visit.callback!.Token!), 'reversed', 'the money went back');
    assert.equal(pathOf(await atGateway(c, await c.submit({}))), '/sejam/identity');
    const paid = await paidOnceBy(t, mirzaei[1], (await feeOf(t, mirzaei[1])).rows[1]!.id);
    assertReceipt(await toStatus(c, simForms(mirzaei[1])), paid);
  });
});
