import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { sendError, sendFieldErrors, type ApiRegistry } from '../../api/define.js';
import { bearerAccount } from '../../api/auth.js';
import { allowed } from '../../identity/principal.js';
import { apiSecret, FLOW_TOKEN_HEADER, loadJourneyFlow, newClientSecret } from './flows.js';
import { act, back, belongsTo, findStep, isEnd, openSteps, submit, type StepResult } from './run.js';
import { labelOf, type Journey, type JourneyFlow, type Principal, type StepContext } from './types.js';

/** What an app sees of any flow; `view` holds the current step's facts (e.g. the resend wait). */
export const flowViewSchema = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.string(),
  ended: z.boolean(),
  expiresAt: z.string(),
  view: z.record(z.string(), z.unknown()),
});

/**
 * The JSON face of a journey: the same steps, schemas and runner as the pages. The first step
 * answers with a flow token; every later call sends it as `X-Flow-Token` (a flow id alone opens
 * nothing). Citizen journeys also need the bearer session.
 */
export function registerJourneyApi<D>(api: ApiRegistry, s: Services, journey: Journey<D>): void {
  const base = journey.apiPath;
  const first = journey.steps[0]!;
  const auth = journey.access === 'anonymous' ? {} : { auth: 'bearer' as const };
  const codes = {
    400: 'Field errors',
    401: 'Not signed in',
    404: 'No such flow (or not this client’s)',
    409: 'Wrong step or conflict',
    410: 'Expired',
    429: 'Too many attempts',
  };

  async function principal(req: FastifyRequest, reply: FastifyReply): Promise<Principal | null> {
    if (journey.access === 'anonymous') return { kind: 'anonymous' };
    const me = await bearerAccount(s, req);
    if (!me) {
      await sendError(reply, 'session.required');
      return null;
    }
    if (!allowed(journey.access, me.session.principal)) {
      await sendError(reply, 'session.forbidden');
      return null;
    }
    return me.session.principal;
  }

  /** A step's loader, or a wait's or an end's own `view`: what the page would tell the person. */
  async function facts(flow: JourneyFlow<D>, ctx: StepContext): Promise<Record<string, unknown>> {
    const step = findStep(journey, flow.state);
    if (step?.load) return step.load(ctx, flow, 'api');
    const other = journey.waits?.[flow.state] ?? journey.ends.find((e) => e.state === flow.state);
    return other?.view?.(flow) ?? {};
  }

  async function view(flow: JourneyFlow<D>, ctx: StepContext) {
    return {
      id: flow.id,
      kind: flow.kind,
      state: flow.state,
      ended: isEnd(journey, flow.state),
      expiresAt: flow.expiresAt.toISOString(),
      view: await facts(flow, ctx),
    };
  }

  const answer = async (reply: FastifyReply, out: StepResult<D>, ctx: StepContext, status = 200) =>
    out.ok
      ? reply.code(status).send({ flow: await view(out.flow, ctx) })
      : sendFieldErrors(reply, out.errors, out.flow ? { flow: await view(out.flow, ctx) } : {});

  /** The flow named in the path, for this client; or null after answering 404/410. */
  async function bound(req: FastifyRequest, reply: FastifyReply, p: Principal) {
    const loaded = await loadJourneyFlow(s, journey, (req.params as { flowId?: string }).flowId, apiSecret(req));
    if (loaded.ok && belongsTo(journey, loaded.flow, p)) return loaded;
    await sendError(reply, !loaded.ok && loaded.reason === 'expired' ? 'flow.expired' : 'flow.not_found');
    return null;
  }

  api.add({
    method: 'POST',
    path: base,
    summary: `${journey.title}: ${labelOf(first.title, null)} (starts the flow; answers the flow token)`,
    tag: journey.apiTag,
    body: first.input,
    ...auth,
    responses: { 201: 'Flow started', ...codes },
    responseSchema: z.object({ flow: flowViewSchema, flowToken: z.string() }),
    handler: async (req, reply, body) => {
      const p = await principal(req, reply);
      if (!p) return reply;
      const secret = newClientSecret();
      const ctx = { s, principal: p, ip: req.ip || 'unknown' };
      const out = await submit(s, journey, first, null, body as Record<string, unknown>, { ...ctx, secret });
      if (!out.ok) return answer(reply, out, ctx);
      return reply.code(201).send({ flow: await view(out.flow, ctx), flowToken: secret });
    },
  });

  api.add({
    method: 'GET',
    path: `${base}/{flowId}`,
    summary: `${journey.title}: read the flow (send ${FLOW_TOKEN_HEADER})`,
    tag: journey.apiTag,
    ...auth,
    responses: { 200: 'The flow', 401: codes[401], 404: codes[404], 410: codes[410] },
    responseSchema: z.object({ flow: flowViewSchema }),
    handler: async (req, reply) => {
      const p = await principal(req, reply);
      if (!p) return reply;
      const loaded = await bound(req, reply, p);
      if (!loaded) return reply;
      return reply.send({ flow: await view(loaded.flow, { s, principal: p, ip: req.ip || 'unknown' }) });
    },
  });

  for (const step of journey.steps) {
    const run = (name: string, summary: string, body: z.ZodType | undefined, fn: typeof submit | null) =>
      api.add({
        method: 'POST',
        path: `${base}/{flowId}/${name}`,
        summary: `${journey.title}: ${summary}`,
        tag: journey.apiTag,
        ...(body ? { body } : {}),
        ...auth,
        responses: { 200: 'Accepted', ...codes },
        responseSchema: z.object({ flow: flowViewSchema }),
        handler: async (req, reply, input) => {
          const p = await principal(req, reply);
          if (!p) return reply;
          const loaded = await bound(req, reply, p);
          if (!loaded) return reply;
          const { flow, form } = loaded;
          const ctx = { s, principal: p, ip: req.ip || 'unknown' };
          if (!openSteps(journey, flow).includes(step.key)) return sendError(reply, 'flow.wrong_step', {}, 409);
          const out = fn
            ? await fn(
                s,
                journey,
                step,
                flow,
                (input ?? {}) as Record<string, unknown>,
                { ...ctx, secret: apiSecret(req) ?? '' }, // a `fresh` move binds its new flow to the same token
                form,
              )
            : name.endsWith('/back')
              ? await back(s, journey, step, flow, {}, form)
              : await act(s, journey, step, name.split('/').pop()!, flow, ctx, form);
          if (!out.ok && out.conflict) return sendError(reply, 'flow.conflict', {}, 409);
          return answer(reply, out, ctx);
        },
      });
    run(step.key, labelOf(step.title, null), step.input, submit);
    for (const [name, action] of Object.entries(step.actions ?? {}))
      run(`${step.key}/${name}`, action.summary, undefined, null);
    if (step.back) run(`${step.key}/back`, `back from ${step.key} to ${step.back.to}`, undefined, null);
  }
}
