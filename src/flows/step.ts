import type { Services } from '../services.js';
import type { Executor, Tx } from '../db/database.js';
import { saveFlow, type Flow } from './store.js';
import { fail, fieldError, type StepOutcome } from './outcome.js';

/**
 * Moves a flow to its next state if nobody moved it meanwhile (another tab or node); otherwise the
 * answer is flow.conflict and the caller sends the person to where the flow now is.
 */
export async function moveFlow<D>(
  s: Services,
  flow: Flow<D>,
  state: string,
  data: D,
  db: Executor = s.db,
  ttlMs: number = s.config.limits.flowTtlMs,
): Promise<StepOutcome<D>> {
  const saved = await saveFlow(db, s.clock, flow, { state, data, ttlMs });
  if (!saved) return fail(flow, [fieldError(null, 'flow.conflict')]);
  return { ok: true, flow: saved };
}

/** Thrown inside a step's transaction to roll it back; carries the answer to give instead. */
export class StepRollback<D> extends Error {
  constructor(readonly outcome: StepOutcome<D>) {
    super('step rolled back');
  }
}

/** moveFlow inside a transaction: a conflict rolls back everything the step wrote (codes, SMS, rows). */
export async function moveFlowOrRollback<D>(
  s: Services,
  trx: Tx,
  flow: Flow<D>,
  state: string,
  data: D,
  ttlMs?: number,
) {
  const out = await moveFlow(s, flow, state, data, trx, ttlMs);
  if (!out.ok) throw new StepRollback(out);
  return out;
}

/** Runs a step's writes in one transaction; a StepRollback thrown inside becomes the answer. */
export async function stepTransaction<D>(
  s: Services,
  fn: (trx: Tx) => Promise<StepOutcome<D>>,
): Promise<StepOutcome<D>> {
  try {
    return await s.db.transaction().execute(fn);
  } catch (e) {
    if (e instanceof StepRollback) return e.outcome as StepOutcome<D>;
    throw e;
  }
}
