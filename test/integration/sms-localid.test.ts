/**
 * The outbox gives every message a numeric localId (its `seq`) and a retried job sends the same
 * one, so Kavenegar can recognise a repeat after a lost answer instead of delivering twice.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp } from '../helpers/app.js';
import { queueSms } from '../../src/sms/outbox.js';
import { createKavenegarSms } from '../../src/registries/sms/kavenegar.js';
import type { OutgoingSms, SmsGateway, SmsSendResult } from '../../src/registries/sms/port.js';
import { MemoryInbox, startFakeKavenegar } from '../unit/registries/helpers.js';

test('a retried SMS job sends the same localId, the outbox row’s seq; other rows get others', async () => {
  const calls: OutgoingSms[] = [];
  let failFirst = true;
  const gateway: SmsGateway = {
    async send(msg): Promise<SmsSendResult> {
      calls.push(msg);
      if (failFirst) {
        failFirst = false;
        return { status: 'unavailable', reason: 'timeout after 10000 ms' };
      }
      return { status: 'sent', providerMessageId: `p-${msg.localId}` };
    },
  };
  const t = await createTestApp({ overrides: { smsGateway: gateway } });
  try {
    const a = await queueSms(t.services.db, t.clock, { to: '09121234567', text: 'یک', purpose: 'test' });
    await t.drain();
    assert.equal(calls.length, 1);
    t.clock.advance(60_000);
    await t.drain();
    const b = await queueSms(t.services.db, t.clock, { to: '09121234567', text: 'دو', purpose: 'test' });
    await t.drain();
    const rows = await t.services.db
      .selectFrom('sms_outbox')
      .select(['id', 'seq', 'status', 'provider_message_id'])
      .where('id', 'in', [a, b])
      .execute();
    const seqOf = (id: string) => rows.find((r) => r.id === id)!.seq;
    assert.equal(typeof seqOf(a), 'number');
    assert.deepEqual(
      calls.map((c) => [c.id, c.localId]),
      [
        [a, seqOf(a)],
        [a, seqOf(a)],
        [b, seqOf(b)],
      ],
    );
    assert.notEqual(seqOf(a), seqOf(b));
    assert.ok(rows.every((r) => r.status === 'sent'));
  } finally {
    await t.close();
  }
});

test('Kavenegar answer lost after delivery: the retry carries the same localid and nothing is sent twice', async () => {
  const inbox = new MemoryInbox();
  const fake = await startFakeKavenegar({ apiKey: 'KEY', sink: inbox });
  const real = createKavenegarSms({ apiKey: 'KEY', sender: '10004346', baseUrl: fake.url, timeoutMs: 5000 });
  let loseNext = true;
  // Kavenegar received and sent the first request, but its answer never arrived
  const lossy: SmsGateway = {
    async send(msg) {
      const r = await real.send(msg);
      if (!loseNext) return r;
      loseNext = false;
      return { status: 'unavailable', reason: 'timeout after 5000 ms' };
    },
  };
  const t = await createTestApp({ overrides: { smsGateway: lossy } });
  try {
    const id = await queueSms(t.services.db, t.clock, { to: '09121234567', text: 'کد: ۴۸۲۹۱۳', purpose: 'test' });
    await t.drain();
    t.clock.advance(60_000);
    await t.drain();
    const row = await t.services.db.selectFrom('sms_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.status, 'sent');
    assert.deepEqual(
      fake.requests.map((r) => new URLSearchParams(r.body).get('localid')),
      [String(row.seq), String(row.seq)],
    );
    assert.equal(inbox.entries.length, 1, 'delivered once');
  } finally {
    await t.close();
    await fake.close();
  }
});
