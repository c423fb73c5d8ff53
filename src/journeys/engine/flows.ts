import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import type { Selectable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { FieldError } from '../../errors/catalogue.js';
import { addMs } from '../../clock.js';
import { isUuid } from '../../security/captcha-service.js';
import { cookieOptions } from '../../web/http.js';
import type { Journey, JourneyFlow } from './types.js';

/**
 * A flow belongs to the browser or app that started it: the row keeps the SHA-256 of a secret
 * only that client holds (the `hv_client` cookie for pages, a flow token for the API), so a flow
 * id alone, seen in a log or over a shoulder, opens nothing.
 */
export const CLIENT_COOKIE = 'hv_client';
export const FLOW_TOKEN_HEADER = 'x-flow-token';

export const hashClient = (secret: string) => createHash('sha256').update(secret).digest('hex');
export const newClientSecret = () => randomBytes(32).toString('base64url');

/** This browser's secret, set on its first journey page. */
export function browserSecret(s: Services, req: FastifyRequest, reply: FastifyReply): string {
  let value = req.cookies[CLIENT_COOKIE];
  if (!value || !/^[\w-]{20,64}$/.test(value)) {
    value = newClientSecret();
    req.cookies[CLIENT_COOKIE] = value;
    reply.setCookie(CLIENT_COOKIE, value, cookieOptions(s, 30 * 24 * 3600));
  }
  return value;
}

export function apiSecret(req: FastifyRequest): string | undefined {
  const v = req.headers[FLOW_TOKEN_HEADER];
  return typeof v === 'string' && v.length <= 128 ? v : undefined;
}

/** A failed submit's errors and what was typed (never secrets), and drafts kept by «مرحله قبل». */
export interface FormState {
  errors?: { step: string; list: FieldError[]; values: Record<string, string>; facts?: Record<string, unknown> };
  drafts?: Record<string, Record<string, string>>;
}

export interface Loaded<D> {
  flow: JourneyFlow<D>;
  form: FormState;
}

export type LoadOutcome<D> = ({ ok: true } & Loaded<D>) | { ok: false; reason: 'not_found' | 'expired' };

export async function loadJourneyFlow<D>(
  s: Services,
  journey: Journey<D>,
  id: unknown,
  secret: string | undefined,
  db: Executor = s.db,
): Promise<LoadOutcome<D>> {
  if (typeof id !== 'string' || !isUuid(id) || !secret) return { ok: false, reason: 'not_found' };
  const row = await db
    .selectFrom('flows')
    .selectAll()
    .where('id', '=', id)
    .where('kind', '=', journey.kind)
    .executeTakeFirst();
  // another client's flow is, to this client, no flow at all
  if (!row || row.client_hash !== hashClient(secret)) return { ok: false, reason: 'not_found' };
  if (row.expires_at <= s.clock.now()) return { ok: false, reason: 'expired' };
  const flow = parseFlow(s, journey, row);
  if (!flow) return { ok: false, reason: 'not_found' };
  return {
    ok: true,
    flow,
    form: (row.form_state as FormState | null) ?? {},
  };
}

type FlowRow = Selectable<DB['flows']>;

/** A row as a step sees it, its data parsed by the journey's schema (null: it does not parse). */
export function parseFlow<D>(s: Services, journey: Journey<D>, row: FlowRow): JourneyFlow<D> | null {
  const data = journey.data.safeParse(row.data);
  if (!data.success) {
    s.log.warn({ kind: journey.kind, issues: data.error.issues.length }, 'flow data did not parse');
    return null;
  }
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    data: data.data,
    accountId: row.account_id,
    expiresAt: row.expires_at,
    version: row.version,
  };
}

function ttlOf<D>(s: Services, journey: Journey<D>, state: string): number {
  const own =
    journey.ends.find((e) => e.state === state)?.ttlMs ??
    journey.waits?.[state]?.ttlMs ??
    journey.steps.find((st) => st.key === state)?.ttlMs;
  return (own ?? journey.ttlMs)(s.config.limits);
}

export async function createJourneyFlow<D>(
  db: Executor,
  s: Services,
  journey: Journey<D>,
  p: { id?: string; state: string; data: D; accountId: string | null; secret: string; form?: FormState },
): Promise<JourneyFlow<D>> {
  const now = s.clock.now();
  const row = await db
    .insertInto('flows')
    .values({
      id: p.id ?? randomUUID(),
      kind: journey.kind,
      state: p.state,
      data: JSON.stringify(p.data),
      account_id: p.accountId,
      client_hash: hashClient(p.secret),
      form_state: p.form ? JSON.stringify(p.form) : null,
      expires_at: addMs(now, ttlOf(s, journey, p.state)),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    kind: row.kind,
    state: p.state,
    data: p.data,
    accountId: p.accountId,
    expiresAt: row.expires_at,
    version: row.version,
  };
}

/**
 * Saves a move if nobody moved the flow meanwhile (another tab or node): null means conflict.
 * Each save extends the flow's life, and replaces the form state (errors are shown once per submit).
 */
export async function saveMove<D>(
  db: Executor,
  s: Services,
  journey: Journey<D>,
  flow: JourneyFlow<D>,
  move: { state: string; data: D; form?: FormState },
): Promise<JourneyFlow<D> | null> {
  const now = s.clock.now();
  const row = await db
    .updateTable('flows')
    .set({
      state: move.state,
      data: JSON.stringify(move.data),
      form_state: move.form ? JSON.stringify(move.form) : null,
      version: flow.version + 1,
      expires_at: addMs(now, ttlOf(s, journey, move.state)),
      updated_at: now,
    })
    .where('id', '=', flow.id)
    .where('version', '=', flow.version)
    .returning(['version', 'expires_at'])
    .executeTakeFirst();
  return row ? { ...flow, state: move.state, data: move.data, version: row.version, expiresAt: row.expires_at } : null;
}

/** Records a failed submit on the flow, only if the flow has not moved meanwhile (false: it has). */
export async function saveFormState<D>(db: Executor, flow: JourneyFlow<D>, form: FormState): Promise<boolean> {
  const r = await db
    .updateTable('flows')
    .set({ form_state: JSON.stringify(form) })
    .where('id', '=', flow.id)
    .where('version', '=', flow.version)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
