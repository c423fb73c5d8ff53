/**
 * Login benchmark: password logins per second and per-login latency against a real PostgreSQL
 * server, next to the cost of argon2id alone.
 *
 * NOT a test: it is run by hand (`npm run bench`, or `npx tsx bench/login.ts`) and never from
 * `npm test`. Results are recorded in docs/benchmarks.md.
 *
 * What it does:
 *   1. times argon2id hash and verify alone (ARGON2_OPTIONS), sequentially and 2 / 4 in parallel;
 *   2. creates a fresh database `hoviyat_bench_<random>` on the server named by DATABASE_URL,
 *      starts the real app in-process on 127.0.0.1:0 and seeds accounts straight into it;
 *   3. drives POST /api/v1/login (JSON) and POST /login (HTML form, with a CSRF cookie and token)
 *      with autocannon, then two overload runs (default hash queue, and a short hash queue that
 *      must answer 503 server.busy + Retry-After instead of queueing without bound);
 *   4. prints Markdown tables, closes the servers, drops the database and exits
 *      (non-zero when a run saw an unexpected answer or anything failed).
 *
 * The bench config raises ONLY the per-IP login budget and the per-username lockout/captcha
 * thresholds (every request comes from 127.0.0.1 and each account logs in many times); nothing
 * else differs from a normal config.
 *
 * Options (argv `--name value` / `--name=value`, or environment):
 *   --db                    DATABASE_URL          admin URL (default postgres://postgres@127.0.0.1:5432/postgres)
 *   --duration              BENCH_DURATION        seconds per load run (default 15)
 *   --connections           BENCH_CONNECTIONS     concurrent connections (default 8)
 *   --accounts              BENCH_ACCOUNTS        seeded accounts (default 200)
 *   --hash-n                BENCH_HASH_N          hash/verify calls per measurement (default 100)
 *   --overload-connections  BENCH_OVERLOAD_CONNECTIONS  (default 64)
 *   --overload-queue        BENCH_OVERLOAD_QUEUE  hash queue length of the 503 run (default 16)
 *   --skip                  BENCH_SKIP            comma list of: hash,form,overload
 *   --markdown              BENCH_MARKDOWN        also write the Markdown block to this file
 * HOVIYAT_HASH_CONCURRENCY, HOVIYAT_HASH_QUEUE, DATABASE_POOL_SIZE and UV_THREADPOOL_SIZE from
 * the environment apply to the server under test as they would in production.
 */
import autocannon from 'autocannon';
import pg from 'pg';
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp, type Hoviyat } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import { ARGON2_OPTIONS } from '../src/security/password-hasher.js';
import { nationalCodeCheckDigit } from '../src/domain/national-code.js';
import { SESSION_COOKIE } from '../src/identity/sessions.js';
import { CSRF_COOKIE } from '../src/security/csrf.js';

// ---------------------------------------------------------------------------------------------
// options

function option(name: string, envName: string, fallback: string): string {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === `--${name}` && argv[i + 1] !== undefined) return argv[i + 1]!;
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  const v = process.env[envName];
  return v === undefined || v === '' ? fallback : v;
}

function intOption(name: string, envName: string, fallback: number, min: number, max: number): number {
  const raw = option(name, envName, String(fallback));
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`--${name} (${envName}) must be an integer in ${min}..${max}, got "${raw}"`);
  }
  return n;
}

const knownFlags = [
  'db',
  'duration',
  'connections',
  'accounts',
  'hash-n',
  'overload-connections',
  'overload-queue',
  'skip',
  'markdown',
];
for (const a of process.argv.slice(2)) {
  if (a.startsWith('--') && !knownFlags.includes(a.slice(2).split('=')[0]!)) {
    console.error(`unknown option ${a} (known: ${knownFlags.map((f) => `--${f}`).join(' ')})`);
    process.exit(2);
  }
}

const adminUrl = option('db', 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/postgres');
const duration = intOption('duration', 'BENCH_DURATION', 15, 1, 600);
const connections = intOption('connections', 'BENCH_CONNECTIONS', 8, 1, 1000);
const accountCount = intOption('accounts', 'BENCH_ACCOUNTS', 200, 1, 100_000);
const hashN = intOption('hash-n', 'BENCH_HASH_N', 100, 4, 10_000);
const overloadConnections = intOption('overload-connections', 'BENCH_OVERLOAD_CONNECTIONS', 64, 1, 1000);
const overloadQueue = intOption('overload-queue', 'BENCH_OVERLOAD_QUEUE', 16, 0, 10_000);
const skip = new Set(
  option('skip', 'BENCH_SKIP', '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
for (const s of skip) {
  if (!['hash', 'form', 'overload'].includes(s)) {
    console.error(`--skip accepts hash, form, overload; got "${s}"`);
    process.exit(2);
  }
}
const markdownFile = option('markdown', 'BENCH_MARKDOWN', '');

if (!/^postgres(ql)?:\/\//.test(adminUrl)) {
  console.error('DATABASE_URL must be a postgres:// URL');
  process.exit(2);
}

const PASSWORD = 'Hoviyat-bench-2024!';
const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
/** Raised for the bench ONLY: all load comes from one IP and every account logs in many times. */
const BENCH_LIMITS = { loginPerIp: 1e9, loginLockAfter: 1e9, loginCaptchaAfter: 1e9 };

// ---------------------------------------------------------------------------------------------
// small helpers

const log = (msg: string) => console.error(`[bench] ${msg}`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Stats {
  n: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles over exact samples (ms). */
function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return { n: 0, mean: NaN, p50: NaN, p90: NaN, p99: NaN, max: NaN };
  const at = (p: number) => s[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!;
  return { n, mean: s.reduce((a, b) => a + b, 0) / n, p50: at(50), p90: at(90), p99: at(99), max: s[n - 1]! };
}

const ms = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : '–');
const rate = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');

function table(head: string[], rows: (string | number)[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// cleanup and the watchdog

const cleanups: Array<() => Promise<unknown>> = [];
let cleanedUp = false;
async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch (err) {
      log(`cleanup step failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

let currentCannon: autocannon.Instance | null = null;
let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  log('interrupted: stopping the load and cleaning up (Ctrl-C again to quit at once)');
  currentCannon?.stop();
});

const loadRuns = 1 + (skip.has('form') ? 0 : 1) + (skip.has('overload') ? 0 : 2);
const budgetMs = (loadRuns * (duration + 20) + (skip.has('hash') ? 0 : 120) + 120) * 1000;
const watchdog = setTimeout(() => {
  log(`watchdog: still running after ${Math.round(budgetMs / 1000)} s, giving up`);
  const hard = setTimeout(() => process.exit(1), 15_000);
  hard.unref();
  void cleanup().finally(() => process.exit(1));
}, budgetMs);
watchdog.unref();

// ---------------------------------------------------------------------------------------------
// 1. argon2id alone

interface HashRow {
  op: 'hash' | 'verify';
  parallel: number;
  n: number;
  stats: Stats;
  perSec: number;
}

async function timeOps(
  n: number,
  parallel: number,
  op: () => Promise<unknown>,
): Promise<{ stats: Stats; perSec: number }> {
  const samples: number[] = [];
  let issued = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (issued < n) {
        issued++;
        const t = performance.now();
        await op();
        samples.push(performance.now() - t);
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  return { stats: stats(samples), perSec: n / wall };
}

async function benchHashAlone(): Promise<{ rows: HashRow[]; otherPct: number }> {
  log(`argon2id alone: ${hashN} calls each, sequential and 2 / 4 in parallel`);
  const encoded = await hash(PASSWORD, ARGON2_OPTIONS); // also warms the native module
  await verify(encoded, PASSWORD);
  const rows: HashRow[] = [];
  const before = cpuSnapshot();
  for (const parallel of [1, 2, 4]) {
    for (const op of ['hash', 'verify'] as const) {
      const r = await timeOps(hashN, parallel, async () => {
        if (op === 'hash') await hash(PASSWORD, ARGON2_OPTIONS);
        else if (!(await verify(encoded, PASSWORD))) throw new Error('argon2 verify returned false');
      });
      rows.push({ op, parallel, n: hashN, ...r });
      log(
        `  ${op} ×${parallel}: mean ${ms(r.stats.mean)} ms, p50 ${ms(r.stats.p50)}, p99 ${ms(r.stats.p99)}, ${rate(r.perSec)}/s`,
      );
    }
  }
  // nothing of ours but this process runs now: any other busy time is another job on the machine
  const c = cpuSplit(before, cpuSnapshot());
  const otherPct = c.otherPct + (100 * c.postgresMs) / ((performance.now() - before.at) * availableParallelism());
  return { rows, otherPct };
}

// ---------------------------------------------------------------------------------------------
// 2. database, server, accounts

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function validNationalCode(i: number): string {
  const first9 = String(123_000_000 + i * 37).padStart(9, '0');
  return first9 + String(nationalCodeCheckDigit(first9));
}

interface Server {
  h: Hoviyat;
  config: Readonly<Config>;
  base: string;
  close(): Promise<void>;
}

async function startServer(databaseUrl: string, dataDir: string, env: Record<string, string> = {}): Promise<Server> {
  const config = loadConfig(
    {
      ...process.env,
      ...env,
      DATABASE_URL: databaseUrl,
      NODE_ENV: 'test',
      HOVIYAT_CAPTCHA: 'simulator',
      LOG_LEVEL: 'warn',
    },
    { secret: SECRET, dataDir, limits: BENCH_LIMITS },
  );
  const h = await buildApp(config);
  const address = await h.app.listen({ host: '127.0.0.1', port: 0 });
  const port = (h.app.server.address() as AddressInfo).port;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await h.app.close();
  };
  cleanups.push(close);
  log(
    `server up at ${address} (hash concurrency ${config.hashConcurrency}, hash queue ${config.hashQueue}, db pool ${config.database.kind === 'postgres' ? config.database.poolSize : '-'})`,
  );
  return { h, config, base: `http://127.0.0.1:${port}`, close };
}

async function seedAccounts(h: Hoviyat, n: number): Promise<string[]> {
  const passwordHash = await hash(PASSWORD, ARGON2_OPTIONS); // one hash, shared by every account
  const now = new Date();
  const codes = Array.from({ length: n }, (_, i) => validNationalCode(i));
  for (let i = 0; i < n; i += 500) {
    await h.services.db
      .insertInto('accounts')
      .values(
        codes.slice(i, i + 500).map((national_code) => ({
          national_code,
          person_kind: 'iranian' as const,
          status: 'active' as const,
          mobile: '09121234567',
          email: null,
          first_name: 'علی',
          last_name: 'رضایی',
          father_name: 'حسین',
          shenasnameh_number: '1523',
          birth_date: '1991-04-04',
          gender: 'male' as const,
          password_hash: passwordHash,
          password_expired: false,
          password_changed_at: now,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  return codes;
}

async function successfulSignIns(h: Hoviyat): Promise<number> {
  const row = await h.services.db
    .selectFrom('sign_ins')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('outcome', '=', 'success')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Waits until the server has finished the work autocannon left in flight when it stopped. */
async function settle(h: Hoviyat) {
  const until = Date.now() + 60_000;
  while (h.services.hasher.queueLength > 0 && Date.now() < until) await sleep(50);
  await sleep(1000);
}

// ---------------------------------------------------------------------------------------------
// CPU accounting (Linux /proc; NaN elsewhere): who used the two cores during a run

interface CpuSnapshot {
  at: number;
  node: NodeJS.CpuUsage;
  /** Machine-wide busy and total jiffies (USER_HZ = 100 on Linux). */
  busy: number;
  total: number;
  /** utime + stime jiffies per PostgreSQL process. */
  postgres: Map<number, number>;
}

interface CpuSplit {
  /** This process: event loop, argon2 threads and autocannon. */
  nodeMs: number;
  /** All PostgreSQL server processes. */
  postgresMs: number;
  /** Machine-wide busy share of all cores during the run. */
  busyPct: number;
  /** Share of all cores used by anything else (another job on the machine shows here). */
  otherPct: number;
}

const JIFFY_MS = 10;

function cpuSnapshot(): CpuSnapshot {
  let busy = NaN;
  let total = NaN;
  const postgres = new Map<number, number>();
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already in user)
    const t = f.slice(0, 8).reduce((a, b) => a + b, 0);
    total = t;
    busy = t - f[3]! - f[4]!;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes('(postgres)')) continue;
        const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        postgres.set(Number(pid), Number(rest[11]) + Number(rest[12])); // fields 14, 15: utime, stime
      } catch {
        /* the process ended meanwhile */
      }
    }
  } catch {
    /* no /proc */
  }
  return { at: performance.now(), node: process.cpuUsage(), busy, total, postgres };
}

function cpuSplit(a: CpuSnapshot, b: CpuSnapshot): CpuSplit {
  const wallMs = b.at - a.at;
  const cores = availableParallelism();
  const nodeMs = (b.node.user - a.node.user + b.node.system - a.node.system) / 1000;
  let pgJiffies = 0;
  for (const [pid, j] of b.postgres) pgJiffies += j - (a.postgres.get(pid) ?? 0);
  const postgresMs = pgJiffies * JIFFY_MS;
  const busyMs = (b.busy - a.busy) * JIFFY_MS;
  const totalMs = (b.total - a.total) * JIFFY_MS;
  return {
    nodeMs,
    postgresMs,
    busyPct: (100 * busyMs) / totalMs,
    otherPct: Math.max(0, (100 * (busyMs - nodeMs - postgresMs)) / (wallMs * cores)),
  };
}

const pct = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '–');

// ---------------------------------------------------------------------------------------------
// 3. load runs

interface LoadRun {
  name: string;
  endpoint: string;
  connections: number;
  hashQueue: number;
  seconds: number;
  byStatus: Map<number, number>;
  ok: number;
  okPerSec: number;
  okLatency: Stats;
  busy: number;
  busyWithRetryAfter: number;
  busyLatency: Stats;
  unexpected: number;
  errors: number;
  timeouts: number;
  signInRows: number;
  cpu: CpuSplit;
  problems: string[];
}

interface Scenario {
  name: string;
  server: Server;
  connections: number;
  endpoint: 'json' | 'form';
  /** Status a successful login answers with. */
  okStatus: number;
  /** 503 server.busy is an accepted answer (overload runs). */
  busyAllowed: boolean;
}

async function loadRun(sc: Scenario, codes: string[]): Promise<LoadRun> {
  const { server } = sc;
  let cursor = 0;
  const nextCode = () => codes[cursor++ % codes.length]!;
  const byStatus = new Map<number, number>();
  const latencies = new Map<number, number[]>();
  let busyWithRetryAfter = 0;
  let badBodies = 0;

  let path: string;
  let headers: Record<string, string>;
  let makeBody: (code: string) => string;
  let checkOk: (body: string, h: Record<string, unknown>) => boolean;

  if (sc.endpoint === 'json') {
    path = '/api/v1/login';
    headers = { 'content-type': 'application/json', 'user-agent': 'hoviyat-bench' };
    makeBody = (username) => JSON.stringify({ username, password: PASSWORD });
    checkOk = (body) => {
      try {
        return typeof (JSON.parse(body) as { token?: unknown }).token === 'string';
      } catch {
        return false;
      }
    };
  } else {
    // The form needs the CSRF double-submit pair: one GET /login gives a cookie and its token,
    // which every connection may reuse (the token is tied to the cookie, not to a session).
    const res = await fetch(`${server.base}/login`);
    const html = await res.text();
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith(`${CSRF_COOKIE}=`));
    const token = /name="_csrf"\s+value="([0-9a-f]{64})"/.exec(html)?.[1];
    if (res.status !== 200 || !cookie || !token)
      throw new Error(`GET /login gave no CSRF cookie/token (status ${res.status})`);
    path = '/login';
    headers = { 'content-type': 'application/x-www-form-urlencoded', cookie, 'user-agent': 'hoviyat-bench' };
    makeBody = (username) => new URLSearchParams({ _csrf: token, username, password: PASSWORD }).toString();
    checkOk = (_body, h) => String(h['set-cookie'] ?? '').includes(`${SESSION_COOKIE}=`);
  }

  const signInsBefore = await successfulSignIns(server.h);
  const cpuBefore = cpuSnapshot();
  log(`${sc.name}: POST ${path}, ${sc.connections} connections, ${duration} s`);

  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const inst = autocannon(
      {
        url: server.base,
        connections: sc.connections,
        duration,
        timeout: 30,
        pipelining: 1,
        requests: [
          {
            method: 'POST',
            path,
            headers,
            setupRequest: (req) => ({ ...req, body: makeBody(nextCode()) }),
            onResponse: (status, body, _ctx, h) => {
              const hdrs = Object.fromEntries(Object.entries(h ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
              if (status === sc.okStatus && !checkOk(body, hdrs)) badBodies++;
              if (status === 503 && hdrs['retry-after'] !== undefined) busyWithRetryAfter++;
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    currentCannon = inst;
    inst.on('response', (_client, statusCode, _bytes, responseTime) => {
      byStatus.set(statusCode, (byStatus.get(statusCode) ?? 0) + 1);
      let l = latencies.get(statusCode);
      if (!l) latencies.set(statusCode, (l = []));
      l.push(responseTime);
    });
  });
  currentCannon = null;

  const cpu = cpuSplit(cpuBefore, cpuSnapshot());
  await settle(server.h);
  const signInRows = (await successfulSignIns(server.h)) - signInsBefore;

  const ok = byStatus.get(sc.okStatus) ?? 0;
  const busy = byStatus.get(503) ?? 0;
  const unexpected = [...byStatus]
    .filter(([s]) => s !== sc.okStatus && !(sc.busyAllowed && s === 503))
    .reduce((a, [, n]) => a + n, 0);
  const problems: string[] = [];
  if (ok === 0) problems.push('no successful login at all');
  if (unexpected > 0) {
    problems.push(
      `unexpected statuses: ${[...byStatus]
        .filter(([s]) => s !== sc.okStatus)
        .map(([s, n]) => `${s}×${n}`)
        .join(', ')}`,
    );
  }
  if (badBodies > 0)
    problems.push(`${badBodies} successful answers without a session (token / ${SESSION_COOKIE} cookie)`);
  if (result.errors > 0) problems.push(`${result.errors} connection errors (${result.timeouts} timeouts)`);
  if (busy > 0 && busyWithRetryAfter !== busy)
    problems.push(`${busy - busyWithRetryAfter} 503 answers without Retry-After`);
  // autocannon does not count answers still in flight when it stops, so the table can hold a few more rows.
  if (signInRows < ok || signInRows > ok + sc.connections) {
    problems.push(
      `sign_ins rows (${signInRows}) do not match the ${ok} successful answers (+ up to ${sc.connections} in flight)`,
    );
  }

  const seconds = result.duration;
  const run: LoadRun = {
    name: sc.name,
    endpoint: `POST ${path}`,
    connections: sc.connections,
    hashQueue: server.config.hashQueue,
    seconds,
    byStatus,
    ok,
    okPerSec: ok / seconds,
    okLatency: stats(latencies.get(sc.okStatus) ?? []),
    busy,
    busyWithRetryAfter,
    busyLatency: stats(latencies.get(503) ?? []),
    unexpected,
    errors: result.errors,
    timeouts: result.timeouts,
    signInRows,
    cpu,
    problems,
  };
  const L = run.okLatency;
  log(
    `  ${rate(run.okPerSec)} logins/s; latency p50 ${ms(L.p50)} p90 ${ms(L.p90)} p99 ${ms(L.p99)} max ${ms(L.max)} ms; ` +
      `statuses ${[...byStatus].map(([s, n]) => `${s}×${n}`).join(' ')}; errors ${result.errors}` +
      (problems.length ? `\n  PROBLEMS: ${problems.join('; ')}` : ''),
  );
  return run;
}

// ---------------------------------------------------------------------------------------------
// 4. report

function markdown(machine: [string, string][], hashRows: HashRow[], runs: LoadRun[]): string {
  const out: string[] = [];
  out.push(table(['', ''], machine));
  if (hashRows.length) {
    out.push(
      table(
        ['argon2id op', 'in parallel', 'calls', 'mean ms', 'p50 ms', 'p99 ms', 'ops/s'],
        hashRows.map((r) => [
          r.op,
          r.parallel,
          r.n,
          ms(r.stats.mean),
          ms(r.stats.p50),
          ms(r.stats.p99),
          rate(r.perSec),
        ]),
      ),
    );
  }
  out.push(
    table(
      [
        'run',
        'endpoint',
        'conns',
        'hash queue',
        'logins/s',
        'p50 ms',
        'p90 ms',
        'p99 ms',
        'max ms',
        'node CPU ms/login',
        'PG CPU ms/login',
        'CPU busy %',
        'other procs %',
        'logins',
        'other answers',
        '503 busy',
        'errors',
      ],
      runs.map((r) => [
        r.name,
        `\`${r.endpoint}\``,
        r.connections,
        r.hashQueue,
        rate(r.okPerSec),
        ms(r.okLatency.p50),
        ms(r.okLatency.p90),
        ms(r.okLatency.p99),
        ms(r.okLatency.max),
        ms(r.ok ? r.cpu.nodeMs / r.ok : NaN),
        ms(r.ok ? r.cpu.postgresMs / r.ok : NaN),
        pct(r.cpu.busyPct),
        pct(r.cpu.otherPct),
        r.ok,
        r.unexpected,
        r.busy,
        r.errors,
      ]),
    ),
  );
  const busyRuns = runs.filter((r) => r.busy > 0);
  if (busyRuns.length) {
    out.push(
      table(
        ['run', '503 answers', 'with Retry-After', '503/s', '503 p50 ms', '503 p99 ms'],
        busyRuns.map((r) => [
          r.name,
          r.busy,
          r.busyWithRetryAfter,
          rate(r.busy / r.seconds),
          ms(r.busyLatency.p50),
          ms(r.busyLatency.p99),
        ]),
      ),
    );
  }
  return out.join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// main

async function main(): Promise<number> {
  const started = new Date();
  const loadBefore = loadavg()[0]!;
  const hashPhase = skip.has('hash') ? { rows: [], otherPct: NaN } : await benchHashAlone();
  const hashRows = hashPhase.rows;
  if (interrupted) return 130;

  const dbName = `hoviyat_bench_${randomBytes(6).toString('hex')}`;
  const pgVersion = await admin(async (c) => {
    await c.query(`CREATE DATABASE ${dbName}`);
    return (await c.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  });
  cleanups.push(async () => {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
    log(`dropped database ${dbName}`);
  });
  log(`created database ${dbName} (PostgreSQL ${pgVersion})`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${dbName}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'hoviyat-bench-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));

  const server = await startServer(dbUrl.toString(), dataDir);
  const t = performance.now();
  const codes = await seedAccounts(server.h, accountCount);
  log(`seeded ${codes.length} accounts in ${ms(performance.now() - t)} ms`);

  const runs: LoadRun[] = [];
  runs.push(
    await loadRun(
      { name: 'JSON login', server, connections, endpoint: 'json', okStatus: 200, busyAllowed: false },
      codes,
    ),
  );
  if (!skip.has('form') && !interrupted) {
    runs.push(
      await loadRun(
        { name: 'HTML form login', server, connections, endpoint: 'form', okStatus: 303, busyAllowed: false },
        codes,
      ),
    );
  }
  if (!skip.has('overload') && !interrupted) {
    runs.push(
      await loadRun(
        {
          name: 'overload, default queue',
          server,
          connections: overloadConnections,
          endpoint: 'json',
          okStatus: 200,
          busyAllowed: true,
        },
        codes,
      ),
    );
    await server.close();
    if (!interrupted) {
      const short = await startServer(dbUrl.toString(), dataDir, { HOVIYAT_HASH_QUEUE: String(overloadQueue) });
      const r = await loadRun(
        {
          name: 'overload, short queue',
          server: short,
          connections: overloadConnections,
          endpoint: 'json',
          okStatus: 200,
          busyAllowed: true,
        },
        codes,
      );
      if (r.busy === 0 && overloadConnections > short.config.hashConcurrency + overloadQueue) {
        r.problems.push('no 503 server.busy although more connections than hash slots + queue');
      }
      runs.push(r);
      await short.close();
    }
  }

  const machine: [string, string][] = [
    ['date', started.toISOString()],
    ['CPU', `${cpus()[0]?.model ?? 'unknown'} (nproc ${availableParallelism()})`],
    ['memory', `${(totalmem() / 2 ** 30).toFixed(1)} GiB`],
    ['Node.js', process.version],
    ['PostgreSQL', pgVersion],
    [
      'argon2id',
      `m=${ARGON2_OPTIONS.memoryCost} KiB, t=${ARGON2_OPTIONS.timeCost}, p=${ARGON2_OPTIONS.parallelism} (@node-rs/argon2)`,
    ],
    [
      'server',
      `hash concurrency ${server.config.hashConcurrency}, UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE ?? '4 (default)'}, ` +
        `DB pool ${server.config.database.kind === 'postgres' ? server.config.database.poolSize : '-'}, ${codes.length} accounts`,
    ],
    ['load', `autocannon in the same process, ${duration} s per run, 127.0.0.1`],
    ['load average (1 min)', `${loadBefore.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at end`],
    ['other processes during the argon2 phase', `${pct(hashPhase.otherPct)} % of all cores`],
  ];
  const md = markdown(machine, hashRows, runs);
  console.log(`\n<!-- bench/login.ts output -->\n${md}\n`);
  if (markdownFile) {
    writeFileSync(markdownFile, `${md}\n`);
    log(`wrote ${markdownFile}`);
  }

  const contended = [
    ...(hashPhase.otherPct > 10 ? [`argon2 phase ${pct(hashPhase.otherPct)} %`] : []),
    ...runs.filter((r) => r.cpu.otherPct > 10).map((r) => `${r.name} ${pct(r.cpu.otherPct)} %`),
  ];
  if (contended.length) {
    log(
      `WARNING: other processes used the CPU during: ${contended.join(', ')}; these numbers understate an idle machine`,
    );
  }
  const failed = runs.filter((r) => r.problems.length);
  for (const r of failed) log(`FAILED ${r.name}: ${r.problems.join('; ')}`);
  if (interrupted) return 130;
  return failed.length ? 1 : 0;
}

const code = await main().catch((err: unknown) => {
  log(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return 1;
});
await cleanup();
process.exit(code);
