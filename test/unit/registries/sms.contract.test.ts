/**
 * One contract for the SMS port, run against the simulator and against the Kavenegar adapter
 * talking to a fake Kavenegar server that delivers into the same kind of inbox.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSmsGateway, type SmsGateway } from '../../../src/registries/sms/index.js';
import { MemoryInbox, startFakeKavenegar } from './helpers.js';

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
          { kind: 'kavenegar', apiKey: 'KEY-123', sender: '10004346', baseUrl: fake.url, timeoutMs: 2000 },
          unused,
        ),
        inbox,
        close: () => fake.close(),
      };
    },
  ],
];

for (const [name, make] of subjects) {
  test(`sms contract (${name})`, async (t) => {
    const s = await make();
    t.after(() => s.close());
    const text = 'کد تأیید شما: ۴۸۲۹۱۳\nهویت';

    await t.test('a normal message is sent and lands in the inbox once', async () => {
      const r = await s.gateway.send({ id: '1001', to: '09121234567', text });
      assert.equal(r.status, 'sent');
      assert.ok(r.status === 'sent' && r.providerMessageId.length > 0);
      assert.deepEqual(
        s.inbox.entries.filter((e) => e.messageId === '1001'),
        [{ messageId: '1001', to: '09121234567', text }],
      );
    });

    await t.test('sending the same id again is idempotent: same provider id, no second delivery', async () => {
      const a = await s.gateway.send({ id: '1002', to: '09351234567', text: 'اول' });
      const b = await s.gateway.send({ id: '1002', to: '09351234567', text: 'اول' });
      assert.equal(a.status, 'sent');
      assert.deepEqual(b, a);
      assert.equal(s.inbox.entries.filter((e) => e.messageId === '1002').length, 1);
    });

    await t.test('different ids to the same number are separate messages', async () => {
      const a = await s.gateway.send({ id: '1003', to: '09011234567', text: 'یک' });
      const b = await s.gateway.send({ id: '1004', to: '09011234567', text: 'دو' });
      assert.ok(a.status === 'sent' && b.status === 'sent' && a.providerMessageId !== b.providerMessageId);
    });

    await t.test('magic 0999000… → unavailable, nothing delivered', async () => {
      const r = await s.gateway.send({ id: '1005', to: '09990001234', text });
      assert.equal(r.status, 'unavailable');
      assert.ok(r.status === 'unavailable' && r.reason.length > 0);
      assert.equal(s.inbox.entries.filter((e) => e.messageId === '1005').length, 0);
    });

    await t.test('magic 0999009… → rejected, nothing delivered', async () => {
      const r = await s.gateway.send({ id: '1006', to: '09990091234', text });
      assert.equal(r.status, 'rejected');
      assert.equal(s.inbox.entries.filter((e) => e.messageId === '1006').length, 0);
    });

    await t.test('an invalid recipient → rejected', async () => {
      assert.equal((await s.gateway.send({ id: '1007', to: '0912123', text })).status, 'rejected');
    });

    await t.test('an empty text → rejected', async () => {
      assert.equal((await s.gateway.send({ id: '1008', to: '09121234567', text: '  ' })).status, 'rejected');
    });

    await t.test('after an outage, a retry of the same id to a working number is sent', async () => {
      assert.equal((await s.gateway.send({ id: '1009', to: '09990001111', text })).status, 'unavailable');
      assert.equal((await s.gateway.send({ id: '1009', to: '09121234567', text })).status, 'sent');
    });
  });
}
