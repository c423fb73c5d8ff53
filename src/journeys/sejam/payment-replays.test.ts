import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { pathOf, sejamWalk } from '../../../test/helpers/sejam-walk.js';
import { simForms } from '../../../test/helpers/sejam.js';
import { assertReceipt, feeOf, nothingCounted, paidOnceBy, textOf } from '../../../test/helpers/sejam-payments.js';

/**
 * The fee through the Sejam registration's pages when a genuine callback comes where it does not
 * belong: one person's posted into another person's order, an older attempt's after a new one was
 * started, another tab's attempt closing while this one is at the gateway. Nothing counts for an
 * order the gateway did not pay, nobody sees another person's flow, and each person lands on
 * their own page as it stands.
 */
describe('Sejam fee: a callback replayed for another order', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t.close());
  const { toPerson, toGateway, back, step, toStatus } = sejamWalk(() => t, '198.51.104');

  async function toFee(mobile: string, nationalCode: string) {
    const { c } = await toPerson(mobile);
    return { c, page: await step(c, { person_type: 'natural', national_code: nationalCode }, 'fee') };
  }

  test("A's genuine callback posted into B's order counts for neither; each pays for their own", async () => {
    const a = { mobile: '09121234567', code: '0084575948' }; // علی رضایی (sim/people.json)
    const b = { mobile: '09351234567', code: '1279834064' }; // فاطمه‌زهرا محمدی‌نژاد
    const ali = await toFee(a.mobile, a.code);
    const fatemeh = await toFee(b.mobile, b.code);
    const aPaid = await toGateway(await ali.c.submit({}));
    const bPaying = await fatemeh.c.submit({});
    await toGateway(bPaying, 'pay_no_return'); // B pays and closes the tab
    const bAttempt = (await feeOf(t, b.code)).rows[0]!;
    // B's browser brings A's paid callback to B's order
    const intoB = await back(fatemeh.c, { ...aPaid.visit, callbackUrl: t.services.payments.callbackUrl(bAttempt.id) });
    assert.equal(pathOf(intoB), '/sejam/paying', "B is on B's own page");
    assert.equal(intoB.status, 200);
    assert.doesNotMatch(textOf(intoB), new RegExp(a.code), "nothing of A's on it");
    assert.deepEqual(
      (await nothingCounted(t, b.code)).rows.map((r) => [r.state, r.callback_at]),
      [['redirected', null]],
      "B's order is untouched",
    );
    assert.deepEqual(
      (await nothingCounted(t, a.code)).rows.map((r) => r.state),
      ['redirected'],
      "A's order is untouched",
    );
    // B's browser brings the same callback to A's own order: it is genuine, so A's payment counts
    // for A, but B's browser is not shown A's flow
    const intoA = await fatemeh.c.post(aPaid.visit.callbackUrl!, aPaid.visit.callback!);
    assert.equal(intoA.status, 404);
    assert.doesNotMatch(textOf(intoA), new RegExp(a.code));
    await t.drain();
    const aFee = await paidOnceBy(t, a.code, aPaid.attempt.id);
    assert.equal(pathOf(await ali.c.get(ali.page.url.replace('/fee', '/paying'))), '/sejam/identity');
    // B's own payment is counted by the reconcile job, for B only
    await nothingCounted(t, b.code);
    t.clock.advance(t.services.config.limits.paymentReconcileAfterMs);
    await t.drain();
    const bFee = await paidOnceBy(t, b.code, bAttempt.id);
    assert.equal(pathOf(await fatemeh.c.get(bPaying.url)), '/sejam/identity');
    assert.notEqual(aFee.reference_id, bFee.reference_id);
    assertReceipt(await toStatus(ali.c, simForms(a.code)), aFee);
    assertReceipt(await toStatus(fatemeh.c, simForms(b.code)), bFee);
  });

  test("an older attempt's callback after a new attempt: the person lands on their page as it is now", async () => {
    const melika = ['09123456789', '2271568439'] as const; // ملیکا کریمی
    const { c } = await toFee(...melika);
    const first = await toGateway(await c.submit({}), 'cancel');
    const told = await back(c, first.visit);
    assert.equal(pathOf(told), '/sejam/fee');
    assert.match(textOf(told), /پرداخت لغو شد/);
    const paying = await c.submit({});
    assert.equal(pathOf(paying), '/sejam/paying');
    // the first attempt's callback again (the browser's history, a gateway retry)
    const replayed = await back(c, first.visit);
    assert.equal(replayed.url, paying.url, 'back on the page of the attempt under way, not the start');
    const { rows } = await nothingCounted(t, melika[1]);
    assert.deepEqual(
      rows.map((r) => r.state),
      ['cancelled', 'redirected'],
    );
    // the new attempt is paid: the forms open; the old callback once more changes nothing
    const second = await toGateway(paying);
    assert.equal(pathOf(await back(c, second.visit)), '/sejam/identity');
    const again = await back(c, first.visit);
    assert.equal(pathOf(again), '/sejam/identity');
    assert.equal((await feeOf(t, melika[1])).rows[0]!.state, 'cancelled');
    const paid = await paidOnceBy(t, melika[1], second.attempt.id);
    assertReceipt(await toStatus(c, simForms(melika[1])), paid);
  });

  test("another tab's attempt cancelled while this tab's is at the gateway: this one waits for its own", async () => {
    const sara = ['09359871234', '4483057162'] as const; // سارا نوری
    const tab1 = await toFee(...sara);
    const tab2 = await toFee(...sara);
    const one = await toGateway(await tab1.c.submit({}), 'cancel');
    const twoPaying = await tab2.c.submit({});
    const two = await toGateway(twoPaying);
    // the first tab's buyer cancels: that tab is told; the second tab's attempt is still at the gateway
    assert.equal(pathOf(await back(tab1.c, one.visit)), '/sejam/fee');
    const waiting = await tab2.c.get(twoPaying.url);
    assert.equal(pathOf(waiting), '/sejam/paying', 'the second tab still waits for its own payment');
    assert.doesNotMatch(textOf(waiting), /لغو شد/);
    // its payment comes back: counted once, the forms open in this tab
    assert.equal(pathOf(await back(tab2.c, two.visit)), '/sejam/identity');
    const paid = await paidOnceBy(t, sara[1], two.attempt.id);
    // the first tab pays no second time: «پرداخت» there goes on to the forms
    assert.equal(pathOf(await tab1.c.submit({})), '/sejam/identity');
    assert.equal((await paidOnceBy(t, sara[1], two.attempt.id)).id, paid.id);
    assertReceipt(await toStatus(tab2.c, simForms(sara[1])), paid);
  });

  test('two tabs both pay: the first counts; the second is returned, and its tab is told so on the first form', async () => {
    const maryam = ['09011234567', '3810425974'] as const; // مریم حسینی
    const tab1 = await toFee(...maryam);
    const tab2 = await toFee(...maryam);
    const one = await toGateway(await tab1.c.submit({}));
    const two = await toGateway(await tab2.c.submit({}));
    const first = await back(tab1.c, one.visit);
    assert.equal(pathOf(first), '/sejam/identity');
    assert.doesNotMatch(textOf(first), /دوباره حساب نمی‌شود/);
    const paid = await paidOnceBy(t, maryam[1], one.attempt.id);
    const second = await back(tab2.c, two.visit);
    assert.equal(pathOf(second), '/sejam/identity', 'the fee is paid: the forms are open in this tab too');
    assert.match(textOf(second), /این پرداخت دوباره حساب نمی‌شود و مبلغ آن به حساب شما برمی‌گردد/);
    assert.equal((await paidOnceBy(t, maryam[1], one.attempt.id)).id, paid.id, 'still counted once');
    // once a form is saved, the notice has done its work
    const contact = await step(tab2.c, simForms(maryam[1]).identity, 'contact');
    assert.doesNotMatch(textOf(contact), /دوباره حساب نمی‌شود/);
  });
});
