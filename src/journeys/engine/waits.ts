import type { Services } from '../../services.js';
import type { JobHandler } from '../../jobs/queue.js';
import { handleJob } from '../../jobs/typed.js';
import type { Executor } from '../../db/database.js';
import { parseFlow, saveMove } from './flows.js';
import type { Journey } from './types.js';

export type Resumed = 'moved' | 'ignored';

/** The flow, if it waits in `state` now (locked when read in a transaction with `lock`). */
async function waiting<D>(
  s: Services,
  journey: Journey<D>,
  db: Executor,
  flowId: string,
  state: string,
  lock: boolean,
) {
  let q = db.selectFrom('flows').selectAll().where('id', '=', flowId).where('kind', '=', journey.kind);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && row.state === state ? parseFlow(s, journey, row) : null;
}

/**
 * Moves a waiting flow on an event (a job's result, a gateway's callback): the wait's `check`
 * first, outside any transaction, then `handle` and the move in one transaction with the flow row
 * locked. An event for a flow that has moved on (a repeat, a late one, another state's) changes
 * nothing, so callers may deliver at least once.
 */
export async function resume<D>(
  s: Services,
  journey: Journey<D>,
  flowId: string,
  state: string,
  event: unknown,
  attempt = 1,
): Promise<Resumed> {
  const wait = journey.waits?.[state];
  if (!wait) throw new Error(`${journey.kind} does not wait in ${state}`);
  let checked: unknown = undefined;
  if (wait.check) {
    const before = await waiting(s, journey, s.db, flowId, state, false);
    if (!before) return 'ignored';
    checked = await wait.check({ s, attempt }, before, event);
  }
  return s.db.transaction().execute(async (trx) => {
    const flow = await waiting(s, journey, trx, flowId, state, true);
    if (!flow) return 'ignored';
    const move = await wait.handle({ s, trx }, flow, event, checked);
    if (!move.ok) return 'ignored';
    if (!wait.next.includes(move.state)) throw new Error(`${journey.kind}: ${state} moved to undeclared ${move.state}`);
    const saved = await saveMove(trx, s, journey, flow, { state: move.state, data: move.data });
    return saved ? 'moved' : 'ignored';
  });
}

/** The worker's handlers for every state a journey waits in. */
export function waitHandlers<D>(s: Services, journey: Journey<D>): Record<string, JobHandler> {
  const out: Record<string, JobHandler> = {};
  for (const [state, wait] of Object.entries(journey.waits ?? {})) {
    out[wait.job.queue] = handleJob(wait.job, async (payload, ctx) => {
      await resume(s, journey, payload.flowId, state, payload, ctx.attempt);
    });
  }
  return out;
}
