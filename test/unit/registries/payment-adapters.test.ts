/**
 * The Mellat SOAP envelopes (built and read by hand) and both adapters' handling of answers a
 * vendor may give that the simulation gateway never does: faults, HTML error pages, odd prefixes,
 * unknown codes. Scripted servers on loopback stand in for the vendors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ManualClock } from '../../../src/clock.js';
import {
  escapeXml,
  readSoapRequest,
  readSoapReturn,
  soapFault,
  soapRequest,
  soapResponse,
  tehranLocal,
  unescapeXml,
} from '../../../src/registries/payment/mellat-soap.js';
import { createMellatGateway } from '../../../src/registries/payment/mellat.js';
import { createZarinpalGateway } from '../../../src/registries/payment/zarinpal.js';
import { AMPLE_MS, json, startScriptedServer, type Reply } from './helpers.js';

const order = {
  orderId: '6f1c1f9e-5a8b-4c39-9f43-0b3a4d6c2e11',
  orderNumber: 1234567890123456,
  amountRials: 500_000,
  callbackUrl: 'https://hoviyat.example/payments/callback/6f1c1f9e-5a8b-4c39-9f43-0b3a4d6c2e11?a=1&b=2',
  description: 'هزینه <سجام> & ثبت',
};
const ref = {
  authority: 'AF82041A2BF6989C7FF9',
  orderNumber: order.orderNumber,
  amountRials: 500_000,
  referenceId: '145879234567',
};

test('a request envelope escapes values and reads back the same parameters', () => {
  const xml = soapRequest('bpPayRequest', [
    ['terminalId', '4455'],
    ['additionalData', order.description],
    ['callBackUrl', order.callbackUrl],
    ['amount', 500000],
  ]);
  assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?><soapenv:Envelope /);
  assert.match(xml, /xmlns:ns1="http:\/\/interfaces\.core\.sw\.bps\.com\/"/);
  assert.match(xml, /<ns1:bpPayRequest><terminalId>4455<\/terminalId>/);
  assert.ok(xml.includes('هزینه &lt;سجام&gt; &amp; ثبت'));
  assert.ok(xml.includes('?a=1&amp;b=2'));
  assert.deepEqual(readSoapRequest(xml), {
    op: 'bpPayRequest',
    params: { terminalId: '4455', additionalData: order.description, callBackUrl: order.callbackUrl, amount: '500000' },
  });
});

test('requests with other prefixes, attributes and whitespace are read', () => {
  const xml = `<?xml version="1.0"?>
    <S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/">
      <S:Header/>
      <S:Body>
        <int:bpVerifyRequest xmlns:int="http://interfaces.core.sw.bps.com/">
          <terminalId xsi:type="xsd:long">4455</terminalId>
          <saleReferenceId> 145879234567 </saleReferenceId>
        </int:bpVerifyRequest>
      </S:Body>
    </S:Envelope>`;
  assert.deepEqual(readSoapRequest(xml), {
    op: 'bpVerifyRequest',
    params: { terminalId: '4455', saleReferenceId: '145879234567' },
  });
  assert.equal(readSoapRequest('<html>no</html>'), null);
});

test('the return value is read from a Mellat-shaped answer, whatever its prefixes', () => {
  const mellat =
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
    '<ns2:bpPayRequestResponse xmlns:ns2="http://interfaces.core.sw.bps.com/"><return>0,AF82041a2Bf6989c7fF9</return>' +
    '</ns2:bpPayRequestResponse></soap:Body></soap:Envelope>';
  assert.equal(readSoapReturn(mellat, 'bpPayRequest'), '0,AF82041a2Bf6989c7fF9');
  assert.equal(readSoapReturn(soapResponse('bpVerifyRequest', '43'), 'bpVerifyRequest'), '43');
  assert.equal(
    readSoapReturn(
      '<a:bpSettleRequestResponse>\n  <return>\n 45 \n</return></a:bpSettleRequestResponse>',
      'bpSettleRequest',
    ),
    '45',
  );
  assert.equal(
    readSoapReturn(
      '<x:bpVerifyRequestResponse><return><![CDATA[0]]></return></x:bpVerifyRequestResponse>',
      'bpVerifyRequest',
    ),
    '0',
  );
  // another operation's answer, a fault, or no envelope at all: nothing is read
  assert.equal(readSoapReturn(mellat, 'bpVerifyRequest'), null);
  assert.equal(readSoapReturn(soapFault('down'), 'bpPayRequest'), null);
  assert.equal(readSoapReturn('', 'bpPayRequest'), null);
});

test('escaping and unescaping are inverse for any text', () => {
  fc.assert(fc.property(fc.string(), (s) => unescapeXml(escapeXml(s)) === s));
  assert.equal(unescapeXml('&#1587;&#x62C;&amp;'), 'سج&');
});

test("Mellat's localDate and localTime are Tehran time", () => {
  assert.deepEqual(tehranLocal(new Date('2026-11-24T08:00:00Z')), { localDate: '20261124', localTime: '113000' });
  assert.deepEqual(tehranLocal(new Date('2026-03-20T21:00:00Z')), { localDate: '20260321', localTime: '003000' });
});

const soap = (op: Parameters<typeof soapResponse>[0], value: string): Reply => ({
  status: 200,
  body: soapResponse(op, value),
  contentType: 'text/xml; charset=utf-8',
});

async function mellatAgainst(reply: (op: string) => Reply) {
  const server = await startScriptedServer((req) => reply(readSoapRequest(req.body)?.op ?? ''));
  const g = createMellatGateway({
    baseUrl: server.url,
    terminalId: '4455',
    userName: 'hoviyat',
    password: 'p@ss<word>',
    timeoutMs: AMPLE_MS,
    clock: new ManualClock(new Date('2026-11-24T08:00:00Z')),
  });
  return { g, server };
}

test('Mellat: the request carries the credentials, the order and Tehran time; "0,RefId" posts RefId to the start page', async (t) => {
  const { g, server } = await mellatAgainst(() => soap('bpPayRequest', '0,AF82041A2BF6989C7FF9'));
  t.after(() => server.close());
  const r = await g.start(order);
  assert.deepEqual(r, {
    kind: 'started',
    authority: 'AF82041A2BF6989C7FF9',
    browser: {
      method: 'POST',
      url: `${server.url}/pgwchannel/startpay.mellat`,
      fields: { RefId: 'AF82041A2BF6989C7FF9' },
    },
  });
  const req = server.requests[0]!;
  assert.equal(req.path, '/pgwchannel/services/pgw');
  assert.match(String(req.headers['content-type']), /^text\/xml/);
  assert.equal(req.headers.soapaction, '""');
  assert.deepEqual(readSoapRequest(req.body)?.params, {
    terminalId: '4455',
    userName: 'hoviyat',
    userPassword: 'p@ss<word>',
    orderId: String(order.orderNumber),
    amount: '500000',
    localDate: '20261124',
    localTime: '113000',
    additionalData: order.description,
    callBackUrl: order.callbackUrl,
    payerId: '0',
  });
  assert.deepEqual(g.browserOrigins, [server.url]);
});

test('Mellat: codes, faults and pages map to values', async (t) => {
  const cases: [string, Reply, string][] = [
    ['refused start (21: invalid merchant)', soap('bpPayRequest', '21'), '{"kind":"refused","code":"21"}'],
    ['system error (34) is an outage', soap('bpPayRequest', '34'), '{"kind":"unavailable","reason":"outage"}'],
    [
      'a SOAP fault',
      { status: 500, body: soapFault('x'), contentType: 'text/xml' },
      '{"kind":"unavailable","reason":"outage"}',
    ],
    [
      'an HTML error page',
      { status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' },
      '{"kind":"unavailable","reason":"outage"}',
    ],
    [
      'a 200 that is not SOAP',
      { status: 200, body: 'ok', contentType: 'text/plain' },
      '{"kind":"unavailable","reason":"error"}',
    ],
  ];
  for (const [what, reply, expected] of cases) {
    const { g, server } = await mellatAgainst(() => reply);
    t.after(() => server.close());
    assert.equal(JSON.stringify(await g.start(order)), expected, what);
  }
});

test('Mellat: verify 0 / 43 are verified, 17 not paid, unknown codes refused; settle 45 and reversal 48 are "before"', async (t) => {
  const answers: Record<string, string> = { bpVerifyRequest: '43', bpSettleRequest: '45', bpReversalRequest: '48' };
  const { g, server } = await mellatAgainst((op) => soap(op as 'bpVerifyRequest', answers[op] ?? '0'));
  t.after(() => server.close());
  assert.deepEqual(await g.verify(ref), {
    kind: 'verified',
    already: true,
    referenceId: ref.referenceId,
    cardPan: null,
    amountRials: null,
  });
  assert.deepEqual(await g.settle(ref), { kind: 'settled', already: true });
  assert.deepEqual(await g.reverse(ref), { kind: 'reversed', already: true });
  const p = readSoapRequest(server.requests[0]!.body)!.params;
  assert.equal(p.saleOrderId, String(ref.orderNumber));
  assert.equal(p.saleReferenceId, ref.referenceId);
  answers.bpVerifyRequest = '17';
  assert.deepEqual(await g.verify(ref), { kind: 'not_paid', code: '17' });
  answers.bpVerifyRequest = '999';
  assert.deepEqual(await g.verify(ref), { kind: 'refused', code: '999' });
  answers.bpReversalRequest = '45';
  assert.deepEqual(await g.reverse(ref), { kind: 'not_reversible', code: '45', paid: true });
  // without the callback's SaleReferenceId there is nothing to ask, and nothing is sent
  const before = server.requests.length;
  assert.deepEqual(await g.verify({ ...ref, referenceId: null }), { kind: 'needs_callback' });
  assert.deepEqual(await g.reverse({ ...ref, referenceId: null }), { kind: 'needs_callback' });
  assert.equal(server.requests.length, before);
});

test('Mellat: callbacks are read (paid needs a SaleReferenceId; 17 is cancelled, 12 failed)', () => {
  const g = createMellatGateway({
    baseUrl: 'http://127.0.0.1:9',
    terminalId: '1',
    userName: 'u',
    password: 'p',
    clock: new ManualClock(),
  });
  assert.deepEqual(
    g.parseCallback({
      RefId: 'AF82',
      ResCode: '0',
      SaleOrderId: '1234567890123456',
      SaleReferenceId: '145879234567',
      CardHolderPan: '603799******7890',
    }),
    {
      kind: 'callback',
      authority: 'AF82',
      orderNumber: 1234567890123456,
      status: 'paid',
      code: '0',
      amountRials: null,
      referenceId: '145879234567',
      cardPan: '603799******7890',
    },
  );
  assert.deepEqual(g.parseCallback({ RefId: 'AF82', ResCode: '0', SaleOrderId: '1' }), { kind: 'invalid' });
  const status = (ResCode: string) => {
    const cb = g.parseCallback({ RefId: 'AF82', ResCode, SaleOrderId: '1' });
    return cb.kind === 'callback' ? cb.status : cb.kind;
  };
  assert.deepEqual(
    [status('17'), status('12'), status('415'), status('x')],
    ['cancelled', 'failed', 'cancelled', 'invalid'],
  );
});

test('Zarinpal: the request is JSON in rials; error bodies and pages map to values', async (t) => {
  let next: Reply = json(200, {
    data: { code: 100, message: 'Success', authority: 'A00000000000000000000000000217885159' },
    errors: [],
  });
  const server = await startScriptedServer(() => next);
  t.after(() => server.close());
  const g = createZarinpalGateway({ baseUrl: server.url, merchantId: 'merchant-1', timeoutMs: AMPLE_MS });
  assert.deepEqual(await g.start(order), {
    kind: 'started',
    authority: 'A00000000000000000000000000217885159',
    browser: { method: 'GET', url: `${server.url}/pg/StartPay/A00000000000000000000000000217885159` },
  });
  assert.equal(server.requests[0]!.path, '/pg/v4/payment/request.json');
  assert.deepEqual(JSON.parse(server.requests[0]!.body), {
    merchant_id: 'merchant-1',
    amount: 500000,
    currency: 'IRR',
    callback_url: order.callbackUrl,
    description: order.description,
    metadata: { order_id: String(order.orderNumber) },
  });
  next = json(400, { data: [], errors: { code: -9, message: 'validation', validations: [] } });
  assert.deepEqual(await g.start(order), { kind: 'refused', code: '-9' });
  next = { status: 503, body: '<html>busy</html>', contentType: 'text/html' };
  assert.deepEqual(await g.start(order), { kind: 'unavailable', reason: 'outage' });
  next = json(200, { data: { code: 101, ref_id: 201, card_pan: '502229******5995' }, errors: [] });
  assert.deepEqual(await g.verify(ref), {
    kind: 'verified',
    already: true,
    referenceId: '201',
    cardPan: '502229******5995',
    amountRials: null,
  });
  next = json(400, { data: [], errors: { code: -50, message: 'amount' } });
  assert.deepEqual(await g.verify(ref), { kind: 'amount_mismatch', code: '-50' });
  next = json(200, { data: { code: 100 }, errors: [] });
  assert.deepEqual(
    await g.verify(ref),
    { kind: 'unavailable', reason: 'error' },
    'paid without a ref_id is unreadable',
  );
  assert.deepEqual(await g.settle(ref), { kind: 'settled', already: false });
  assert.deepEqual(g.parseCallback({ Authority: 'A00000000000000000000000000217885159', Status: 'NOK' }), {
    kind: 'callback',
    authority: 'A00000000000000000000000000217885159',
    orderNumber: null,
    status: 'cancelled',
    code: 'NOK',
    amountRials: null,
    referenceId: null,
    cardPan: null,
  });
});
