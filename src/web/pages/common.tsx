import { h } from '../jsx.js';
import { Layout } from '../components/layout.js';
import { Notice } from '../components/form.js';
import { ui } from '../../phrases/ui.js';
import { formatMessage } from '../../phrases/fa.js';
import type { ErrorCode } from '../../errors/catalogue.js';
import type { FastifyReply } from 'fastify';
import type { Services } from '../../services.js';
import { sendHtml } from '../http.js';

/** A page for a dead end that isn't one: says what happened and offers the way on. */
export function MessagePage(p: {
  title: string;
  code?: ErrorCode;
  text?: string;
  kind?: 'info' | 'error' | 'warning' | 'success';
  action?: { href: string; label: string };
  devTools?: boolean;
}) {
  return (
    <Layout title={p.title} devTools={p.devTools}>
      <h1>{p.title}</h1>
      <Notice kind={p.kind ?? 'error'}>
        <p>{p.code ? formatMessage(p.code) : p.text}</p>
      </Notice>
      <p>
        <a class="button" href={p.action?.href ?? '/'}>
          {p.action?.label ?? ui.backHome}
        </a>
      </p>
    </Layout>
  );
}

/** An unknown or expired flow: say so (404 / 410) and offer a fresh start, never a bare error. */
export function sendFlowLost(
  s: Services,
  reply: FastifyReply,
  reason: 'not_found' | 'expired',
  journey: { title: string; startUrl: string },
) {
  return sendHtml(
    reply,
    MessagePage({
      title: journey.title,
      code: reason === 'expired' ? 'flow.expired' : 'flow.not_found',
      kind: 'warning',
      action: { href: journey.startUrl, label: ui.startAgain },
      devTools: s.config.devTools,
    }),
    reason === 'expired' ? 410 : 404,
  );
}
