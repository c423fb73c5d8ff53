import { z } from 'zod';
import { sql } from 'kysely';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { defineJob, enqueueJob } from '../../jobs/typed.js';
import { feeSettled, flowsWaitingOn } from '../../sejam/profiles.js';
import { seeOther } from '../../web/http.js';
import type { Tx } from '../../db/database.js';
import type { Payment } from '../../payments/model.js';
import { CLIENT_COOKIE, hashClient } from '../engine/flows.js';
import { SEJAM_KIND, SEJAM_PAYMENT_PURPOSE, stepUrl } from './data.js';

/** Told to each flow waiting on the gateway when its profile's payment is counted or closed. */
export const paymentDoneJob = defineJob('sejam.payment_done', z.object({ flowId: z.uuid(), paymentId: z.uuid() }));

async function tellWaiting(s: Services, trx: Tx, profileId: string, paymentId: string): Promise<void> {
  for (const f of await flowsWaitingOn(trx, 'paying', profileId)) {
    await enqueueJob(trx, s.clock, paymentDoneJob, { flowId: f.id, paymentId }, { key: `${f.id}:${paymentId}` });
  }
}

/**
 * The fee as a payment purpose: counted in the same transaction as the profile's move to `paid`
 * (a profile already paid refuses a second payment, which is then reversed), and every flow
 * waiting on the gateway for that profile is told.
 */
export function registerSejamPayments(app: FastifyInstance, s: Services): void {
  s.payments.definePurpose({
    name: SEJAM_PAYMENT_PURPOSE,
    async onPaid(trx, payment) {
      if (!(await feeSettled(trx, s.clock, payment.purposeRef, 'fee.paid'))) return 'refuse';
      await tellWaiting(s, trx, payment.purposeRef, payment.id);
      return 'accept';
    },
    async onClosed(trx, payment) {
      await tellWaiting(s, trx, payment.purposeRef, payment.id);
    },
    returnUrl: (payment) => `/sejam/payment-return?payment=${payment.id}`,
  });

  // back from the gateway (a cross-site POST carries no cookie): find the flow that sent this
  // payment and go to its page, where the flow's own cookie is checked as always
  app.get<{ Querystring: { payment?: string } }>('/sejam/payment-return', async (req, reply) => {
    const payment = await s.payments.payment(req.query.payment ?? '');
    const flow = payment?.purpose === SEJAM_PAYMENT_PURPOSE ? await returnFlow(s, payment, req) : undefined;
    return seeOther(reply, flow ? stepUrl(flow.id, flow.state) : '/sejam');
  });
}

/**
 * The flow a payment's browser returns to: the one that sent it to the gateway; or, for an older
 * attempt's callback (its flow has started another since), this browser's newest flow for the
 * same profile, so that the person lands on their page as it is now rather than at the start.
 */
async function returnFlow(s: Services, payment: Payment, req: FastifyRequest) {
  const flows = s.db.selectFrom('flows').select(['id', 'state']).where('kind', '=', SEJAM_KIND);
  const sent = await flows.where(sql<boolean>`data->'payment'->>'id' = ${payment.id}`).executeTakeFirst();
  const secret = req.cookies[CLIENT_COOKIE];
  if (sent || !secret) return sent;
  return flows
    .where(sql<boolean>`data->>'profileId' = ${payment.purposeRef}`)
    .where('client_hash', '=', hashClient(secret))
    .where('expires_at', '>', s.clock.now())
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}
