/**
 * The app configured for the real adapters (HOVIYAT_PAYMENT_GATEWAY=zarinpal / mellat), talking
 * to the simulation gateway server as to the vendors: the buyer pays on the vendor's page over
 * HTTP and the browser comes back to the app's callback (a GET for Zarinpal, a POST for Mellat).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestApp, logSink, type TestApp } from '../helpers/app.js';
import { freshDatabase } from '../helpers/db.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { ManualClock } from '../../src/clock.js';
import { SimulatedBank } from '../../src/registries/payment/index.js';
import { startSimulatedGateway, type SimulatedGateway } from '../../src/registries/simulation/gateway-server.js';
import { loadPopulation } from '../../src/registries/simulation/population.js';
import { httpTransport, visitGateway, type BuyerChoice } from '../helpers/payment-buyer.js';
import { FEE } from '../helpers/payments.js';

const PUBLIC_URL = 'https://hoviyat.test';
const MELLAT = { terminalId: '4455', userName: 'hoviyat', password: 'mellat-secret' };
const ZARINPAL = { merchantId: '1344b5d4-0048-11e8-94db-005056a205be' };
let gw: SimulatedGateway;
let vendorDb: Awaited<ReturnType<typeof freshDatabase>>;
let zarinpal: TestApp;
let mellat: TestApp;
const vendorClock = new ManualClock(new Date('2026-11-24T08:00:00Z'));
const logs = logSink();

before(async () => {
  vendorDb = await freshDatabase();
  await migrateToLatest(vendorDb.db);
  gw = await startSimulatedGateway({
    population: loadPopulation(),
    token: 'unused',
    payments: { bank: new SimulatedBank(vendorDb.db, vendorClock), mellat: MELLAT, zarinpal: ZARINPAL },
  });
  const common = { PUBLIC_URL, HOVIYAT_PAYMENT_TIMEOUT_MS: '60000', LOG_LEVEL: 'debug' };
  zarinpal = await createTestApp({
    logStream: logs.stream,
    env: {
      ...common,
      HOVIYAT_PAYMENT_GATEWAY: 'zarinpal',
      ZARINPAL_BASE_URL: gw.url,
      ZARINPAL_MERCHANT_ID: ZARINPAL.merchantId,
    },
  });
  mellat = await createTestApp({
    logStream: logs.stream,
    env: {
      ...common,
      HOVIYAT_PAYMENT_GATEWAY: 'mellat',
      MELLAT_BASE_URL: gw.url,
      MELLAT_TERMINAL_ID: MELLAT.terminalId,
      MELLAT_USERNAME: MELLAT.userName,
      MELLAT_PASSWORD: MELLAT.password,
    },
  });
});
after(async () => {
  await zarinpal?.close();
  await mellat?.close();
  await gw?.close();
  await vendorDb?.cleanup();
});

/** Pays on the vendor's page; returns the callback as the browser would bring it to the app. */
async function pay(t: TestApp, choice: BuyerChoice = 'pay') {
  const ref = { purpose: 'test', ref: randomUUID() };
  const start = await t.services.payments.startPayment(ref, FEE);
  assert.equal(start.kind, 'redirect', JSON.stringify(start));
  if (start.kind !== 'redirect') throw new Error('not started');
  const visit = await visitGateway(httpTransport, start.browser, choice);
  const back = async () => {
    assert.ok(
      visit.callbackUrl?.startsWith(`${PUBLIC_URL}/payments/callback/${start.payment.id}`),
      visit.callbackUrl ?? '',
    );
    const path = (visit.callbackUrl ?? '').slice(PUBLIC_URL.length);
    return start.browser.method === 'GET'
      ? t.app.inject({ method: 'GET', url: path })
      : t.app.inject({
          method: 'POST',
          url: path,
          payload: new URLSearchParams(visit.callback ?? {}).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
  };
  return { ref, start, visit, back };
}

test('Zarinpal: redirect to StartPay, GET callback, verified with our amount; double callback counts once', async () => {
  const p = await pay(zarinpal);
  assert.equal(p.start.browser.method, 'GET');
  assert.ok(p.start.browser.url.startsWith(`${gw.url}/pg/StartPay/A`));
  assert.deepEqual(zarinpal.services.payments.gateway.browserOrigins, [gw.url]);
  const first = await p.back();
  const second = await p.back();
  assert.deepEqual([first.statusCode, second.statusCode], [200, 200]);
  const payment = await zarinpal.services.payments.paymentFor(p.ref);
  assert.equal(payment?.state, 'settled');
  assert.match(payment?.referenceId ?? '', /^\d{12}$/);
  assert.equal(payment?.cardPan, '603799******7890');
});

test('Zarinpal: the browser never came back; the reconcile job verifies by authority', async () => {
  const p = await pay(zarinpal, 'pay_no_return');
  zarinpal.clock.advance(17 * 60_000);
  await zarinpal.drain();
  assert.equal((await zarinpal.services.payments.paymentFor(p.ref))?.state, 'settled');
});

test('Mellat: RefId posted to the start page, POST callback, verify then settle', async () => {
  const p = await pay(mellat);
  assert.deepEqual(p.start.browser, {
    method: 'POST',
    url: `${gw.url}/pgwchannel/startpay.mellat`,
    fields: { RefId: p.start.payment.authority },
  });
  const res = await p.back();
  assert.equal(res.statusCode, 200);
  const payment = await mellat.services.payments.paymentFor(p.ref);
  assert.equal(payment?.state, 'settled');
  assert.equal(payment?.referenceId, p.visit.callback?.SaleReferenceId);
});

test('Mellat: no callback means nothing to verify; at the end of the window the attempt expires', async () => {
  const p = await pay(mellat, 'pay_no_return');
  mellat.clock.advance(17 * 60_000);
  await mellat.drain();
  assert.equal((await mellat.services.payments.paymentFor(p.ref))?.state, 'redirected', 'waits for a callback');
  mellat.clock.advance(3 * 60_000);
  await mellat.drain();
  const payment = await mellat.services.payments.paymentFor(p.ref);
  assert.deepEqual([payment?.state, payment?.reason], ['expired', 'no_callback']);
});

test('Mellat: a late callback is reversed with its SaleReferenceId', async () => {
  const p = await pay(mellat);
  mellat.clock.advance(21 * 60_000);
  await p.back();
  const payment = await mellat.services.payments.paymentFor(p.ref);
  assert.deepEqual([payment?.state, payment?.reason], ['reversed', 'late']);
  const tx = await vendorDb.db
    .selectFrom('payment_sim_transactions')
    .select('state')
    .where('token', '=', payment?.authority ?? '')
    .executeTakeFirst();
  assert.equal(tx?.state, 'reversed');
});

test('no gateway credential is logged, and the start-up line names only the adapter', async () => {
  // a refused start is logged (with the gateway's code): a bad merchant id must not leak there either
  const bad = await startSimulatedGateway({
    population: loadPopulation(),
    token: 'unused',
    payments: {
      bank: new SimulatedBank(vendorDb.db, vendorClock),
      mellat: { ...MELLAT, password: 'other' },
      zarinpal: { merchantId: 'other' },
    },
  });
  try {
    const t = await createTestApp({
      logStream: logs.stream,
      env: {
        PUBLIC_URL,
        LOG_LEVEL: 'debug',
        HOVIYAT_PAYMENT_GATEWAY: 'zarinpal',
        ZARINPAL_BASE_URL: bad.url,
        ZARINPAL_MERCHANT_ID: ZARINPAL.merchantId,
      },
    });
    const r = await t.services.payments.startPayment({ purpose: 'test', ref: randomUUID() }, FEE);
    assert.equal(r.kind, 'refused');
    await t.close();
  } finally {
    await bad.close();
  }
  const text = logs.text();
  assert.match(text, /payment gateway refused a start/);
  for (const secret of [MELLAT.password, ZARINPAL.merchantId])
    assert.ok(!text.includes(secret), 'a credential was logged');
  const { describeAdapters } = await import('../../src/config.js');
  assert.match(describeAdapters(mellat.services.config), / payment=mellat$/);
});
