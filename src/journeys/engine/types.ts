import type { z } from 'zod';
import type { Services } from '../../services.js';
import type { Tx } from '../../db/database.js';
import type { FieldError } from '../../errors/catalogue.js';
import type { Limits } from '../../config.js';
import type { Html } from '../../web/jsx.js';
import type { JobType } from '../../jobs/typed.js';

export type { Access, Principal } from '../../identity/principal.js';
import type { Access, Principal } from '../../identity/principal.js';

export interface StepContext {
  s: Services;
  principal: Principal;
  ip: string;
}

export interface TxContext extends StepContext {
  /**
   * The submit's transaction: codes, SMS and jobs written here commit with the flow's move. Read
   * through it too: on embedded PGlite there is one connection, so `s.db` would wait for ever.
   */
  trx: Tx;
  /** The flow's id, known before the first step creates it (a code sent there can name it). */
  flowId: string;
}

/** A flow as a step sees it: its data already parsed by the journey's schema. */
export interface JourneyFlow<D> {
  id: string;
  kind: string;
  state: string;
  data: D;
  accountId: string | null;
  expiresAt: Date;
  version: number;
}

export type Prepared<P> = { ok: true; value: P } | { ok: false; errors: FieldError[] };
/**
 * A step's answer: where the flow goes now, with which data; or what is wrong. `fresh` starts a
 * new flow for the same client at that state instead of moving this one (e.g. another person's
 * national code typed on a first step reached again by «مرحله قبل»); the old flow is left to expire.
 */
export type Move<D> = { ok: true; state: string; data: D; fresh?: true } | { ok: false; errors: FieldError[] };

/** Who asks for a step's facts: the page (which may need e.g. a captcha image) or the JSON API. */
export type Face = 'page' | 'api';

/** A form is strings only: each step's zod object names its fields and bounds their length. */
export type FormShape = Record<string, z.ZodType<string | undefined>>;
export type FormInput<S extends FormShape> = { [K in keyof S]: string };

export interface StepView<D> {
  s: Services;
  flow: JourneyFlow<D> | null;
  values: Record<string, string>;
  errors: FieldError[];
  /** What the step's `load` returned (e.g. the resend countdown). */
  extra: Record<string, unknown>;
  /** Where this step's form and its actions post. */
  action: string;
  csrf: string;
}

export interface ActionDef<D> {
  /** OpenAPI summary. */
  summary: string;
  run: (ctx: TxContext, flow: JourneyFlow<D>) => Promise<Move<D>>;
}

/** Words on a page: fixed, or chosen by the flow (null on a first step not yet taken). */
export type Label<D> = string | ((flow: JourneyFlow<D> | null) => string);
export const labelOf = <D>(l: Label<D> | undefined, flow: JourneyFlow<D> | null): string =>
  typeof l === 'function' ? l(flow) : (l ?? '');

export interface StepDef<D, S extends FormShape = FormShape, P = unknown> {
  key: string;
  /**
   * The stepper's label for this step. Steps with the same label share one place (a code step
   * belongs to the stage of the number it confirms); a step without one (a choice made before the
   * journey proper) shows no stepper.
   */
  stage?: Label<D>;
  title: Label<D>;
  /** One schema for the HTML form, the JSON API and the OpenAPI document. */
  input: z.ZodObject<S>;
  /** Fields never kept in drafts nor shown again (passwords, codes, answers). */
  secret?: readonly (keyof S & string)[];
  /** Every state a submit may move to: checked at run time, drawn in the state diagram. */
  next: readonly string[];
  /** Outside any transaction: validation and registry look-ups (slow calls hold no connection). */
  prepare?: (ctx: StepContext, flow: JourneyFlow<D> | null, input: FormInput<S>) => Promise<Prepared<P>>;
  /**
   * In the submit's transaction; the engine saves the move in the same transaction. A refusal
   * (`ok: false`) commits what the step wrote, so a wrong guess stays counted: check before writing.
   */
  commit: (ctx: TxContext, flow: JourneyFlow<D> | null, input: FormInput<S>, prepared: P) => Promise<Move<D>>;
  /** «مرحله قبل»: where it leads and what going back clears. */
  back?: { to: string; label?: string; clear?: (data: D) => D };
  /** Extra buttons that act on the flow without submitting the form (e.g. resend a code). */
  actions?: Record<string, ActionDef<D>>;
  /** What the form shows when nothing was typed yet (e.g. the number chosen before going back). */
  prefill?: (flow: JourneyFlow<D>) => Record<string, string>;
  /**
   * Facts the page and the API show beside the form (flow is null on a first step not yet taken);
   * `face` lets a step issue what only a page draws (a captcha image), never for the API.
   */
  load?: (ctx: StepContext, flow: JourneyFlow<D> | null, face: Face) => Promise<Record<string, unknown>>;
  /**
   * What the page shows about refused input it may not echo (e.g. a refused password's strength
   * and broken rules); kept with the errors for the GET, merged into the view's `extra`.
   */
  refusal?: (input: FormInput<S>, errors: FieldError[]) => Record<string, unknown> | undefined;
  /** The submit button's words; false when the body brings its own buttons (e.g. a choice of cards). */
  primary?: string | false;
  /** How long the flow stays readable at this step (defaults to the journey's lifetime). */
  ttlMs?: (limits: Limits) => number;
  /** The fields, inside the step's form (the engine adds CSRF, the buttons and the frame). */
  body: (v: StepView<D>) => Html;
  /** After the form: e.g. the resend button, a form of its own posting `_action`. */
  after?: (v: StepView<D>) => Html;
}

/**
 * A state that waits for the world: a background job or an external callback (a registry
 * outcome, a payment verified). Handled in one transaction; when the flow is no longer in this
 * state (a repeated or late event) it is a no-op.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface WaitDef<D, P = any, C = any> {
  /** The job that brings the event; its payload names the flow (`flowId`). */
  job: JobType<P & { flowId: string }>;
  next: readonly string[];
  /**
   * Outside any transaction, before the flow is locked: the slow part (a registry, a payment
   * gateway's verify), so it holds no connection. Its answer goes to `handle`; it may throw
   * RetryLater to be run again (`attempt` counts the job's runs).
   */
  check?: (ctx: { s: Services; attempt: number }, flow: JourneyFlow<D>, event: P) => Promise<C>;
  /** The move the event brings; a refusal (`ok: false`) leaves the flow waiting where it is. */
  handle: (ctx: { s: Services; trx: Tx }, flow: JourneyFlow<D>, event: P, checked: C) => Promise<Move<D>>;
  /** How long a flow may wait here (default: the journey's lifetime), e.g. as long as its request. */
  ttlMs?: (limits: Limits) => number;
  /** The page shown while waiting (it says what is being waited for and what to do). */
  title: string;
  body: (flow: JourneyFlow<D>, s: Services) => Html;
  /** What the JSON API's `view` holds while waiting (e.g. how the app sends the person to a gateway). */
  view?: (flow: JourneyFlow<D>) => Record<string, unknown>;
}

export interface EndDef<D> {
  state: string;
  /** Where the browser goes when the journey ends here; without it, `page` is shown. */
  redirect?: (flow: JourneyFlow<D>) => string;
  /** The end page (at `${basePath}/${state}?flow=…`): what happened and the way on. */
  page?: { title: string; body: (flow: JourneyFlow<D>, s: Services) => Html };
  /** How long the ended flow stays readable (defaults to the journey's lifetime). */
  ttlMs?: (limits: Limits) => number;
  /** What the JSON API's `view` holds at this end (what the end page tells a person). */
  view?: (flow: JourneyFlow<D>) => Record<string, unknown>;
}

export interface Journey<D> {
  kind: string;
  title: string;
  /** The pages' main heading, when the flow words it (e.g. by the kind of person); default `title`. */
  heading?: (flow: JourneyFlow<D> | null) => string;
  /** Pages live under it: `${basePath}` is the first step, `${basePath}/${step}?flow=…` the others. */
  basePath: string;
  /** The JSON API's prefix, e.g. `/api/v1/account/mobile`. */
  apiPath: string;
  apiTag: string;
  access: Access;
  ttlMs: (limits: Limits) => number;
  /** Parsed on every load: a row that does not parse is a lost flow ("start again"), never a 500. */
  data: z.ZodType<D>;
  /** The data of a flow that has not passed its first step (it exists to hold that step's errors). */
  initial: () => D;
  /** In order; the first one starts the flow (it has no flow yet). */
  steps: readonly StepDef<D, any, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  /**
   * The steps a person may open and submit now, in order (default: only the current one). A
   * journey that lets people go back over steps already taken («ویرایش» on a review, a second
   * tab) lists them here; a visit to any other step lands on the last of them.
   */
  open?: (flow: JourneyFlow<D>) => readonly string[];
  ends: readonly EndDef<D>[];
  /** States that wait for a job or a callback, with what moves them on. */
  waits?: Readonly<Record<string, WaitDef<D>>>;
  /**
   * A failed first step keeps its errors in a short-lived sealed cookie instead of a new flow row
   * (engine/start-cookie.ts): nothing is stored until the first step passes, so a bot failing a
   * captcha leaves nothing behind. For anonymous journeys anyone can post.
   */
  rowlessStart?: boolean;
}

/** Keeps a journey's data type when it is declared (steps stay checked against it). */
export function defineJourney<D>(j: Journey<D>): Journey<D> {
  return j;
}

export function defineStep<D, S extends FormShape, P = undefined>(step: StepDef<D, S, P>): StepDef<D, S, P> {
  return step;
}
