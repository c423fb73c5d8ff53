/**
 * Shared fixtures for the registry contract tests: the demo population, claims built from it,
 * an in-memory SMS inbox, a fake Kavenegar server and a scriptable JSON server (loopback only).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IdentityClaim } from '../../../src/registries/civil-registry/port.js';
import type { SmsInboxSink } from '../../../src/registries/sms/port.js';
import { loadPopulation, type SimPerson } from '../../../src/registries/simulation/population.js';

export const demo = loadPopulation();

/** Demo people by role (see docs/simulators.md). */
export const CODES = {
  standard: '0084575948',
  zwnj: '1279834064',
  arabicLetters: '2271568439',
  deceased: '0458132608',
  branchVisit: '3810425974',
  foreign1: '270112345678',
  foreign2: '270198765432',
  shenasnamehIsCode: '1364920751',
  twoMobiles: '0027613496',
  outage: '9990000158',
  transient: '9990100276',
  slow: '9990200394',
  mobileOutage: '0672198347',
  mobileSlow: '4197853025',
  smsRejected: '3284706518',
  /** Checksum-valid, not in the population. */
  unknown: '1234567891',
} as const;

export function person(code: string): SimPerson {
  const p = demo.byNationalCode(code);
  if (!p) throw new Error(`demo person ${code} missing from sim/people.json`);
  return p;
}

/** The claim a person would type to match the registry exactly. */
export function claimFor(code: string, override: Partial<IdentityClaim> = {}): IdentityClaim {
  const p = person(code);
  return {
    nationalCode: p.nationalCode,
    personKind: p.personKind,
    firstName: p.firstName,
    lastName: p.lastName,
    fatherName: p.fatherName,
    birthDateIso: p.birthDateIso,
    gender: p.gender,
    shenasnamehNumber: p.shenasnamehNumber,
    ...override,
  };
}

export function firstMobile(code: string): string {
  const m = person(code).mobiles[0];
  if (m === undefined) throw new Error(`demo person ${code} has no mobile`);
  return m;
}

export class MemoryInbox implements SmsInboxSink {
  readonly entries: { messageId: string; to: string; text: string }[] = [];
  record(entry: { messageId: string; to: string; text: string }): Promise<void> {
    this.entries.push({ ...entry });
    return Promise.resolve();
  }
}

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<TestServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Settles when the client dropped the connection before any answer was written (it gave up). */
  abandoned: Promise<void>;
}

/** `hang`: never answer; the request stays open until the client gives up (or the server closes). */
export type Reply = { status: number; body: string; contentType?: string; hang?: boolean };

/** A client deadline for calls that are not about deadlines: far beyond any loopback round trip. */
export const AMPLE_MS = 60_000;

/** A server that records each request and answers with `reply(request)`. */
export async function startScriptedServer(
  reply: (req: RecordedRequest) => Reply,
): Promise<TestServer & { requests: RecordedRequest[] }> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const abandoned = new Promise<void>((resolve) =>
      res.once('close', () => {
        if (!res.writableFinished) resolve();
      }),
    );
    void readAll(req).then(
      (body) => {
        const rec: RecordedRequest = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body,
          abandoned,
        };
        requests.push(rec);
        const r = reply(rec);
        if (r.hang || res.destroyed) return;
        res.writeHead(r.status, { 'content-type': r.contentType ?? 'application/json; charset=utf-8' });
        res.end(r.body);
      },
      () => undefined /* the client gave up while sending */,
    );
  });
  const s = await listen(server);
  return { ...s, requests };
}

export const json = (status: number, value: unknown): Reply => ({ status, body: JSON.stringify(value) });

/**
 * A fake Kavenegar `sms/send.json` that "delivers" into `sink` and mirrors the simulator's magic:
 * 0999000… → HTTP 502 HTML page (outage), 0999009… → 411 (operator rejects the receptor),
 * bad receptor → 411, empty message → 413, wrong key → 403, duplicate localid → the earlier
 * message id without delivering again.
 */
export async function startFakeKavenegar(opts: {
  apiKey: string;
  sink: SmsInboxSink;
  /** Return a reply to override the normal behaviour for this request. */
  override?: (form: URLSearchParams) => Reply | undefined;
}): Promise<TestServer & { requests: RecordedRequest[] }> {
  let nextId = 8_792_343;
  const byLocalId = new Map<string, number>();
  const kv = (status: number, message: string, entries: unknown = null) =>
    json(status, { return: { status, message }, entries });
  return startScriptedServer((req) => {
    const m = /^\/v1\/([^/]+)\/sms\/send\.json$/.exec(req.path);
    if (req.method !== 'POST' || !m) return kv(404, 'متد نامشخص است');
    if (decodeURIComponent(m[1] ?? '') !== opts.apiKey) return kv(403, 'کد شناسائی API-Key معتبر نمی‌باشد');
    const form = new URLSearchParams(req.body);
    const overridden = opts.override?.(form);
    if (overridden) return overridden;
    const receptor = form.get('receptor') ?? '';
    const message = form.get('message') ?? '';
    const localid = form.get('localid');
    if (receptor.startsWith('0999000'))
      return { status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' };
    if (receptor.startsWith('0999009') || !/^09\d{9}$/.test(receptor)) return kv(411, 'گیرنده نامعتبر است');
    if (message.trim() === '') return kv(413, 'پیام خالی است');
    const seen = localid ? byLocalId.get(localid) : undefined;
    const messageid = seen ?? nextId++;
    if (seen === undefined) {
      if (localid) byLocalId.set(localid, messageid);
      void opts.sink.record({ messageId: localid ?? String(messageid), to: receptor, text: message });
    }
    return kv(200, 'تایید شد', [
      {
        messageid,
        message,
        status: 1,
        statustext: 'در صف ارسال',
        sender: form.get('sender'),
        receptor,
        date: 1700000000,
        cost: 120,
      },
    ]);
  });
}

/** Answers every gateway adapter must map to `unavailable` with this reason, whatever its port. */
export const GATEWAY_FAILURES: [string, Reply, 'outage' | 'timeout' | 'error'][] = [
  ['503', json(503, { error: 'outage' }), 'outage'],
  ['504', json(504, { error: 'timeout' }), 'timeout'],
  ['500', json(500, { error: 'internal' }), 'error'],
  ['401 (bad token)', json(401, { error: 'unauthorized' }), 'error'],
  ['400', json(400, { error: 'bad_request' }), 'error'],
  ['200 with HTML', { status: 200, body: '<html>maintenance</html>', contentType: 'text/html' }, 'error'],
  ['200 with an unknown result', json(200, { result: 'maybe' }), 'error'],
  ['200 with empty body', { status: 200, body: '' }, 'error'],
];

/** A URL on which nothing listens (a server that was started and closed). */
export async function deadUrl(): Promise<string> {
  const s = await startScriptedServer(() => json(200, {}));
  await s.close();
  return s.url;
}

/**
 * A stand-in for the simulators' slow-answer sleep (their `sleep` option) that the test ends
 * itself: no timer, so no race with the machine's speed. `reached` settles when a sleep begins;
 * `release()` ends every sleep, begun or to come.
 */
export function manualSleep(): {
  sleep: (ms: number) => Promise<void>;
  requested: number[];
  reached: Promise<void>;
  release: () => void;
} {
  const requested: number[] = [];
  let begun!: () => void;
  const reached = new Promise<void>((resolve) => (begun = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    requested,
    reached,
    release,
    sleep: (ms) => {
      requested.push(ms);
      begun();
      return released;
    },
  };
}

/**
 * `p`, or a failure after `ms` if it never settles: a guard so that a broken deadline fails the
 * test instead of hanging the run; never a speed threshold (`ms` is far beyond any real wait).
 */
export async function within<T>(p: Promise<T>, what: string, ms = AMPLE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still waiting after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether `p` has settled once everything already queued (promise jobs, I/O callbacks) has run. */
export async function settledYet(p: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void p.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise<void>((resolve) => setImmediate(resolve));
  return settled;
}
