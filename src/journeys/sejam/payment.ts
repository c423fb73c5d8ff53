import { z } from 'zod';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { defineJob, enqueueJob } from '../../jobs/typed.js';
import { feeSettled, flowsWaitingOn } from '../../sejam/profiles.js';
import { seeOther } from '../../web/http.js';
import type { Tx } from '../../db/database.js';
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
    const id = req.query.payment ?? '';
    const flow = z.uuid().safeParse(id).success
      ? await s.db
          .selectFrom('flows')
          .select(['id', 'state'])
          .where('kind', '=', SEJAM_KIND)
          .where(sql<boolean>`data->'payment'->>'id' = ${id}`)
          .executeTakeFirst()
      : undefined;
    return seeOther(reply, flow ? stepUrl(flow.id, flow.state) : '/sejam');
  });
}
