/**
 * A local HTTP server speaking the inquiry-gateway contract (docs/simulators.md), answering from
 * the simulators. Used by the contract tests (the HTTP adapters against it) and by operators who
 * want to try `HOVIYAT_CIVIL_REGISTRY=http` / `HOVIYAT_MOBILE_OWNERSHIP=http` (and the Sejam
 * inquiries: bank accounts, postal codes, companies) without a vendor:
 *
 *   npx tsx src/registries/simulation/gateway-server.ts --port 4010 --token dev-token [--people file.json] [--companies file.json]
 *   HOVIYAT_GATEWAY_URL=http://127.0.0.1:4010 HOVIYAT_GATEWAY_TOKEN=dev-token …
 *
 * It listens on 127.0.0.1 only. Magic inputs behave as in the simulators: outage → 503,
 * slow → the answer comes after `slowMs`. Given `payments`, it also speaks the Mellat (SOAP) and
 * Zarinpal (JSON) payment protocols and serves their gateway pages (payment-protocols.ts); the
 * command line runs them over an embedded in-memory database.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createCivilRegistrySimulator, type RegistrySimulatorOptions } from '../civil-registry/simulator.js';
import type { CivilRegistryResult } from '../civil-registry/port.js';
import { createMobileOwnershipSimulator } from '../mobile-ownership/simulator.js';
import { civilRecordRoutes } from '../civil-registry/gateway-routes.js';
import { bankAccountRoutes } from '../bank-accounts/gateway-routes.js';
import { createBankAccountSimulator } from '../bank-accounts/simulator.js';
import { companiesRoutes } from '../companies/gateway-routes.js';
import { createCompaniesSimulator } from '../companies/simulator.js';
import { postalCodeRoutes } from '../postal-codes/gateway-routes.js';
import { createPostalCodeSimulator } from '../postal-codes/simulator.js';
import { unavailableReply, type GatewayRoute } from './gateway-routes.js';
import { loadInquiryRecords, type InquiryRecords } from './inquiry-records.js';
import { loadPopulation, type Population } from './population.js';
import { paymentProtocols, type RawAnswer, type SimulatedPaymentsOptions } from './payment-protocols.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { systemClock } from '../../clock.js';
import { SimulatedBank } from '../payment/sim-bank.js';

export interface SimulatedGatewayOptions extends RegistrySimulatorOptions {
  population: Population;
  /** What the Sejam inquiries answer from. Default: `population` with sim/companies.json (or HOVIYAT_SIM_COMPANIES). */
  records?: InquiryRecords;
  /** Bearer token the server requires. */
  token: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Also speak the Mellat and Zarinpal protocols over this simulated bank (no bearer token: their own credentials). */
  payments?: SimulatedPaymentsOptions;
}

export interface SimulatedGateway {
  /** `http://127.0.0.1:{port}` */
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

const verifyRequest = z.object({
  nationalCode: z.string(),
  personKind: z.enum(['iranian', 'foreign']),
  firstName: z.string(),
  lastName: z.string(),
  fatherName: z.string(),
  birthDate: z.string(),
  gender: z.enum(['male', 'female']),
  shenasnamehNumber: z.string(),
});
const checkRequest = z.object({ nationalCode: z.string(), mobile: z.string() });

const MAX_BODY = 16 * 1024;

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

const unavailableStatus = (reason: 'outage' | 'timeout' | 'error'): number => unavailableReply(reason).status;
function sendRaw(res: ServerResponse, a: RawAnswer): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(a.status, { 'content-type': a.contentType, ...(a.location ? { location: a.location } : {}) });
  res.end(a.body);
}

export async function startSimulatedGateway(opts: SimulatedGatewayOptions): Promise<SimulatedGateway> {
  const simOpts = { slowMs: opts.slowMs, transientFailures: opts.transientFailures, sleep: opts.sleep };
  const civil = createCivilRegistrySimulator(opts.population, simOpts);
  const shahkar = createMobileOwnershipSimulator(opts.population, simOpts);
  const records = opts.records ?? loadInquiryRecords({ population: opts.population });
  const routes: Record<string, GatewayRoute> = {
    ...bankAccountRoutes(createBankAccountSimulator(records, simOpts)),
    ...postalCodeRoutes(createPostalCodeSimulator(records, simOpts)),
    ...companiesRoutes(createCompaniesSimulator(records, simOpts)),
    ...civilRecordRoutes(civil),
  };
  const expectedAuth = `Bearer ${opts.token}`;
  const payments = opts.payments ? paymentProtocols(opts.payments) : null;

  const server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req);
      if (text === null) return send(res, 413, { error: 'body_too_large' });
      const paid = payments ? await payments(req.method ?? '', req.url ?? '', text) : null;
      if (paid) return sendRaw(res, paid);
      if (req.method !== 'POST') return send(res, 405, { error: 'method_not_allowed' });
      if (req.headers.authorization !== expectedAuth) return send(res, 401, { error: 'unauthorized' });
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return send(res, 400, { error: 'bad_json' });
      }
      const path = (req.url ?? '').split('?')[0];
      if (path === '/civil-registry/verify') {
        const p = verifyRequest.safeParse(json);
        if (!p.success) return send(res, 400, { error: 'bad_request' });
        const { birthDate, ...rest } = p.data;
        const r: CivilRegistryResult = await civil.verifyIdentity({ ...rest, birthDateIso: birthDate });
        if (r.status === 'match') return send(res, 200, { result: 'match', activation: r.activation });
        if (r.status === 'mismatch') return send(res, 200, { result: 'mismatch', fields: r.fields });
        return send(res, unavailableStatus(r.reason), { error: r.reason });
      }
      if (path === '/shahkar/check') {
        const p = checkRequest.safeParse(json);
        if (!p.success) return send(res, 400, { error: 'bad_request' });
        const r = await shahkar.check(p.data.nationalCode, p.data.mobile);
        if (r.status === 'unavailable') return send(res, unavailableStatus(r.reason), { error: r.reason });
        return send(res, 200, { result: r.status });
      }
      const handle = routes[path ?? ''];
      if (handle) {
        const r = await handle(json);
        return send(res, r.status, r.body);
      }
      return send(res, 404, { error: 'not_found' });
    })().catch(() => send(res, 500, { error: 'internal' }));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      token: { type: 'string', default: process.env.HOVIYAT_GATEWAY_TOKEN ?? 'dev-token' },
      people: { type: 'string' },
      companies: { type: 'string' },
      'slow-ms': { type: 'string', default: process.env.HOVIYAT_SIM_SLOW_MS ?? '8000' },
      'transient-failures': { type: 'string', default: '2' },
      'mellat-terminal': { type: 'string', default: process.env.MELLAT_TERMINAL_ID ?? '1000' },
      'mellat-user': { type: 'string', default: process.env.MELLAT_USERNAME ?? 'hoviyat' },
      'mellat-password': { type: 'string', default: process.env.MELLAT_PASSWORD ?? 'dev-password' },
      'zarinpal-merchant': {
        type: 'string',
        default: process.env.ZARINPAL_MERCHANT_ID ?? '00000000-0000-4000-8000-000000000000',
      },
    },
  });
  const population = loadPopulation(values.people);
  const slowMs = Number(values['slow-ms']);
  // the simulated bank's book, in memory: this process is the only one using it
  const db = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrateToLatest(db);
  const gw = await startSimulatedGateway({
    population,
    records: loadInquiryRecords({ population, companiesPath: values.companies }),
    token: values.token,
    port: Number(values.port),
    slowMs,
    transientFailures: Number(values['transient-failures']),
    payments: {
      bank: new SimulatedBank(db, systemClock, { slowMs }),
      mellat: {
        terminalId: values['mellat-terminal'],
        userName: values['mellat-user'],
        password: values['mellat-password'],
      },
      zarinpal: { merchantId: values['zarinpal-merchant'] },
    },
  });
  console.log(`Simulated inquiry and payment gateway on ${gw.url} (token "${values.token}")`);
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
