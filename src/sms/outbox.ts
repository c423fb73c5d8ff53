import { randomUUID } from 'node:crypto';
import type { Database, Executor } from '../db/database.js';
import type { Clock } from '../clock.js';
import { z } from 'zod';
import { PermanentFailure, type JobHandler } from '../jobs/queue.js';
import { defineJob, enqueueJob, handleJob } from '../jobs/typed.js';
import type { SmsGateway, SmsInboxSink } from '../registries/sms/port.js';

export const SMS_QUEUE = 'sms.send';
export const smsSendJob = defineJob(SMS_QUEUE, z.object({ messageId: z.uuid() }), { maxAttempts: 8 });

export interface QueuedSms {
  to: string;
  text: string;
  purpose: string;
  /** One-time codes: the text is wiped from the outbox once the gateway has it. */
  sensitive?: boolean;
  /** The row's id when the caller needs it beforehand (a code names its SMS); default a new UUID. */
  id?: string;
}

/** Puts an SMS in the outbox in the caller's transaction; a job hands it to the gateway. Returns the row's id. */
export async function queueSms(db: Executor, clock: Clock, sms: QueuedSms): Promise<string> {
  const id = sms.id ?? randomUUID();
  await db
    .insertInto('sms_outbox')
    .values({
      id,
      to_mobile: sms.to,
      body: sms.text,
      purpose: sms.purpose,
      sensitive: sms.sensitive ?? false,
      status: 'queued',
      created_at: clock.now(),
    })
    .execute();
  await enqueueJob(db, clock, smsSendJob, { messageId: id }, { key: id });
  return id;
}

export function smsSendHandler(db: Database, clock: Clock, gateway: SmsGateway): JobHandler {
  return handleJob(smsSendJob, async ({ messageId: id }, ctx) => {
    const msg = await db.selectFrom('sms_outbox').selectAll().where('id', '=', id).executeTakeFirst();
    if (!msg || msg.status !== 'queued' || msg.body === null) return;
    // the same row always goes with the same localId, so a retry after a lost answer is recognised
    const result = await gateway.send({ id, localId: msg.seq, to: msg.to_mobile, text: msg.body });
    if (result.status === 'sent') {
      await db
        .updateTable('sms_outbox')
        .set({
          status: 'sent',
          sent_at: clock.now(),
          provider_message_id: result.providerMessageId,
          attempts: ctx.attempt,
          body: msg.sensitive ? null : msg.body,
        })
        .where('id', '=', id)
        .execute();
      return;
    }
    const final = result.status === 'rejected' || ctx.attempt >= ctx.maxAttempts;
    await db
      .updateTable('sms_outbox')
      .set({
        attempts: ctx.attempt,
        last_error: result.reason.slice(0, 300),
        ...(final ? { status: 'failed' as const, body: msg.sensitive ? null : msg.body } : {}),
      })
      .where('id', '=', id)
      .execute();
    if (result.status === 'rejected') throw new PermanentFailure(`sms rejected: ${result.reason}`);
    throw new Error(`sms gateway unavailable: ${result.reason}`);
  });
}

/** The simulated phones: what the SMS simulator "delivers" lands here for the dev inbox. */
export function databaseInboxSink(db: Database, clock: Clock): SmsInboxSink {
  return {
    async record(entry) {
      await db
        .insertInto('dev_sms_inbox')
        .values({ message_id: entry.messageId, to_mobile: entry.to, body: entry.text, received_at: clock.now() })
        .onConflict((oc) => oc.column('message_id').doNothing())
        .execute();
    },
  };
}
