import type { FastifyInstance } from 'fastify';
import { h } from '../jsx.js';
import type { Services } from '../../services.js';
import { Layout } from '../components/layout.js';
import { TextField, Notice } from '../components/form.js';
import { formatJalaliDateTime } from '../../domain/jalali.js';
import { normalizeMobile } from '../../domain/mobile.js';
import { ui } from '../../phrases/ui.js';
import { sendHtml } from '../http.js';

/**
 * The simulated phones' inbox (not in production): what the SMS simulator delivered, newest first.
 * GET /dev/sms is the page; with Accept: application/json or ?format=json it answers JSON.
 */
export function registerDevSms(app: FastifyInstance, s: Services) {
  app.get<{ Querystring: { to?: string; format?: string; limit?: string } }>('/dev/sms', async (req, reply) => {
    const to = req.query.to ? normalizeMobile(req.query.to) : null;
    const limit = Math.min(200, Math.max(1, Number(req.query.limit) || 50));
    let q = s.db.selectFrom('dev_sms_inbox').selectAll().orderBy('id', 'desc').limit(limit);
    if (to) q = q.where('to_mobile', '=', to);
    const rows = await q.execute();
    // browsers ask for text/html and get the page; scripts and curl get JSON
    const accept = req.headers.accept ?? '';
    const wantsJson = req.query.format === 'json' || (req.query.format !== 'html' && !accept.includes('text/html'));
    if (wantsJson) {
      return reply.header('cache-control', 'no-store').send({
        messages: rows.map((r) => ({
          id: r.message_id,
          to: r.to_mobile,
          text: r.body,
          receivedAt: r.received_at.toISOString(),
        })),
      });
    }
    return sendHtml(
      reply,
      <Layout title={ui.devSmsInbox} devTools>
        <h1>{ui.devSmsInbox}</h1>
        <Notice kind="warning">
          <p>
            این صفحه فقط در حالت توسعه وجود دارد و پیامک‌هایی را نشان می‌دهد که شبیه‌ساز درگاه پیامک «تحویل» داده است.
          </p>
        </Notice>
        <form method="get" action="/dev/sms" class="inline-search">
          <TextField
            name="to"
            label={ui.mobile}
            value={req.query.to}
            ltr
            inputmode="tel"
            extra={{ 'data-digits': true }}
          />
          <button type="submit" class="button button--secondary">
            نمایش
          </button>
        </form>
        {rows.length === 0 ? <p>پیامی نیست.</p> : null}
        <ol class="sms-list">
          {rows.map((r) => (
            <li class="sms">
              <p class="sms__to" dir="ltr">
                {r.to_mobile}
              </p>
              <p class="sms__time">{formatJalaliDateTime(r.received_at)}</p>
              <p class="sms__body">{r.body}</p>
            </li>
          ))}
        </ol>
      </Layout>,
    );
  });
}
