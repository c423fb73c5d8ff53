/**
 * The payment routes: the gateways' callback, the simulator's gateway page, and `sendToGateway`
 * for the journey that starts a payment.
 *
 * The callback comes cross-site (a POST from Mellat's page, a redirect from Zarinpal's), so it
 * carries no session and no CSRF token: the unguessable order id in its path is what names the
 * attempt, and nothing the callback says counts until the gateway confirms it (service.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from '../jsx.js';
import type { Services } from '../../services.js';
import { formBody, seeOther, sendHtml } from '../http.js';
import { contentSecurityPolicy } from '../csp.js';
import type { BrowserInstruction } from '../../registries/payment/port.js';
import { gatewayPage, gatewayPost, type PageAnswer } from '../../registries/payment/sim-page.js';
import { SIMULATOR_PAGE_PATH, simulatorPageDeps } from '../../registries/payment/simulator.js';
import { CALLBACK_PATH } from '../../payments/service.js';
import { toReceipt } from '../../payments/model.js';
import { GatewayRedirectPage, PaymentResultPage } from '../components/payment.js';

/** Query and form fields as strings (a repeated field keeps its first value). */
function callbackParams(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((req.query ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v) && typeof v[0] === 'string') out[k] = v[0];
  }
  for (const [k, v] of Object.entries(formBody(req))) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * Sends the browser on to the gateway: a 303 for a GET instruction, or a page whose form posts the
 * gateway's fields. The page allows the gateway as a form target; a page with a form that is
 * answered by a redirect to a gateway needs the same (`gatewayCsp`).
 */
export function sendToGateway(s: Services, reply: FastifyReply, browser: BrowserInstruction) {
  if (browser.method === 'GET') return seeOther(reply, browser.url);
  reply.header('content-security-policy', gatewayCsp(s));
  return sendHtml(reply, GatewayRedirectPage({ browser, devTools: s.config.devTools }));
}

/** The CSP for a page whose form leads to the gateway. */
export function gatewayCsp(s: Services): string {
  return contentSecurityPolicy(s.payments.gateway.browserOrigins);
}

function sendAnswer(reply: FastifyReply, a: PageAnswer, formActions: readonly string[]) {
  if ('location' in a) return seeOther(reply, a.location);
  // the page posts the buyer back to our callback at PUBLIC_URL, which may be another origin than this request's
  reply.header('content-security-policy', contentSecurityPolicy(formActions));
  return reply
    .code(a.status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(a.html);
}

export function registerPaymentRoutes(app: FastifyInstance, s: Services): void {
  const callback = async (req: FastifyRequest<{ Params: { orderId: string } }>, reply: FastifyReply) => {
    const { payment, outcome } = await s.payments.handleCallback(req.params.orderId, callbackParams(req));
    const purpose = payment ? s.payments.purpose(payment.purpose) : undefined;
    if (payment && purpose?.returnUrl) return seeOther(reply, purpose.returnUrl(payment, outcome));
    const receipt = payment ? toReceipt(payment) : null;
    return sendHtml(
      reply,
      <PaymentResultPage outcome={outcome} receipt={receipt} devTools={s.config.devTools} />,
      payment ? 200 : 404,
    );
  };
  app.get(`${CALLBACK_PATH}:orderId`, callback);
  app.post(`${CALLBACK_PATH}:orderId`, callback);

  // the simulator's gateway page: only where the simulator is the live gateway (config allows it)
  const bank = s.simulatedBank;
  if (!bank) return;
  const base = (s.config.publicUrl ?? '').replace(/\/+$/, '');
  const formActions = base ? [new URL(base).origin] : [];
  const deps = simulatorPageDeps(bank, {
    baseUrl: base,
    stylesheet: '/assets/app.css',
  });
  app.get<{ Querystring: { token?: string } }>(SIMULATOR_PAGE_PATH, async (req, reply) =>
    sendAnswer(reply, await gatewayPage(deps, String(req.query.token ?? '').slice(0, 64)), formActions),
  );
  app.post(SIMULATOR_PAGE_PATH, async (req, reply) => {
    const body = formBody(req);
    return sendAnswer(reply, await gatewayPost(deps, body.token ?? '', body), formActions);
  });
}
