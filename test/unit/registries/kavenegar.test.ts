/**
 * Kavenegar adapter specifics against a fake Kavenegar server on 127.0.0.1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createKavenegarSms } from '../../../src/registries/sms/kavenegar.js';
import type { SmsSendResult } from '../../../src/registries/sms/port.js';
import { AMPLE_MS, deadUrl, json, MemoryInbox, startFakeKavenegar, within, type Reply } from './helpers.js';

async function withFake(
  override: ((form: URLSearchParams) => Reply | undefined) | undefined,
  fn: (url: string, fake: Awaited<ReturnType<typeof startFakeKavenegar>>, inbox: MemoryInbox) => Promise<void>,
) {
  const inbox = new MemoryInbox();
  const fake = await startFakeKavenegar({ apiKey: 'KEY/1', sink: inbox, override });
  try {
    await fn(fake.url, fake, inbox);
  } finally {
    await fake.close();
  }
}

const UUID = '3f2b8c1e-6a4d-4f0e-9b7a-2c5d8e1f0a96';

test('kavenegar: POST /v1/{apiKey}/sms/send.json, form-encoded receptor, sender, message, localid', () =>
  withFake(undefined, async (url, fake) => {
    const sms = createKavenegarSms({ apiKey: 'KEY/1', sender: '10004346', baseUrl: url + '/', timeoutMs: AMPLE_MS });
    const r = await sms.send({ id: UUID, localId: 42, to: '09121234567', text: 'سلام & خوش آمدید' });
    assert.deepEqual(r, { status: 'sent', providerMessageId: '8792343' });
    const req = fake.requests[0];
    assert.ok(req);
    assert.equal(req.method, 'POST');
    assert.equal(req.path, '/v1/KEY%2F1/sms/send.json');
    assert.match(String(req.headers['content-type']), /^application\/x-www-form-urlencoded/);
    const form = new URLSearchParams(req.body);
    assert.equal(form.get('receptor'), '09121234567');
    assert.equal(form.get('sender'), '10004346');
    assert.equal(form.get('message'), 'سلام & خوش آمدید');
    assert.equal(form.get('localid'), '42', 'the numeric localId, never our UUID');
  }));

test('kavenegar: localid is always sent, also for large sequence numbers', () =>
  withFake(undefined, async (url, fake) => {
    const sms = createKavenegarSms({ apiKey: 'KEY/1', sender: '1000', baseUrl: url, timeoutMs: AMPLE_MS });
    assert.equal((await sms.send({ id: 'c0ffee-uuid', localId: 1, to: '09121234567', text: 'x' })).status, 'sent');
    const big = Number.MAX_SAFE_INTEGER;
    assert.equal((await sms.send({ id: 'c0ffee-uuid2', localId: big, to: '09121234567', text: 'y' })).status, 'sent');
    assert.deepEqual(
      fake.requests.map((r) => new URLSearchParams(r.body).get('localid')),
      ['1', String(big)],
    );
  }));

test('kavenegar: a repeated localid gets the earlier entry back: sent, same message id, delivered once', () =>
  withFake(undefined, async (url, fake, inbox) => {
    const sms = createKavenegarSms({ apiKey: 'KEY/1', sender: '1000', baseUrl: url, timeoutMs: AMPLE_MS });
    // two different outbox ids on purpose: only localid tells Kavenegar it is the same message
    const a = await sms.send({ id: UUID, localId: 9001, to: '09121234567', text: 'کد: ۱۲۳۴۵۶' });
    const b = await sms.send({ id: UUID, localId: 9001, to: '09121234567', text: 'کد: ۱۲۳۴۵۶' });
    assert.equal(a.status, 'sent');
    assert.deepEqual(b, a);
    assert.equal(fake.requests.length, 2);
    assert.equal(inbox.entries.length, 1);
  }));

test('kavenegar: the earlier entry of a duplicate counts as sent whatever its delivery status', () =>
  withFake(
    () =>
      json(200, {
        return: { status: 200, message: 'تایید شد' },
        entries: [{ messageid: 555, status: 10, statustext: 'رسیده به گیرنده', receptor: '09121234567' }],
      }),
    async (url) => {
      const sms = createKavenegarSms({ apiKey: 'KEY/1', sender: '1000', baseUrl: url, timeoutMs: AMPLE_MS });
      const r = await sms.send({ id: UUID, localId: 9002, to: '09121234567', text: 'x' });
      assert.deepEqual(r, { status: 'sent', providerMessageId: '555' });
    },
  ));

test('kavenegar: a localId that is not a positive integer is refused without calling Kavenegar', () =>
  withFake(undefined, async (url, fake) => {
    const sms = createKavenegarSms({ apiKey: 'KEY/1', sender: '1000', baseUrl: url, timeoutMs: AMPLE_MS });
    for (const localId of [0, -1, 1.5, Number.NaN, 2 ** 60]) {
      const r = await sms.send({ id: UUID, localId, to: '09121234567', text: 'x' });
      assert.equal(r.status, 'rejected', String(localId));
    }
    assert.equal(fake.requests.length, 0);
  }));

const statusCases: [number, 'rejected' | 'unavailable', RegExp][] = [
  [411, 'rejected', /411.*invalid receptor/],
  [413, 'rejected', /413/],
  [422, 'rejected', /422/],
  [501, 'rejected', /501/],
  [418, 'unavailable', /418.*insufficient credit/],
  [412, 'unavailable', /412.*invalid sender/],
  [403, 'unavailable', /403.*invalid API key/],
  [401, 'unavailable', /401/],
  // HTTP 407 is "proxy authentication required" to fetch, which fails the request itself.
  [407, 'unavailable', /407|network error/],
  [409, 'unavailable', /409/],
  [430, 'unavailable', /430/],
  [451, 'unavailable', /451/],
  [499, 'unavailable', /kavenegar 499/],
];

for (const [code, status, reason] of statusCases) {
  test(`kavenegar: return.status ${code} → ${status}`, () =>
    withFake(
      () => json(code, { return: { status: code, message: 'پیام کاوه‌نگار' }, entries: null }),
      async (url, _fake, inbox) => {
        const sms = createKavenegarSms({ apiKey: 'KEY/1', sender: '1000', baseUrl: url, timeoutMs: AMPLE_MS });
        const r: SmsSendResult = await sms.send({ id: '7', localId: 7, to: '09121234567', text: 'x' });
        if (r.status === 'sent') assert.fail('expected a failure');
        assert.equal(r.status, status);
        assert.match(r.reason, reason);
        assert.equal(inbox.entries.length, 0);
      },
    ));
}

test('kavenegar: an error code inside an HTTP 200 answer is still an error', () =>
  withFake(
    () => json(200, { return: { status: 418, message: 'اعتبار حساب شما کافی نیست' }, entries: null }),
    async (url) => {
      const sms = createKavenegarSms({ apiKey: 'KEY/1', sender: '1000', baseUrl: url, timeoutMs: AMPLE_MS });
      const r = await sms.send({ id: '7', localId: 7, to: '09121234567', text: 'x' });
      assert.equal(r.status, 'unavailable');
    },
  ));

test('kavenegar: 200 without a message id, HTML error pages and garbage → unavailable', async () => {
  const replies: Reply[] = [
    json(200, { return: { status: 200, message: 'تایید شد' }, entries: [] }),
    { status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' },
    { status: 200, body: 'not json' },
    json(200, { something: 'else' }),
  ];
  for (const reply of replies) {
    await withFake(
      () => reply,
      async (url) => {
        const sms = createKavenegarSms({ apiKey: 'KEY/1', sender: '1000', baseUrl: url, timeoutMs: AMPLE_MS });
        assert.equal(
          (await sms.send({ id: '7', localId: 7, to: '09121234567', text: 'x' })).status,
          'unavailable',
          reply.body,
        );
      },
    );
  }
});

test('kavenegar: a server that does not answer → unavailable (timeout) at timeoutMs, request dropped', () =>
  withFake(
    // never answers: only our own deadline can end the call
    () => ({ ...json(200, { return: { status: 200, message: 'ok' }, entries: [{ messageid: 1 }] }), hang: true }),
    async (url, fake) => {
      const sms = createKavenegarSms({ apiKey: 'KEY/1', sender: '1000', baseUrl: url, timeoutMs: 20 });
      const r = await within(sms.send({ id: '7', localId: 7, to: '09121234567', text: 'x' }), 'the send');
      assert.deepEqual(r, { status: 'unavailable', reason: 'timeout after 20 ms' });
      // a request that got through before the deadline was aborted, not left open (the server
      // may not have seen it at all if the deadline came first, e.g. on a busy machine)
      await within(Promise.all(fake.requests.map((req) => req.abandoned)), 'the abort');
    },
  ));

test('kavenegar: nothing listening → unavailable (network error)', async () => {
  const sms = createKavenegarSms({ apiKey: 'k', sender: '1000', baseUrl: await deadUrl(), timeoutMs: AMPLE_MS });
  const r = await sms.send({ id: '7', localId: 7, to: '09121234567', text: 'x' });
  assert.equal(r.status, 'unavailable');
  assert.ok(r.status === 'unavailable' && /network/.test(r.reason));
});

test('kavenegar: the default base URL is the public API', async (t) => {
  // fetch is replaced for this test: the URL is read, nothing leaves the machine
  const urls: string[] = [];
  t.mock.method(globalThis, 'fetch', (input: string | URL | Request) => {
    urls.push(String(input instanceof Request ? input.url : input));
    return Promise.resolve(
      new Response(JSON.stringify({ return: { status: 200, message: 'تایید شد' }, entries: [{ messageid: 5 }] }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
  });
  const sms = createKavenegarSms({ apiKey: 'k', sender: '1000' });
  assert.deepEqual(await sms.send({ id: '7', localId: 7, to: '09121234567', text: 'x' }), {
    status: 'sent',
    providerMessageId: '5',
  });
  assert.deepEqual(urls, ['https://api.kavenegar.com/v1/k/sms/send.json']);
});
