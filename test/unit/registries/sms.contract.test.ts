/**
 * One contract for the SMS port, run against the simulator and against the Kavenegar adapter
 * talking to a fake Kavenegar server that delivers into the same kind of inbox.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSmsGateway, type SmsGateway } from '../../../src/registries/sms/index.js';
import { AMPLE_MS, MemoryInbox, startFakeKavenegar } from './helpers.js';

type Factory = () => Promise<{ gateway: SmsGateway; inbox: MemoryInbox; close(): Promise<void> }>;

const subjects: [string, Factory][] = [
  [
    'simulator',
    () => {
      const inbox = new MemoryInbox();
      return Promise.resolve({
        gateway: createSmsGateway({ kind: 'simulator' }, inbox),
        inbox,
        close: () => Promise.resolve(),
      });
    },
  ],
  [
    'kavenegar',
    async () => {
      const inbox = new MemoryInbox();
      const fake = await startFakeKavenegar({ apiKey: 'KEY-123', sink: inbox });
      const unused = new MemoryInbox();
      return {
        gateway: createSmsGateway(
          { kind: 'kavenegar', apiKey: 'KEY-123', sender: '10004346', baseUrl: fake.url, timeoutMs: AMPLE_MS },
          unused,
        ),
        inbox,
        close: () => fake.close(),
      };
    },
  ],
];

/** A message as the outbox sends it: a UUID-like id, and a numeric localId as the idempotency key. */
const msg = (localId: number, to: string, text: string) => ({
  id: `5b1e6c2a-0000-4000-8000-${String(localId).padStart(12, '0')}`,
  localId,
  to,
  text,
});

for (const [name, make] of subjects) {
  test(`sms contract (${name})`, async (t) => {
    const s = await make();
    t.after(() => s.close());
    const text = 'کد تأیید شما: ۴۸۲۹۱۳\nهویت';
    const delivered = (to: string) => s.inbox.entries.filter((e) => e.to === to).map((e) => e.text);

    await t.test('a normal message is sent and lands in the inbox once', async () => {
      const r = await s.gateway.send(msg(1001, '09121234567', text));
      assert.equal(r.status, 'sent');
      assert.ok(r.status === 'sent' && r.providerMessageId.length > 0);
      assert.deepEqual(delivered('09121234567'), [text]);
    });

    await t.test('sending the same localId again is idempotent: same provider id, no second delivery', async () => {
      const a = await s.gateway.send(msg(1002, '09351234567', 'اول'));
      const b = await s.gateway.send(msg(1002, '09351234567', 'اول'));
      assert.equal(a.status, 'sent');
      assert.deepEqual(b, a);
      assert.deepEqual(delivered('09351234567'), ['اول']);
    });

    await t.test('different localIds to the same number are separate messages', async () => {
      const a = await s.gateway.send(msg(1003, '09011234567', 'یک'));
      const b = await s.gateway.send(msg(1004, '09011234567', 'دو'));
      assert.ok(a.status === 'sent' && b.status === 'sent' && a.providerMessageId !== b.providerMessageId);
      assert.deepEqual(delivered('09011234567'), ['یک', 'دو']);
    });

    await t.test('magic 0999000… → unavailable, nothing delivered', async () => {
      const r = await s.gateway.send(msg(1005, '09990001234', text));
      assert.equal(r.status, 'unavailable');
      assert.ok(r.status === 'unavailable' && r.reason.length > 0);
      assert.deepEqual(delivered('09990001234'), []);
    });

    await t.test('magic 0999009… → rejected, nothing delivered', async () => {
      const r = await s.gateway.send(msg(1006, '09990091234', text));
      assert.equal(r.status, 'rejected');
      assert.deepEqual(delivered('09990091234'), []);
    });

    await t.test('an invalid recipient → rejected', async () => {
      assert.equal((await s.gateway.send(msg(1007, '0912123', text))).status, 'rejected');
    });

    await t.test('an empty text → rejected', async () => {
      assert.equal((await s.gateway.send(msg(1008, '09121234568', '  '))).status, 'rejected');
      assert.deepEqual(delivered('09121234568'), []);
    });

    await t.test('after an outage, a retry of the same localId to a working number is sent', async () => {
      assert.equal((await s.gateway.send(msg(1009, '09990001111', text))).status, 'unavailable');
      assert.equal((await s.gateway.send(msg(1009, '09121239999', text))).status, 'sent');
      assert.deepEqual(delivered('09121239999'), [text]);
    });
  });
}
