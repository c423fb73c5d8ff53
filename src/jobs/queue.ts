import { sql } from 'kysely';
import type { Database, Executor } from '../db/database.js';
import type { Clock } from '../clock.js';
import { addMs } from '../clock.js';

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
  /** Idempotency key: a second job with the same queue and key is not added (enqueue returns null). */
  uniqueKey?: string;
}

/**
 * Adds a job. Pass the transaction that makes the change the job follows from,
 * so the job exists exactly when that change commits (the outbox pattern).
 */
export async function enqueue(
  db: Executor,
  clock: Clock,
  queue: string,
  payload: Record<string, unknown>,
  opts: EnqueueOptions & { uniqueKey: string },
): Promise<number | null>;
export async function enqueue(
  db: Executor,
  clock: Clock,
  queue: string,
  payload: Record<string, unknown>,
  opts?: EnqueueOptions,
): Promise<number>;
export async function enqueue(
  db: Executor,
  clock: Clock,
  queue: string,
  payload: Record<string, unknown>,
  opts: EnqueueOptions = {},
): Promise<number | null> {
  const now = clock.now();
  const row = await db
    .insertInto('jobs')
    .values({
      queue,
      payload: JSON.stringify(payload),
      state: 'pending',
      run_at: opts.runAt ?? now,
      max_attempts: opts.maxAttempts ?? 10,
      created_at: now,
      unique_key: opts.uniqueKey ?? null,
    })
    .onConflict((oc) => oc.columns(['queue', 'unique_key']).where('unique_key', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) {
    if (opts.uniqueKey === undefined) throw new Error('job insert returned nothing');
    return null;
  }
  return row.id;
}

/** Thrown by a handler to be tried again after a given delay instead of the usual backoff. */
export class RetryLater extends Error {
  constructor(
    readonly delayMs: number,
    message = 'retry later',
  ) {
    super(message);
  }
}

/** Thrown by a handler when trying again cannot help. */
export class PermanentFailure extends Error {}

export interface JobContext {
  jobId: number;
  attempt: number;
  maxAttempts: number;
}

export type JobHandler = (payload: Record<string, unknown>, ctx: JobContext) => Promise<void>;

export interface WorkerOptions {
  leaseMs: number;
  batchSize: number;
  pollMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

const defaults: WorkerOptions = {
  leaseMs: 60_000,
  batchSize: 5,
  pollMs: 500,
  backoffBaseMs: 5_000,
  backoffMaxMs: 15 * 60_000,
};

export function backoffDelay(attempt: number, base: number, max: number): number {
  const exp = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  // ±20% jitter so retries from many jobs do not arrive together
  return Math.round(exp * (0.8 + Math.random() * 0.4));
}

export interface JobEvents {
  onFailure?(queue: string, err: unknown, final: boolean): void;
  onDone?(queue: string): void;
}

/**
 * Claims due jobs with FOR UPDATE SKIP LOCKED and runs them. A claimed job carries a lease:
 * if its node dies (kill -9), the lease runs out and any node claims it again.
 */
export class JobWorker {
  private readonly opts: WorkerOptions;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly handlers: Record<string, JobHandler>,
    opts: Partial<WorkerOptions> = {},
    private readonly events: JobEvents = {},
  ) {
    this.opts = { ...defaults, ...opts };
  }

  /** Claims and runs one batch of due jobs; returns how many ran. */
  async runOnce(): Promise<number> {
    const now = this.clock.now();
    const queues = Object.keys(this.handlers);
    if (queues.length === 0) return 0;
    const claimed = await this.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('jobs')
        .select('id')
        .where('queue', 'in', queues)
        .where((eb) =>
          eb.or([
            eb.and([eb('state', '=', 'pending'), eb('run_at', '<=', now)]),
            eb.and([eb('state', '=', 'running'), eb('locked_until', '<', now)]),
          ]),
        )
        .orderBy('run_at')
        .limit(this.opts.batchSize)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length === 0) return [];
      return trx
        .updateTable('jobs')
        .set({
          state: 'running',
          locked_until: addMs(now, this.opts.leaseMs),
          attempts: sql`attempts + 1`,
        })
        .where(
          'id',
          'in',
          due.map((d) => d.id),
        )
        .returningAll()
        .execute();
    });
    for (const job of claimed) {
      await this.runJob(job);
    }
    return claimed.length;
  }

  private async runJob(job: {
    id: number;
    queue: string;
    payload: Record<string, unknown>;
    attempts: number;
    max_attempts: number;
  }) {
    const handler = this.handlers[job.queue];
    if (!handler) return;
    try {
      await handler(job.payload, { jobId: job.id, attempt: job.attempts, maxAttempts: job.max_attempts });
      await this.db
        .updateTable('jobs')
        .set({ state: 'done', finished_at: this.clock.now(), locked_until: null, last_error: null })
        .where('id', '=', job.id)
        .execute();
      this.events.onDone?.(job.queue);
    } catch (err) {
      const final = err instanceof PermanentFailure || job.attempts >= job.max_attempts;
      const delay =
        err instanceof RetryLater
          ? err.delayMs
          : backoffDelay(job.attempts, this.opts.backoffBaseMs, this.opts.backoffMaxMs);
      const message = err instanceof Error ? err.message : String(err);
      await this.db
        .updateTable('jobs')
        .set(
          final
            ? { state: 'failed', finished_at: this.clock.now(), locked_until: null, last_error: message.slice(0, 500) }
            : {
                state: 'pending',
                run_at: addMs(this.clock.now(), delay),
                locked_until: null,
                last_error: message.slice(0, 500),
              },
        )
        .where('id', '=', job.id)
        .execute();
      this.events.onFailure?.(job.queue, err, final);
    }
  }

  /** Runs batches until nothing is due (tests and shutdown). */
  async drain(maxBatches = 100): Promise<number> {
    return (await this.rounds(maxBatches)).total;
  }

  /** Up to `maxBatches` batches; `idle` when the queue ran dry before the last of them. */
  private async rounds(maxBatches: number): Promise<{ total: number; idle: boolean }> {
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const n = await this.runOnce();
      total += n;
      if (n === 0) return { total, idle: true };
    }
    return { total, idle: false };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      let idle = true;
      try {
        const round = this.rounds(10);
        this.running = round;
        idle = (await round).idle;
      } catch {
        // database briefly unavailable: try again on the next tick
      } finally {
        this.running = null;
        // work still due goes on at once (after other events had their turn); only an empty
        // queue waits for the poll interval, which had capped a busy node at 10 batches per poll
        if (!this.stopped) this.timer = setTimeout(tick, idle ? this.opts.pollMs : 0);
      }
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) await this.running.catch(() => undefined);
  }
}
