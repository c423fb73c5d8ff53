import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../../web/jsx.js';
import type { Services } from '../../services.js';
import { Layout } from '../../web/components/layout.js';
import { CsrfField, ErrorSummary, Stepper } from '../../web/components/form.js';
import { MessagePage, sendFlowLost } from '../../web/pages/common.js';
import { allowed } from '../../identity/principal.js';
import { clientIp, csrfToken, csrfValid, formBody, seeOther, sendHtml } from '../../web/http.js';
import { requireAccount, type SignedIn } from '../../web/session.js';
import { ui } from '../../phrases/ui.js';
import { fieldError } from '../../flows/outcome.js';
import { fieldErrorsStatus } from '../../api/define.js';
import { browserSecret, CLIENT_COOKIE, loadJourneyFlow, type FormState } from './flows.js';
import {
  act,
  back,
  belongsTo,
  failureOf,
  findStep,
  keptValues,
  openSteps,
  rememberFailure,
  startFailed,
  submit,
} from './run.js';
import { keepStartFailure, takeStartFailure } from './start-cookie.js';
import { labelOf, type Journey, type JourneyFlow, type Principal, type StepDef, type StepView } from './types.js';
import type { FieldError } from '../../errors/catalogue.js';

/**
 * The HTML face of every journey: one set of routes and one page frame (layout, stepper, error
 * summary, CSRF, buttons). Every POST answers with a redirect, errors included: they and what was
 * typed wait in the flow row for the GET, so Back and refresh never resubmit a form.
 */
/** `_action` of a button that shows the page again keeping what was typed (e.g. a new captcha image). */
export const REFRESH = 'new_captcha';

/**
 * The status of a page that shows a failed submit: 400 (the person has something to put right),
 * or, when the fault is ours or a registry's, the same 5xx the API answers for those errors.
 */
export function shownStatus(errors: readonly FieldError[]): number {
  if (!errors.length) return 200;
  const api = fieldErrorsStatus([...errors]);
  return api >= 500 ? api : 400;
}

export function registerJourneyPages<D>(app: FastifyInstance, s: Services, journey: Journey<D>): void {
  const base = journey.basePath;
  const first = journey.steps[0]!;
  const stepUrl = (flow: JourneyFlow<D>, step: string) => `${base}/${step}?flow=${flow.id}`;
  const landing = (flow: JourneyFlow<D>) => {
    const end = journey.ends.find((e) => e.state === flow.state);
    return end?.redirect ? end.redirect(flow) : stepUrl(flow, flow.state);
  };
  const heading = (flow: JourneyFlow<D> | null) => (journey.heading ? journey.heading(flow) : journey.title);
  /** Where a visit to a step that is not open goes: the furthest open step, or the flow's own page. */
  const furthest = (flow: JourneyFlow<D>) => {
    const last = openSteps(journey, flow).at(-1);
    return last ? stepUrl(flow, last) : landing(flow);
  };

  /** The principal, or null after sending the person where they must go first (login, or a refusal). */
  async function who(req: FastifyRequest, reply: FastifyReply): Promise<{ p: Principal; me?: SignedIn } | null> {
    if (journey.access === 'anonymous') return { p: { kind: 'anonymous' } };
    const me = await requireAccount(s, req, reply);
    if (!me) return null;
    if (!allowed(journey.access, me.principal)) {
      await sendHtml(
        reply,
        MessagePage({ title: journey.title, code: 'session.forbidden', devTools: s.config.devTools }),
        403,
      );
      return null;
    }
    return { p: me.principal, me };
  }

  async function render(
    req: FastifyRequest,
    reply: FastifyReply,
    step: StepDef<D>,
    flow: JourneyFlow<D> | null,
    form: FormState,
    who: { p: Principal; me?: SignedIn | undefined },
  ) {
    const shown = form.errors?.step === step.key ? form.errors : undefined;
    const csrf = csrfToken(s, req, reply);
    const ctx = { s, principal: who.p, ip: clientIp(req) };
    const view: StepView<D> = {
      s,
      flow,
      values: shown?.values ?? form.drafts?.[step.key] ?? (flow && step.prefill ? step.prefill(flow) : {}),
      errors: shown?.list ?? [],
      extra: { ...(step.load ? await step.load(ctx, flow, 'page') : {}), ...shown?.facts },
      action: flow ? stepUrl(flow, step.key) : base,
      csrf,
    };
    const signedIn = who.me ? { name: `${who.me.account.first_name} ${who.me.account.last_name}`, csrf } : undefined;
    const title = labelOf(step.title, flow);
    // one place in the stepper per stage label, in the steps' order (alternatives share a label)
    const stage = labelOf(step.stage, flow);
    const stages = stage ? [...new Set(journey.steps.map((st) => labelOf(st.stage, flow)).filter(Boolean))] : [];
    const stepper = { steps: stages.map((label) => ({ key: label, label })), current: stage };
    return sendHtml(
      reply,
      <Layout title={`${journey.title}: ${title}`} devTools={s.config.devTools} signedIn={signedIn}>
        <h1>{heading(flow)}</h1>
        {stepper.steps.length > 1 ? <Stepper steps={stepper.steps} current={stepper.current} /> : null}
        <h2 class="step-title">{title}</h2>
        <ErrorSummary errors={view.errors} />
        <form method="post" action={view.action} novalidate autocomplete="off">
          <CsrfField token={csrf} />
          {step.body(view)}
          {step.primary === false && !step.back ? null : (
            <div class="actions">
              {step.primary === false ? null : (
                <button type="submit" class="button">
                  {step.primary ?? ui.next}
                </button>
              )}
              {step.back ? (
                <button type="submit" name="_action" value="back" class="button button--secondary" formnovalidate>
                  {step.back.label ?? ui.previous}
                </button>
              ) : null}
            </div>
          )}
        </form>
        {step.after ? step.after(view) : null}
      </Layout>,
      shownStatus(view.errors),
    );
  }

  const lost = (reply: FastifyReply, reason: 'not_found' | 'expired') =>
    sendFlowLost(s, reply, reason, { title: journey.title, startUrl: base });

  app.get(base, async (req, reply) => {
    const w = await who(req, reply);
    if (!w) return reply;
    const failed = journey.rowlessStart ? takeStartFailure(s, journey, req, reply) : null;
    // a link may fill the first step's non-secret fields (e.g. a broker's `?channel=`)
    const linked = keptValues(first, (req.query ?? {}) as Record<string, unknown>);
    return render(req, reply, first, null, failed ? { errors: failed } : { drafts: { [first.key]: linked } }, w);
  });

  app.post(base, async (req, reply) => {
    const w = await who(req, reply);
    if (!w) return reply;
    const body = formBody(req);
    const ctx = { s, principal: w.p, ip: clientIp(req), secret: browserSecret(s, req, reply) };
    const errors = csrfValid(s, req, body) ? null : [fieldError(null, 'csrf.invalid')];
    const refresh = body._action === REFRESH;
    const out = errors || refresh ? null : await submit(s, journey, first, null, body, ctx);
    if (out?.ok) return seeOther(reply, landing(out.flow));
    const failed = errors ?? (out && !out.ok ? out.errors : []);
    if (journey.rowlessStart) {
      keepStartFailure(s, journey, reply, failureOf(first, body, failed));
      return seeOther(reply, base);
    }
    const flow = await startFailed(s, journey, body, failed, ctx);
    return seeOther(reply, stepUrl(flow, first.key));
  });

  app.get<{ Params: { step: string }; Querystring: { flow?: string } }>(`${base}/:step`, async (req, reply) => {
    const w = await who(req, reply);
    if (!w) return reply;
    // a step's address without its flow (a bookmark, a link copied short) leads to the start
    if (req.query.flow === undefined) return seeOther(reply, base);
    const loaded = await loadJourneyFlow(s, journey, req.query.flow, req.cookies[CLIENT_COOKIE]);
    if (!loaded.ok || !belongsTo(journey, loaded.flow, w.p))
      return lost(reply, loaded.ok ? 'not_found' : loaded.reason);
    const { flow, form } = loaded;
    const open = openSteps(journey, flow).includes(req.params.step) ? findStep(journey, req.params.step) : undefined;
    if (open) return render(req, reply, open, flow, form, w);
    if (req.params.step !== flow.state) return seeOther(reply, furthest(flow));
    const end = journey.ends.find((e) => e.state === flow.state);
    if (end?.page) {
      return sendHtml(
        reply,
        <Layout title={`${journey.title}: ${end.page.title}`} devTools={s.config.devTools}>
          <h1>{heading(flow)}</h1>
          <h2 class="step-title">{end.page.title}</h2>
          {end.page.body(flow, s)}
        </Layout>,
      );
    }
    if (end) return seeOther(reply, landing(flow));
    const wait = journey.waits?.[flow.state];
    if (wait) {
      return sendHtml(
        reply,
        <Layout title={`${journey.title}: ${wait.title}`} devTools={s.config.devTools}>
          <h1>{heading(flow)}</h1>
          <h2 class="step-title">{wait.title}</h2>
          {wait.body(flow, s)}
        </Layout>,
      );
    }
    return lost(reply, 'not_found');
  });

  app.post<{ Params: { step: string }; Querystring: { flow?: string } }>(`${base}/:step`, async (req, reply) => {
    const w = await who(req, reply);
    if (!w) return reply;
    const loaded = await loadJourneyFlow(s, journey, req.query.flow, req.cookies[CLIENT_COOKIE]);
    if (!loaded.ok || !belongsTo(journey, loaded.flow, w.p))
      return lost(reply, loaded.ok ? 'not_found' : loaded.reason);
    const { flow, form } = loaded;
    const step = findStep(journey, req.params.step);
    // a step that is not open (a second tab, the browser's history): follow the flow
    if (!step || !openSteps(journey, flow).includes(step.key)) return seeOther(reply, furthest(flow));
    const body = formBody(req);
    if (!csrfValid(s, req, body)) {
      await rememberFailure(s, step, flow, form, body, [fieldError(null, 'csrf.invalid')]);
      return seeOther(reply, stepUrl(flow, step.key));
    }
    const ctx = { s, principal: w.p, ip: clientIp(req), secret: browserSecret(s, req, reply) };
    const action = body._action;
    if (action === REFRESH) {
      await rememberFailure(s, step, flow, form, body, []);
      return seeOther(reply, stepUrl(flow, step.key));
    }
    const out =
      action === 'back'
        ? await back(s, journey, step, flow, body, form)
        : action
          ? await act(s, journey, step, action, flow, ctx, form)
          : await submit(s, journey, step, flow, body, ctx, form);
    if (out.ok) return seeOther(reply, landing(out.flow));
    // another tab or node moved the flow while this ran: follow it rather than show a stale error
    if (out.conflict || !(await rememberFailure(s, step, flow, form, body, out.errors))) {
      const fresh = await loadJourneyFlow(s, journey, flow.id, req.cookies[CLIENT_COOKIE]);
      return fresh.ok ? seeOther(reply, landing(fresh.flow)) : lost(reply, fresh.reason);
    }
    return seeOther(reply, stepUrl(flow, step.key));
  });
}
