import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { pathOf, sejamWalk } from '../../../test/helpers/sejam-walk.js';
import { simForms } from '../../../test/helpers/sejam.js';
import { refused } from '../../../test/helpers/prg.js';
import { bankState } from '../../../test/helpers/payments.js';
import { assertReceipt, feeOf, nothingCounted, paidOnceBy, textOf } from '../../../test/helpers/sejam-payments.js';

/**
 * The fee through the Sejam registration's pages when the gateway's callback misbehaves: it
 * comes twice, never, or after the verify window, or the gateway is down. Each time the fee
 * counts at most once, the forms open only once it genuinely counted, the person's page says
 * what happened and what to do next, and the receipt of what counted is on the status page.
 */
describe('Sejam fee: the callback twice, never, late; the gateway down', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());
  const { toPerson, toGateway, back, atGateway, step, toStatus } = sejamWalk(() => t);

  /** A new visit to the fee page of a person from sim/people.json, then to the gateway page. */
  async function toFee(mobile: string, nationalCode: string) {
    const { c } = await toPerson(mobile);
    const fee = await step(c, { person_type: 'natural', national_code: nationalCode }, 'fee');
    return { c, fee };
  }

  test('a callback delivered twice (a double click, a gateway retry) counts the fee once', async () => {
    const ali = ['09121234567', '0084575948'] as const; // علی رضایی (sim/people.json)
    const { c } = await toFee(...ali);
    const { attempt, visit } = await toGateway(await c.submit({}));
    const [first, second] = await Promise.all([
      c.post(visit.callbackUrl!, visit.callback!, false),
      c.post(visit.callbackUrl!, visit.callback!, false),
    ]);
    assert.deepEqual([first.status, second.status], [303, 303]);
    await t.drain();
    for (const answer of [first, second]) {
      assert.equal(pathOf(await c.get(answer.location!)), '/sejam/identity', 'both land on the first form');
    }
    const paid = await paidOnceBy(t, ali[1], attempt.id);
    assert.equal(paid.reference_id, visit.callback!.ReferenceId, "the gateway's reference is kept");
    assertReceipt(await toStatus(c, simForms(ali[1])), paid);
    // the same callback once more, after the registration: nothing changes, the person sees their status
    const again = await back(c, visit);
    assert.equal(pathOf(again), '/sejam/registered');
    assert.equal((await paidOnceBy(t, ali[1], attempt.id)).id, paid.id);
    // a new visit finds the profile's status page, and the receipt stays on it
    const { c: later } = await toPerson(ali[0]);
    const status = await step(later, { person_type: 'natural', national_code: ali[1] }, 'registered');
    assertReceipt(status, paid);
  });

  test('a lost callback (paid, tab closed): the reconcile job counts it and the flow goes on to the forms', async () => {
    const fatemeh = ['09351234567', '1279834064'] as const; // فاطمه‌زهرا محمدی‌نژاد
    const { c } = await toFee(...fatemeh);
    const paying = await c.submit({});
    const { attempt, visit } = await toGateway(paying, 'pay_no_return');
    assert.equal(visit.callback, null, 'the browser never came back');
    await t.drain();
    const waiting = await c.get(paying.url);
    assert.equal(pathOf(waiting), '/sejam/paying', 'still waiting before the reconcile time');
    assert.match(textOf(waiting), /در حال تایید است/, 'the page says a payment made is being confirmed');
    assert.equal(pathOf(await c.get(paying.url.replace('/paying', '/identity'))), '/sejam/paying', 'no form yet');
    await nothingCounted(t, fatemeh[1]);
    t.clock.advance(t.services.config.limits.paymentReconcileAfterMs);
    await t.drain();
    const paid = await paidOnceBy(t, fatemeh[1], attempt.id);
    const bank = await t.services.db
      .selectFrom('payment_sim_transactions')
      .select('reference_id')
      .where('token', '=', paid.authority!)
      .executeTakeFirstOrThrow();
    assert.equal(paid.reference_id, bank.reference_id, "the gateway's reference, read by the verify");
    assert.equal(pathOf(await c.get(paying.url)), '/sejam/identity');
    assertReceipt(await toStatus(c, simForms(fatemeh[1])), paid);
  });

  test('a callback after the verify window: reversed, the fee page says so, paying again counts once', async () => {
    const melika = ['09123456789', '2271568439'] as const; // ملیکا کریمی
    const { c } = await toFee(...melika);
    const late = await toGateway(await c.submit({}));
    t.clock.advance(t.services.config.limits.paymentVerifyWindowMs + 60_000);
    const fee = await back(c, late.visit);
    assert.equal(pathOf(fee), '/sejam/fee');
    assert.equal(fee.status, 200);
    assert.match(textOf(fee), /پس از پایان مهلت تایید رسید/, 'told the answer came too late');
    assert.match(textOf(fee), /به حساب شما برمی‌گردد/, 'and that the money goes back');
    const before = await nothingCounted(t, melika[1]);
    assert.deepEqual(
      before.rows.map((r) => [r.state, r.reason]),
      [['reversed', 'late']],
    );
    assert.equal(await bankState(t.services.db, late.visit.callback!.Token!), 'reversed', 'the gateway gave it back');
    assert.equal(pathOf(await c.get(fee.url.replace('/fee', '/identity'))), '/sejam/fee', 'no form opens');
    // the fee page offers to pay again, and that payment counts
    const page = await atGateway(c, await c.submit({}));
    assert.equal(pathOf(page), '/sejam/identity');
    const second = (await feeOf(t, melika[1])).rows[1]!;
    const paid = await paidOnceBy(t, melika[1], second.id);
    assertReceipt(await toStatus(c, simForms(melika[1])), paid);
  });

  test("the gateway's verify down (magic card 999001): the person is told to wait; the job counts it once", async () => {
    const sara = ['09359871234', '4483057162'] as const; // سارا نوری
    const { c } = await toFee(...sara);
    const { attempt, visit } = await toGateway(await c.submit({}), 'pay', '9990 0100 0000 0001');
    const waiting = await back(c, visit);
    assert.equal(pathOf(waiting), '/sejam/paying');
    assert.match(textOf(waiting), /در حال تایید است/);
    assert.equal((await nothingCounted(t, sara[1])).rows[0]?.state, 'callback_received');
    for (let i = 0; i < 5 && (await feeOf(t, sara[1])).counted.length === 0; i++) {
      t.clock.advance(60_000);
      await t.drain();
    }
    const paid = await paidOnceBy(t, sara[1], attempt.id);
    assert.equal(pathOf(await c.get(waiting.url)), '/sejam/identity');
    assertReceipt(await toStatus(c, simForms(sara[1])), paid);
  });
});

describe('Sejam fee: the gateway down when the payment starts (magic amount ending in 9)', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { HOVIYAT_SEJAM_FEE_RIAL: '1000009' } });
  });
  after(async () => t.close());
  const { toPerson, step } = sejamWalk(() => t, '198.51.102');

  test('the fee page explains, takes nothing and offers to try again; no form opens', async () => {
    const ali = ['09121234567', '0084575948'] as const;
    const { c } = await toPerson(ali[0]);
    const fee = await step(c, { person_type: 'natural', national_code: ali[1] }, 'fee');
    for (let attempt = 1; attempt <= 2; attempt++) {
      const page = await refused(c, {}, undefined, 503);
      assert.equal(pathOf(page), '/sejam/fee');
      assert.match(textOf(page), /درگاه پرداخت در این لحظه در دسترس نیست/);
      assert.match(textOf(page), /مبلغی از حساب شما برداشته نشد/);
      assert.match(textOf(page), /دوباره تلاش کنید/);
      assert.match(page.html, /<button type="submit" class="button">پرداخت<\/button>/, 'the button to try again');
      const { rows } = await nothingCounted(t, ali[1]);
      assert.deepEqual(
        rows.map((r) => [r.state, r.reason]),
        Array.from({ length: attempt }, () => ['failed', 'start_failed']),
        'each try is its own attempt, failed at the start',
      );
    }
    assert.equal(pathOf(await c.get(fee.url.replace('/fee', '/identity'))), '/sejam/fee', 'no form opens');
  });
});
