import { z } from 'zod';
import type { Executor } from '../db/database.js';
import type { Clock } from '../clock.js';
import { enqueue, PermanentFailure, type JobContext, type JobHandler } from './queue.js';

/**
 * A job kind with a typed payload: the payload is checked by its zod schema when it is queued and
 * again when it runs (a row that does not parse fails for good instead of retrying forever), and
 * every job carries an idempotency key, so queueing the same work twice adds it once.
 */
export interface JobType<P> {
  queue: string;
  payload: z.ZodType<P>;
  maxAttempts: number;
}

export function defineJob<P>(queue: string, payload: z.ZodType<P>, opts: { maxAttempts?: number } = {}): JobType<P> {
  return { queue, payload, maxAttempts: opts.maxAttempts ?? 10 };
}

/** Queues a job in the caller's transaction; the same key twice adds one job (returns null then). */
export async function enqueueJob<P>(
  db: Executor,
  clock: Clock,
  job: JobType<P>,
  payload: P,
  opts: { key: string; runAt?: Date },
): Promise<number | null> {
  const checked = job.payload.parse(payload) as Record<string, unknown>;
  return enqueue(db, clock, job.queue, checked, {
    uniqueKey: opts.key,
    maxAttempts: job.maxAttempts,
    ...(opts.runAt ? { runAt: opts.runAt } : {}),
  });
}

/** The worker's handler for a typed job: parses the payload before the work sees it. */
export function handleJob<P>(job: JobType<P>, fn: (payload: P, ctx: JobContext) => Promise<void>): JobHandler {
  return async (raw, ctx) => {
    const parsed = job.payload.safeParse(raw);
    if (!parsed.success) throw new PermanentFailure(`${job.queue}: payload does not parse`);
    await fn(parsed.data, ctx);
  };
}
