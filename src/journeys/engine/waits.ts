import type { Services } from '../../services.js';
import type { JobHandler } from '../../jobs/queue.js';
import { handleJob } from '../../jobs/typed.js';
import { parseFlow, saveMove } from './flows.js';
import type { Journey } from './types.js';

export type Resumed = 'moved' | 'ignored';

/**
 * Moves a waiting flow on an event (a job's result, a gateway's callback), in one transaction with
 * the flow row locked. An event for a flow that has moved on (a repeat, a late one, another
 * state's) changes nothing, so callers may deliver at least once.
 */
export async function resume<D>(
  s: Services,
  journey: Journey<D>,
  flowId: string,
  state: string,
  event: unknown,
): Promise<Resumed> {
  const wait = journey.waits?.[state];
  if (!wait) throw new Error(`${journey.kind} does not wait in ${state}`);
  return s.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('flows')
      .selectAll()
      .where('id', '=', flowId)
      .where('kind', '=', journey.kind)
      .forUpdate()
      .executeTakeFirst();
    if (!row || row.state !== state) return 'ignored';
    const flow = parseFlow(s, journey, row);
    if (!flow) return 'ignored';
    const move = await wait.handle({ s, trx }, flow, event);
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
    out[wait.job.queue] = handleJob(wait.job, async (payload) => {
      await resume(s, journey, payload.flowId, state, payload);
    });
  }
  return out;
}
