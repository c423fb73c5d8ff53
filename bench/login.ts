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
import { hash, verify } from '@node-rs/argon2';
import { availableParallelism } from 'node:os';
import type { Hoviyat } from '../src/app.js';
import { ARGON2_OPTIONS } from '../src/security/password-hasher.js';
import { SESSION_COOKIE } from '../src/identity/sessions.js';
import { CSRF_COOKIE } from '../src/security/csrf.js';
import {
  benchOptions,
  createBenchDatabase,
  cpuSnapshot,
  cpuSplit,
  emitMarkdown,
  isInterrupted,
  loadAverage,
  log,
  machineRows,
  ms,
  nationalCodeOf,
  onInterrupt,
  pct,
  rate,
  runBench,
  sleep,
  startServer,
  stats,
  table,
  tempDir,
  warnIfContended,
  type CpuSplit,
  type Server,
  type Stats,
} from './common.js';

// ---------------------------------------------------------------------------------------------
// options

const opts = benchOptions(
  {
    duration: { env: 'BENCH_DURATION', default: 15, min: 1, max: 600 },
    connections: { env: 'BENCH_CONNECTIONS', default: 8, min: 1, max: 1000 },
    accounts: { env: 'BENCH_ACCOUNTS', default: 200, min: 1, max: 100_000 },
    'hash-n': { env: 'BENCH_HASH_N', default: 100, min: 4, max: 10_000 },
    'overload-connections': { env: 'BENCH_OVERLOAD_CONNECTIONS', default: 64, min: 1, max: 1000 },
    'overload-queue': { env: 'BENCH_OVERLOAD_QUEUE', default: 16, min: 0, max: 10_000 },
  },
  ['hash', 'form', 'overload'],
);
const { adminUrl, duration, connections, skip, markdownFile } = opts;
const accountCount = opts.accounts;
const hashN = opts['hash-n'];
const overloadConnections = opts['overload-connections'];
const overloadQueue = opts['overload-queue'];

const PASSWORD = 'Hoviyat-bench-2024!';
/** Raised for the bench ONLY: all load comes from one IP and every account logs in many times. */
const BENCH_LIMITS = { loginPerIp: 1e9, loginLockAfter: 1e9, loginCaptchaAfter: 1e9 };

let currentCannon: autocannon.Instance | null = null;
onInterrupt(() => currentCannon?.stop());

const loadRuns = 1 + (skip.has('form') ? 0 : 1) + (skip.has('overload') ? 0 : 2);
const budgetMs = (loadRuns * (duration + 20) + (skip.has('hash') ? 0 : 120) + 120) * 1000;

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
// 2. accounts

/** The seeded accounts' national codes. */
const accountCode = (i: number) => nationalCodeOf(123_000_000 + i * 37);

async function seedAccounts(h: Hoviyat, n: number): Promise<string[]> {
  const passwordHash = await hash(PASSWORD, ARGON2_OPTIONS); // one hash, shared by every account
  const now = new Date();
  const codes = Array.from({ length: n }, (_, i) => accountCode(i));
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
  const cpuBefore = cpuSnapshot(server.dbName);
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

  const cpu = cpuSplit(cpuBefore, cpuSnapshot(server.dbName));
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
  const loadBefore = loadAverage();
  const hashPhase = skip.has('hash') ? { rows: [], otherPct: NaN } : await benchHashAlone();
  const hashRows = hashPhase.rows;
  if (isInterrupted()) return 130;

  const db = await createBenchDatabase(adminUrl);
  const dataDir = tempDir();
  const server = await startServer(db.url, dataDir, { limits: BENCH_LIMITS });
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
  if (!skip.has('form') && !isInterrupted()) {
    runs.push(
      await loadRun(
        { name: 'HTML form login', server, connections, endpoint: 'form', okStatus: 303, busyAllowed: false },
        codes,
      ),
    );
  }
  if (!skip.has('overload') && !isInterrupted()) {
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
    if (!isInterrupted()) {
      const short = await startServer(db.url, dataDir, {
        env: { HOVIYAT_HASH_QUEUE: String(overloadQueue) },
        limits: BENCH_LIMITS,
      });
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
    ...machineRows(started, db.pgVersion),
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
    ['load average (1 min)', `${loadBefore.toFixed(2)} at start, ${loadAverage().toFixed(2)} at end`],
    ['other processes during the argon2 phase', `${pct(hashPhase.otherPct)} % of all cores`],
  ];
  const md = markdown(machine, hashRows, runs);
  emitMarkdown('login.ts', md, markdownFile);
  warnIfContended([
    { name: 'argon2 phase', otherPct: hashPhase.otherPct },
    ...runs.map((r) => ({ name: r.name, otherPct: r.cpu.otherPct })),
  ]);
  const failed = runs.filter((r) => r.problems.length);
  for (const r of failed) log(`FAILED ${r.name}: ${r.problems.join('; ')}`);
  return failed.length ? 1 : 0;
}

await runBench(main, budgetMs);
