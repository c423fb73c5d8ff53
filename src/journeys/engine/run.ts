import { randomUUID } from 'node:crypto';
import type { Services } from '../../services.js';
import type { FieldError } from '../../errors/catalogue.js';
import { cutText, fieldError } from '../../flows/outcome.js';
import { createJourneyFlow, saveFormState, saveMove, type FormState } from './flows.js';
import type { Journey, JourneyFlow, Move, Principal, StepContext, StepDef, TxContext } from './types.js';

/**
 * What pages and the API share: parse a step's input with its one schema, run it (prepare outside,
 * commit inside one transaction with the flow's save), go back, run an action. One place, so the
 * two faces cannot disagree.
 */

type AnyStep<D> = Journey<D>['steps'][number];

export type StepResult<D> =
  | { ok: true; flow: JourneyFlow<D> }
  | { ok: false; errors: FieldError[]; flow: JourneyFlow<D> | null; conflict?: true };

export function findStep<D>(journey: Journey<D>, key: string): AnyStep<D> | undefined {
  return journey.steps.find((st) => st.key === key);
}

export const isEnd = <D>(journey: Journey<D>, state: string) => journey.ends.some((e) => e.state === state);

/**
 * The steps a GET or a submit may reach now (see `Journey.open`), the current one always among
 * them; a wait or an end opens none.
 */
export function openSteps<D>(journey: Journey<D>, flow: JourneyFlow<D>): readonly string[] {
  if (isEnd(journey, flow.state) || journey.waits?.[flow.state]) return [];
  const open = journey.open?.(flow) ?? [];
  return open.includes(flow.state) ? open : [...open, flow.state];
}

/**
 * What a move keeps of the form state: no errors (they were shown), and the drafts «مرحله قبل»
 * kept of other steps, so going forward again finds them; the step just taken holds its data now.
 */
function keptForm(form: FormState | undefined, taken: string | null): FormState | undefined {
  const drafts = { ...(form?.drafts ?? {}) };
  if (taken) delete drafts[taken];
  return Object.keys(drafts).length ? { drafts } : undefined;
}

/** What input handling needs of a step: its schema and its secret fields. */
type InputOf = Pick<StepDef<unknown>, 'input' | 'secret'>;

/** Form and JSON input alike: every field of the schema as a string ('' when missing). */
function shapeOf(step: InputOf, raw: Record<string, unknown>): Record<string, string> {
  const shaped: Record<string, string> = {};
  for (const key of Object.keys(step.input.shape)) {
    const v = raw[key];
    shaped[key] = typeof v === 'string' ? v : '';
  }
  return shaped;
}

export function parseInput(
  step: InputOf,
  raw: Record<string, unknown>,
): { ok: true; input: Record<string, string> } | { ok: false; errors: FieldError[] } {
  const parsed = step.input.safeParse(shapeOf(step, raw));
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))];
    return { ok: false, errors: fields.map((f) => fieldError(f || null, 'request.invalid')) };
  }
  return { ok: true, input: parsed.data as Record<string, string> };
}

/** What may be shown again or drafted: the schema's fields minus the secret ones. */
export function keptValues(step: InputOf, raw: Record<string, unknown>): Record<string, string> {
  const secret = new Set<string>(step.secret ?? []);
  const out: Record<string, string> = {};
  for (const key of Object.keys(step.input.shape)) {
    const v = raw[key];
    // cut whole characters: half of a surrogate pair is refused by jsonb
    if (!secret.has(key) && typeof v === 'string') out[key] = cutText(v, 500);
  }
  return out;
}

/** Only a conflict undoes a step's writes; a refusal (field errors) commits them. */
class Rollback extends Error {
  constructor(readonly errors: FieldError[]) {
    super('rolled back');
  }
}

/** A refused move: the transaction commits what the step wrote (a charged guess), the flow stays. */
class Kept {
  constructor(readonly errors: FieldError[]) {}
}

/** Runs a step's work and its flow's save in one transaction; a failure is the answer. */
async function inTransaction<D>(
  s: Services,
  fn: (trx: TxContext['trx']) => Promise<JourneyFlow<D> | Kept>,
): Promise<{ ok: true; flow: JourneyFlow<D> } | { ok: false; errors: FieldError[]; conflict?: true }> {
  try {
    const out = await s.db.transaction().execute(fn);
    return out instanceof Kept ? { ok: false, errors: out.errors } : { ok: true, flow: out };
  } catch (e) {
    // only a lost race rolls back: the flow moved meanwhile (another tab or node)
    if (!(e instanceof Rollback)) throw e;
    return { ok: false, errors: e.errors, conflict: true };
  }
}

function checkNext<D>(journey: Journey<D>, step: AnyStep<D>, move: Move<D>): void {
  if (move.ok && !step.next.includes(move.state)) {
    throw new Error(`${journey.kind}/${step.key} moved to undeclared state ${move.state}`);
  }
}

/** Whether a loaded flow is the principal's (a signed-in person's flows are theirs alone). */
export function belongsTo<D>(journey: Journey<D>, flow: JourneyFlow<D>, p: Principal): boolean {
  if (journey.access === 'anonymous') return true;
  return p.kind !== 'anonymous' && flow.accountId === p.accountId;
}

/** The principal's account, for flows that belong to a signed-in person. */
const accountOf = (ctx: StepContext) => (ctx.principal.kind === 'anonymous' ? null : ctx.principal.accountId);

/** Runs one submit. `flow` is null on the first step: a successful first step creates the flow. */
export async function submit<D>(
  s: Services,
  journey: Journey<D>,
  step: AnyStep<D>,
  flow: JourneyFlow<D> | null,
  raw: Record<string, unknown>,
  ctx: StepContext & { secret: string },
  form?: FormState,
): Promise<StepResult<D>> {
  const parsed = parseInput(step, raw);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, flow };
  const prepared = step.prepare ? await step.prepare(ctx, flow, parsed.input) : { ok: true as const, value: undefined };
  if (!prepared.ok) return { ok: false, errors: prepared.errors, flow };
  const flowId = flow?.id ?? randomUUID();
  const out = await inTransaction<D>(s, async (trx) => {
    const move = await step.commit({ ...ctx, trx, flowId }, flow, parsed.input, prepared.value);
    checkNext(journey, step, move);
    // a refusal keeps what the step wrote (a charged guess, a used-up code): only the flow stays put
    if (!move.ok) return new Kept(move.errors);
    if (!flow || move.fresh) {
      return createJourneyFlow(trx, s, journey, {
        id: flow ? randomUUID() : flowId,
        state: move.state,
        data: move.data,
        accountId: accountOf(ctx),
        secret: ctx.secret,
      });
    }
    const next = await saveMove(trx, s, journey, flow, {
      state: move.state,
      data: move.data,
      form: keptForm(form, step.key),
    });
    if (!next) throw new Rollback([fieldError(null, 'flow.conflict')]);
    return next;
  });
  return out.ok ? out : { ...out, flow };
}

/** An extra action of a step (e.g. resend the code), in one transaction with the flow's save. */
export async function act<D>(
  s: Services,
  journey: Journey<D>,
  step: AnyStep<D>,
  name: string,
  flow: JourneyFlow<D>,
  ctx: StepContext,
  form?: FormState,
): Promise<StepResult<D>> {
  const action = step.actions?.[name];
  if (!action) return { ok: false, errors: [fieldError(null, 'request.invalid')], flow };
  const out = await inTransaction<D>(s, async (trx) => {
    const move = await action.run({ ...ctx, trx, flowId: flow.id }, flow);
    if (!move.ok) return new Kept(move.errors);
    if (move.state !== step.key && !step.next.includes(move.state)) {
      throw new Error(`${journey.kind}/${step.key}/${name} moved to undeclared state ${move.state}`);
    }
    const next = await saveMove(trx, s, journey, flow, {
      state: move.state,
      data: move.data,
      form: keptForm(form, null),
    });
    if (!next) throw new Rollback([fieldError(null, 'flow.conflict')]);
    return next;
  });
  return out.ok ? out : { ...out, flow };
}

/** «مرحله قبل»: keeps what was typed on this page (never secrets) as its draft and steps back. */
export async function back<D>(
  s: Services,
  journey: Journey<D>,
  step: AnyStep<D>,
  flow: JourneyFlow<D>,
  raw: Record<string, unknown>,
  form: FormState,
): Promise<StepResult<D>> {
  if (!step.back) return { ok: false, errors: [fieldError(null, 'flow.wrong_step')], flow };
  const drafts = { ...(form.drafts ?? {}), [step.key]: keptValues(step, raw) };
  const data = step.back.clear ? step.back.clear(flow.data) : flow.data;
  const saved = await saveMove(s.db, s, journey, flow, { state: step.back.to, data, form: { drafts } });
  return saved
    ? { ok: true, flow: saved }
    : { ok: false, errors: [fieldError(null, 'flow.conflict')], flow, conflict: true };
}

/**
 * A first step that failed has no flow yet: one is made at that step to hold the errors, so the
 * answer is a redirect like every other (Back and refresh never resubmit).
 */
export async function startFailed<D>(
  s: Services,
  journey: Journey<D>,
  raw: Record<string, unknown>,
  errors: FieldError[],
  ctx: StepContext & { secret: string },
): Promise<JourneyFlow<D>> {
  const first = journey.steps[0]!;
  return createJourneyFlow(s.db, s, journey, {
    state: first.key,
    data: journey.initial(),
    accountId: accountOf(ctx),
    secret: ctx.secret,
    form: { errors: failureOf(first, raw, errors) },
  });
}

/** What a failed submit leaves for the GET: the errors, what may be shown again, the step's facts about it. */
export function failureOf<D>(
  step: AnyStep<D>,
  raw: Record<string, unknown>,
  errors: FieldError[],
): NonNullable<FormState['errors']> {
  const facts = errors.length && step.refusal ? step.refusal(shapeOf(step, raw), errors) : undefined;
  return { step: step.key, list: errors, values: keptValues(step, raw), ...(facts ? { facts } : {}) };
}

/**
 * Keeps a failed submit on the flow, so the answer can be a redirect and Back/refresh stay safe.
 * False: the flow moved meanwhile (another tab or node), and the person should follow it.
 */
export async function rememberFailure<D>(
  s: Services,
  step: AnyStep<D>,
  flow: JourneyFlow<D>,
  form: FormState,
  raw: Record<string, unknown>,
  errors: FieldError[],
): Promise<boolean> {
  return saveFormState(s.db, flow, { ...form, errors: failureOf(step, raw, errors) });
}
