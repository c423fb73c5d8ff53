import Fastify, { type FastifyInstance, type FastifyError } from 'fastify';
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { checkSecretFingerprint } from './security/secret-fingerprint.js';
import { systemClock, type Clock } from './clock.js';
import { buildServices, type ServiceOverrides, type Services } from './services.js';
import { JobWorker, type WorkerOptions } from './jobs/queue.js';
import { SMS_QUEUE, smsSendHandler } from './sms/outbox.js';
import { HOUSEKEEPING_QUEUE, housekeepingHandler, scheduleHousekeeping } from './housekeeping.js';
import { createMetrics, type Metrics } from './metrics.js';
import { AppError, statusOf } from './errors/catalogue.js';
import { formatMessage } from './phrases/fa.js';
import { ui } from './phrases/ui.js';
import { sendHtml } from './web/http.js';
import { MessagePage } from './web/pages/common.js';
import { registerHome } from './web/pages/home.js';
import { registerDevSms } from './web/pages/dev-sms.js';
import { registerCaptchaRoutes } from './web/pages/captcha.js';
import { registerLoginPages } from './web/pages/login.js';
import { registerAccountPages } from './web/pages/account.js';
import { registerApi } from './api/routes.js';
import { journeyJobHandlers, registerJourneys } from './journeys/index.js';
import { inquiryHandler, inquiryJob } from './sejam/inquiry.js';
import { civilRecordHandler, civilRecordJob } from './sejam/civil-record.js';
import { editCheckHandler, editCheckJob } from './sejam/edits.js';
import { registerInputSanitizer } from './security/input-sanitizer.js';
import { opsOnly } from './security/ops-access.js';
import { contentSecurityPolicy } from './web/csp.js';
import { paymentJobHandlers } from './payments/jobs.js';
import { registerPaymentRoutes } from './web/pages/payments.js';
import { registerSejamPayments } from './journeys/sejam/payment.js';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const fontPath = join(dirname(require.resolve('vazirmatn/package.json')), 'fonts', 'webfonts', 'Vazirmatn[wght].woff2');

export interface BuildOptions {
  clock?: Clock;
  /** An already open database (tests share one); otherwise opened from config and closed with the app. */
  db?: Database;
  overrides?: ServiceOverrides;
  worker?: Partial<WorkerOptions>;
  logger?: boolean;
  /** Where logs go (default stdout); tests read them to prove no secret is logged. */
  logStream?: NodeJS.WritableStream;
}

export interface Hoviyat {
  app: FastifyInstance;
  services: Services;
  worker: JobWorker;
  metrics: Metrics;
  /** Starts background work (job worker, housekeeping) for a serving node. */
  startBackground(): void;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** A URL as logged: every id (flows, captchas) replaced, so a log line opens nothing. */
export const withoutFlowIds = (url: string) => url.replace(UUID, ':id');

/** Wires the whole system from a config. No logic here: every rule lives in the modules it names. */
export async function buildApp(config: Readonly<Config>, opts: BuildOptions = {}): Promise<Hoviyat> {
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            ...(opts.logStream ? { stream: opts.logStream } : {}),
            redact: {
              paths: [
                'req.headers.cookie',
                'req.headers.authorization',
                'req.headers["x-flow-token"]',
                'res.headers["set-cookie"]',
              ],
              remove: true,
            },
            // flow ids (in query strings and API paths) stay out of the logs
            serializers: {
              req: (req: { method: string; url: string; id?: string }) => ({
                id: req.id,
                method: req.method,
                url: withoutFlowIds(req.url),
              }),
            },
          },
    // forwarding headers are believed only from the proxies the operator named
    trustProxy: config.trustedProxies.length ? [...config.trustedProxies] : false,
    bodyLimit: 64 * 1024,
  });
  const clock = opts.clock ?? systemClock;
  const ownDb = !opts.db;
  const db = opts.db ?? (await openDatabase(config.database));
  await migrateToLatest(db);
  await checkSecretFingerprint(db, config.secret);
  const services = buildServices(config, db, clock, app.log, opts.overrides);
  const metrics = createMetrics();

  const worker = new JobWorker(
    db,
    clock,
    {
      [SMS_QUEUE]: smsSendHandler(db, clock, services.smsGateway),
      ...journeyJobHandlers(services),
      [inquiryJob.queue]: inquiryHandler(services),
      [civilRecordJob.queue]: civilRecordHandler(services),
      [editCheckJob.queue]: editCheckHandler(services),
      ...paymentJobHandlers(services.payments, clock),
      [HOUSEKEEPING_QUEUE]: housekeepingHandler(db, clock, config.limits, app.log),
    },
    opts.worker ?? {},
    {
      onDone: (queue) => metrics.jobs.inc({ queue, outcome: 'done' }),
      onFailure: (queue, err, final) => {
        metrics.jobs.inc({ queue, outcome: final ? 'failed' : 'retry' });
        app.log.warn({ queue, final, err: err instanceof Error ? err.message : String(err) }, 'job failed');
      },
    },
  );

  await app.register(formbody);
  await app.register(cookie);
  await app.register(fastifyStatic, {
    root: join(here, '..', 'public'),
    prefix: '/assets/',
    maxAge: config.env === 'production' ? '1d' : 0,
  });
  app.get('/assets/fonts/Vazirmatn-wght.woff2', async (_req, reply) =>
    reply
      .header('content-type', 'font/woff2')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(createReadStream(fontPath)),
  );

  registerInputSanitizer(app);
  // HSTS only where HTTPS is certain: a browser ignores it over plain HTTP, but a developer's
  // localhost pinned to HTTPS for a year (were it tied to cookieSecure) would be a nuisance
  const hsts = config.env === 'production';
  app.addHook('onRequest', async (req, reply) => {
    if (hsts) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    // the page waiting on the gateway sends the browser there: only its forms may post off-site
    const gateway = req.url.startsWith('/sejam/paying') ? services.payments.gateway.browserOrigins : [];
    reply.header('content-security-policy', contentSecurityPolicy(gateway));
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: req.method, route, status: `${Math.floor(reply.statusCode / 100)}xx` });
    metrics.httpDuration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/favicon.ico', async (_req, reply) => reply.redirect('/assets/favicon.svg', 301));
  app.get('/healthz', async (_req, reply) => {
    try {
      await db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
      return reply.send({ status: 'ok' });
    } catch {
      return reply.code(503).send({ status: 'unavailable', code: 'server.error' });
    }
  });
  app.get('/metrics', { preHandler: opsOnly(config) }, async (_req, reply) => {
    metrics.hashQueue.set(services.hasher.queueLength);
    return reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  registerHome(app, services);
  registerCaptchaRoutes(app, services);
  registerLoginPages(app, services, metrics);
  registerAccountPages(app, services);
  registerPaymentRoutes(app, services);
  registerSejamPayments(app, services);
  const api = registerApi(app, services);
  registerJourneys(app, api, services);
  if (config.devTools) registerDevSms(app, services);

  const isApi = (url: string) => url.startsWith('/api/');
  app.setNotFoundHandler(async (req, reply) => {
    if (isApi(req.url))
      return reply.code(404).send({ code: 'request.not_found', message: formatMessage('request.not_found') });
    return sendHtml(
      reply,
      MessagePage({ title: ui.notFoundTitle, code: 'request.not_found', kind: 'info', devTools: config.devTools }),
      404,
    );
  });
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    let code: Parameters<typeof statusOf>[0] = 'server.error';
    if (err instanceof AppError) code = err.code;
    else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) code = 'request.invalid';
    const status = statusOf(code);
    if (status >= 500 && code !== 'server.busy') req.log.error({ err }, 'request failed');
    if (code === 'server.busy') reply.header('retry-after', '2');
    if (isApi(req.url)) return reply.code(status).send({ code, message: formatMessage(code) });
    return sendHtml(reply, MessagePage({ title: ui.errorTitle, code, devTools: config.devTools }), status);
  });

  let housekeeping: NodeJS.Timeout | null = null;
  app.addHook('onClose', async () => {
    if (housekeeping) clearInterval(housekeeping);
    await worker.stop();
    if (ownDb) await db.destroy();
  });

  return {
    app,
    services,
    worker,
    metrics,
    startBackground() {
      worker.start();
      // asked for often, done once: the period's job is unique cluster-wide (see scheduleHousekeeping)
      const schedule = () =>
        void scheduleHousekeeping(db, clock, config.limits).catch((err: unknown) =>
          app.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'housekeeping not scheduled'),
        );
      schedule();
      housekeeping = setInterval(schedule, Math.max(1_000, Math.floor(config.limits.purgeEveryMs / 3)));
      housekeeping.unref();
    },
  };
}
