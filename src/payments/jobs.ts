/**
 * The durable work behind payments, one typed job per step, each keyed by the payment (queueing
 * twice adds one job) and idempotent (it reads the row's state first):
 *
 * - `payments.verify`: queued with the callback, a little later, in case the node verifying
 *   inline dies; retried with backoff while the gateway is down, until the verify window ends.
 * - `payments.reconcile`: queued with every attempt, due after `paymentReconcileAfterMs`: verifies
 *   an attempt whose callback never came, or closes it.
 * - `payments.settle`, `payments.reverse`: after verify, or when an attempt cannot be completed.
 */
import { z } from 'zod';
import { backoffDelay, RetryLater, type JobHandler } from '../jobs/queue.js';
import { defineJob, handleJob } from '../jobs/typed.js';
import type { Clock } from '../clock.js';
import type { PaymentLifecycle, Step } from './lifecycle.js';

const byPayment = z.object({ paymentId: z.uuid() });

export const paymentVerifyJob = defineJob('payments.verify', byPayment, { maxAttempts: 40 });
export const paymentReconcileJob = defineJob('payments.reconcile', byPayment, { maxAttempts: 40 });
export const paymentSettleJob = defineJob('payments.settle', byPayment, { maxAttempts: 40 });
export const paymentReverseJob = defineJob('payments.reverse', byPayment, { maxAttempts: 40 });

/** Retries come quickly at first (a gateway blip), never more than two minutes apart, and never past `until`. */
const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 2 * 60_000;

function retry(step: Step, attempt: number, clock: Clock): void {
  if (step.retry === null) return;
  let delay = backoffDelay(attempt, RETRY_BASE_MS, RETRY_MAX_MS);
  if (step.retry !== 'backoff') delay = Math.max(0, step.retry.getTime() - clock.now().getTime());
  else if (step.until) delay = Math.min(delay, Math.max(0, step.until.getTime() - clock.now().getTime()));
  throw new RetryLater(delay, `payment ${step.why ?? 'waits'}`);
}

export function paymentJobHandlers(payments: PaymentLifecycle, clock: Clock): Record<string, JobHandler> {
  const run =
    (fn: (id: string) => Promise<Step>) =>
    async ({ paymentId }: { paymentId: string }, ctx: { attempt: number }) =>
      retry(await fn(paymentId), ctx.attempt, clock);
  return {
    [paymentVerifyJob.queue]: handleJob(
      paymentVerifyJob,
      run((id) => payments.advance(id)),
    ),
    [paymentReconcileJob.queue]: handleJob(
      paymentReconcileJob,
      run((id) => payments.advance(id, { reconcile: true })),
    ),
    [paymentSettleJob.queue]: handleJob(
      paymentSettleJob,
      run((id) => payments.settle(id)),
    ),
    [paymentReverseJob.queue]: handleJob(
      paymentReverseJob,
      run((id) => payments.reverse(id)),
    ),
  };
}
