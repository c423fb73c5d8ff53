/**
 * Sejam benchmark: whole Sejam registrations per second through the JSON API on a PostgreSQL
 * server, each one's wall time (p50/p99) and its CPU cost, with the SMS codes read from the SMS
 * simulator's inbox and the fee paid on the simulated gateway.
 *
 * NOT a test: it is run by hand (`npm run bench:sejam`, or `npx tsx bench/sejam.ts`) and never
 * from `npm test`. Results are recorded in docs/benchmarks.md.
 *
 * What it does:
 *   1. writes N made-up people every simulator vouches for (bench/sejam-people.ts) to a
 *      temporary people file, creates a fresh database `hoviyat_bench_<random>` on the server
 *      named by DATABASE_URL, and starts the real app in-process on 127.0.0.1:0 with its job
 *      worker running (as src/main.ts does), the simulators reading that file;
 *   2. walks a few warm-up registrations, then `--registrants` more with `--concurrency` in
 *      flight (bench/sejam-client.ts), each a different person: captcha, mobile, SMS code, national
 *      code, fee on the gateway page and its callback, five forms, review, and the flow read until
 *      the inquiry jobs have issued the tracking code;
 *   3. waits for the jobs the registrations left due (the payment's deferred verify, 30 s after its
 *      callback), then checks the outcome in the database: every profile at «کد پیگیری», every fee
 *      counted, no failed job, and every tracking code in its owner's SMS inbox;
 *   4. prints Markdown tables, closes the server, drops the database and exits
 *      (non-zero when any registration saw an unexpected answer or a check failed).
 *
 * No limit is raised: each registrant comes from its own address (X-Forwarded-For, with
 * 127.0.0.1 trusted as the proxy, as behind a real reverse proxy), and each person registers once.
 *
 * Options (argv `--name value` / `--name=value`, or environment):
 *   --db            DATABASE_URL         admin URL (default postgres://postgres@127.0.0.1:5432/postgres)
 *   --registrants   BENCH_REGISTRANTS    measured registrations (default 200)
 *   --concurrency   BENCH_CONCURRENCY    registrations in flight (default 8)
 *   --warmup        BENCH_WARMUP         registrations before the measurement (default 8)
 *   --max-seconds   BENCH_MAX_SECONDS    no registration starts after this (default 300)
 *   --wait-seconds  BENCH_WAIT_SECONDS   bound of each wait for a job's result (default 60)
 *   --poll-ms       BENCH_POLL_MS        how often a waiting client reads again (default 200)
 *   --nodes         BENCH_NODES          app nodes in this process on the one database, each with its
 *                                        own job worker; registrant i walks on node i mod N (default 1)
 *   --skip          BENCH_SKIP           comma list of: tail (do not wait for the deferred jobs)
 *   --markdown      BENCH_MARKDOWN       also write the Markdown block to this file
 * DATABASE_POOL_SIZE and HOVIYAT_SEJAM_FEE_RIAL from the environment apply to the server.
 */
import { join } from 'node:path';
import pg from 'pg';
import { sql, type RawBuilder } from 'kysely';
import {
  benchOptions,
  cpuSnapshot,
  cpuSplit,
  createBenchDatabase,
  emitMarkdown,
  isInterrupted,
  loadAverage,
  log,
  machineRows,
  ms,
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
} from './common.js';
import { paymentReconcileJob } from '../src/payments/jobs.js';
import { HOUSEKEEPING_QUEUE } from '../src/housekeeping.js';
import { writeBenchPeople, type Registrant } from './sejam-people.js';
import { BenchError, Recorder, register } from './sejam-client.js';

const opts = benchOptions(
  {
    registrants: { env: 'BENCH_REGISTRANTS', default: 200, min: 1, max: 100_000 },
    concurrency: { env: 'BENCH_CONCURRENCY', default: 8, min: 1, max: 256 },
    warmup: { env: 'BENCH_WARMUP', default: 8, min: 0, max: 1000 },
    'max-seconds': { env: 'BENCH_MAX_SECONDS', default: 300, min: 5, max: 3600 },
    'wait-seconds': { env: 'BENCH_WAIT_SECONDS', default: 60, min: 1, max: 600 },
    'poll-ms': { env: 'BENCH_POLL_MS', default: 200, min: 20, max: 5000 },
    nodes: { env: 'BENCH_NODES', default: 1, min: 1, max: 8 },
  },
  ['tail'],
);
const { adminUrl, registrants, concurrency, warmup, nodes, skip, markdownFile } = opts;
const maxSeconds = opts['max-seconds'];
const waitSeconds = opts['wait-seconds'];
const pollMs = opts['poll-ms'];

/** The deferred verify is due 30 s after a callback (limits.paymentVerifyRetryMs); a margin on top. */
const TAIL_BOUND_S = 30 + waitSeconds;
/** How long the idle server's own cost is measured, before the load. */
const IDLE_SECONDS = 5;
/** After this many failed registrations no new one starts (one already fails the run). */
const MAX_ERRORS = 10;
const budgetMs = (2 * (maxSeconds + 3 * waitSeconds) + TAIL_BOUND_S + IDLE_SECONDS + 180) * 1000;

// ---------------------------------------------------------------------------------------------
// the load

/**
 * SQL statements sent by this process (BEGIN and COMMIT included: each is a round trip), counted
 * where every query of the app passes: node-postgres' Client.query.
 */
let statements = 0;
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof clientQuery;

interface Phase {
  name: string;
  seconds: number;
  completed: number;
  times: number[];
  /** The tracking code the API told each registered mobile. */
  codes: Map<string, string>;
  errors: BenchError[];
  rec: Recorder;
  cpu: CpuSplit;
  statements: number;
}

/**
 * `people` registered with `concurrency` in flight, none started after `maxSeconds`; person i
 * walks on node i mod nodes (all of them on one database).
 */
async function phase(name: string, servers: Server[], people: Registrant[], addressBase: number): Promise<Phase> {
  const server = servers[0]!;
  const rec = new Recorder();
  const times: number[] = [];
  const codes = new Map<string, string>();
  const errors: BenchError[] = [];
  let next = 0;
  log(`${name}: ${people.length} registrations, ${Math.min(concurrency, people.length)} in flight`);
  const cpuBefore = cpuSnapshot(server.dbName);
  const statementsBefore = statements;
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  let lastReport = started;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, people.length) }, async () => {
      while (next < people.length && performance.now() < deadline && errors.length < MAX_ERRORS && !isInterrupted()) {
        const i = next++;
        const who = people[i]!;
        const n = addressBase + i;
        const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
        const t = performance.now();
        try {
          codes.set(
            who.mobile,
            await register(who, {
              base: servers[n % servers.length]!.base,
              ip,
              pollMs,
              waitMs: waitSeconds * 1000,
              rec,
            }),
          );
          times.push(performance.now() - t);
        } catch (err) {
          const e = err instanceof BenchError ? err : new BenchError('?', String(err));
          errors.push(e);
          log(`  registration ${i} failed at ${e.message}`);
        }
        if (performance.now() - lastReport > 10_000) {
          lastReport = performance.now();
          log(`  ${times.length} done, ${errors.length} failed, ${Math.round((lastReport - started) / 1000)} s`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSplit(cpuBefore, cpuSnapshot(server.dbName));
  const s = stats(times);
  log(
    `  ${times.length} registered in ${seconds.toFixed(1)} s (${rate(times.length / seconds)}/s); ` +
      `p50 ${ms(s.p50)} p99 ${ms(s.p99)} ms; node CPU ${ms(cpu.nodeMs / times.length)} ms/registration; ` +
      `${errors.length} failed`,
  );
  return {
    name,
    seconds,
    completed: times.length,
    times,
    codes,
    errors,
    rec,
    cpu,
    statements: statements - statementsBefore,
  };
}

// ---------------------------------------------------------------------------------------------
// after the load: the deferred jobs, and the outcome in the database

/** Jobs not waited for: the reconcile is due 17 minutes after a payment's start, housekeeping is periodic. */
const LATER_QUEUES = [paymentReconcileJob.queue, HOUSEKEEPING_QUEUE];

interface Background {
  seconds: number;
  cpu: CpuSplit;
}

/** Requests of the HTTP floor measurement (each a redirect answered with no database work). */
const FLOOR_REQUESTS = 1000;

/**
 * The CPU of one HTTP request and answer with nothing behind it (GET /favicon.ico, a redirect),
 * client and server together: the part of every request in the figures that is HTTP itself.
 */
async function httpFloor(server: Server): Promise<{ requests: number; cpu: CpuSplit }> {
  const before = cpuSnapshot(server.dbName);
  let sent = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < FLOOR_REQUESTS) {
        sent++;
        const res = await fetch(`${server.base}/favicon.ico`, { redirect: 'manual' });
        await res.arrayBuffer();
        if (res.status !== 301) throw new Error(`GET /favicon.ico answered ${res.status}`);
      }
    }),
  );
  return { requests: sent, cpu: cpuSplit(before, cpuSnapshot(server.dbName)) };
}

/** What the server costs doing nothing (the job worker polls its queue) over `seconds`. */
async function idleCost(server: Server, seconds: number): Promise<Background> {
  log(`idle: ${seconds} s with the server up and no load`);
  const before = cpuSnapshot(server.dbName);
  await sleep(seconds * 1000);
  return { seconds, cpu: cpuSplit(before, cpuSnapshot(server.dbName)) };
}

/** Waits until no job is pending but those due much later (the reconcile, at 17 minutes). */
async function tail(server: Server): Promise<Background & { left: number }> {
  const { db } = server.h.services;
  const before = cpuSnapshot(server.dbName);
  const started = performance.now();
  let left: number;
  log(`tail: waiting (at most ${TAIL_BOUND_S} s) for the jobs the registrations left due`);
  for (;;) {
    const row = await db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('state', 'in', ['pending', 'running'])
      .where('queue', 'not in', LATER_QUEUES)
      .executeTakeFirstOrThrow();
    left = Number(row.n);
    if (left === 0 || performance.now() - started > TAIL_BOUND_S * 1000 || isInterrupted()) break;
    await sleep(500);
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, left, cpu: cpuSplit(before, cpuSnapshot(server.dbName)) };
}

interface JobRow {
  queue: string;
  jobs: number;
  p50: number;
  p99: number;
}

/** The jobs run since `since`, by queue: how many, and how long from due to done. */
async function jobsByQueue(server: Server, since: Date): Promise<JobRow[]> {
  const rows = await server.h.services.db
    .selectFrom('jobs')
    .select(['queue', 'run_at', 'finished_at'])
    .where('state', '=', 'done')
    .where('created_at', '>=', since)
    .execute();
  const by = new Map<string, number[]>();
  for (const r of rows) {
    let l = by.get(r.queue);
    if (!l) by.set(r.queue, (l = []));
    l.push(r.finished_at ? r.finished_at.getTime() - r.run_at.getTime() : NaN);
  }
  return [...by]
    .map(([queue, l]) => {
      const s = stats(l);
      return { queue, jobs: l.length, p50: s.p50, p99: s.p99 };
    })
    .sort((a, b) => b.jobs - a.jobs);
}

/** What the registrations (tracking code by mobile) must have left behind; each missing thing is a problem. */
async function checkOutcome(server: Server, registered: Map<string, string>): Promise<string[]> {
  const { db } = server.h.services;
  const expected = registered.size;
  const problems: string[] = [];
  const count = async (q: RawBuilder<{ n: string }>) => Number((await q.execute(db)).rows[0]!.n);
  const profiles = await count(sql`SELECT count(*) AS n FROM sejam_profiles WHERE state = 'tracking_code'`);
  if (profiles !== expected) problems.push(`${profiles} profiles at tracking_code, expected ${expected}`);
  // one counted fee for every profile past the fee (a failed registration may have paid too)
  const paid = await count(sql`SELECT count(*) AS n FROM sejam_profiles WHERE state <> 'mobile_verified'`);
  const counted = await count(sql`SELECT count(*) AS n FROM payments WHERE state IN ('verified', 'settled')`);
  if (counted !== paid) problems.push(`${counted} fees counted for ${paid} profiles past the fee`);
  const failedJobs = await count(sql`SELECT count(*) AS n FROM jobs WHERE state = 'failed'`);
  if (failedJobs) problems.push(`${failedJobs} jobs failed`);
  // the tracking code reached each owner's simulated phone (read as a person would, after the run)
  let missing = 0;
  for (const [mobile, code] of registered) {
    const res = await fetch(`${server.base}/dev/sms?to=${mobile}&format=json&limit=5`);
    const body = (await res.json()) as { messages: { text: string }[] };
    if (!body.messages.some((m) => m.text.includes(code))) missing++;
  }
  if (missing) problems.push(`${missing} tracking codes not in their owner's SMS inbox`);
  const unsettled = await sql<{ state: string; n: string }>`
    SELECT state, count(*) AS n FROM payments WHERE state <> 'settled' GROUP BY state`.execute(db);
  if (unsettled.rows.length) log(`payments not settled: ${unsettled.rows.map((r) => `${r.state}×${r.n}`).join(', ')}`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// the report

function markdown(
  machine: [string, string][],
  run: Phase,
  idle: Background,
  after: (Background & { left: number }) | null,
  jobs: JobRow[],
  floor: Awaited<ReturnType<typeof httpFloor>>,
): string {
  const out: string[] = [table(['', ''], machine)];
  const n = run.completed;
  const per = (v: number) => ms(n ? v / n : NaN);
  const s = stats(run.times);
  const sec = (v: number) => (Number.isFinite(v) ? (v / 1000).toFixed(2) : '–');
  out.push(
    table(
      [
        'registrations',
        'concurrency',
        'completed',
        'failed',
        'wall s',
        'registrations/s',
        'p50 s',
        'p90 s',
        'p99 s',
        'max s',
        'node CPU ms/reg',
        'PG CPU ms/reg',
        'CPU busy %',
        'other procs %',
        'requests/reg (journey + polls)',
        'SQL statements/reg',
      ],
      [
        [
          registrants,
          concurrency,
          n,
          run.errors.length,
          run.seconds.toFixed(1),
          rate(n / run.seconds),
          sec(s.p50),
          sec(s.p90),
          sec(s.p99),
          sec(s.max),
          per(run.cpu.nodeMs),
          per(run.cpu.postgresMs),
          pct(run.cpu.busyPct),
          pct(run.cpu.otherPct),
          `${rate(run.rec.journeyRequests / Math.max(1, n))} + ${rate(run.rec.pollRequests / Math.max(1, n))}`,
          rate(run.statements / Math.max(1, n)),
        ],
      ],
    ),
  );
  const perS = (v: number, seconds: number) => ms(v / seconds);
  const aboveIdle = (v: number, idleV: number, seconds: number) =>
    per(Math.max(0, v - (idleV / idle.seconds) * seconds));
  out.push(
    table(
      [
        'background',
        'seconds',
        'jobs left',
        'node CPU ms/s',
        'PG CPU ms/s',
        'node CPU ms/reg above idle',
        'PG CPU ms/reg above idle',
        'other procs %',
      ],
      [
        [
          'idle server before the load (job worker polling)',
          idle.seconds.toFixed(1),
          '–',
          perS(idle.cpu.nodeMs, idle.seconds),
          perS(idle.cpu.postgresMs, idle.seconds),
          '–',
          '–',
          pct(idle.cpu.otherPct),
        ],
        ...(after
          ? [
              [
                'after the load, until the deferred jobs ran (payment verify, 30 s after each callback)',
                after.seconds.toFixed(1),
                after.left,
                perS(after.cpu.nodeMs, after.seconds),
                perS(after.cpu.postgresMs, after.seconds),
                aboveIdle(after.cpu.nodeMs, idle.cpu.nodeMs, after.seconds),
                aboveIdle(after.cpu.postgresMs, idle.cpu.postgresMs, after.seconds),
                pct(after.cpu.otherPct),
              ],
            ]
          : []),
      ],
    ),
  );
  out.push(
    table(
      ['HTTP floor', 'requests', 'node CPU ms/request', 'node CPU ms/reg at the requests/reg above'],
      [
        [
          '`GET /favicon.ico` (a redirect, no database), client and server',
          floor.requests,
          ms(floor.cpu.nodeMs / floor.requests),
          ms((floor.cpu.nodeMs / floor.requests) * ((run.rec.journeyRequests + run.rec.pollRequests) / Math.max(1, n))),
        ],
      ],
    ),
  );
  const rows = (m: Map<string, number[]>) =>
    [...m].map(([name, l]) => {
      const st = stats(l);
      return [name, st.n, rate(st.n / Math.max(1, n)), ms(st.p50), ms(st.p90), ms(st.p99), ms(st.max)];
    });
  out.push(table(['request', 'count', 'per reg', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'], rows(run.rec.steps)));
  out.push(table(['wait', 'count', 'per reg', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'], rows(run.rec.waits)));
  out.push(
    table(
      ['job queue', 'jobs', 'per reg', 'due → done p50 ms', 'due → done p99 ms'],
      jobs.map((j) => [`\`${j.queue}\``, j.jobs, rate(j.jobs / Math.max(1, n)), ms(j.p50), ms(j.p99)]),
    ),
  );
  if (run.errors.length) {
    const by = new Map<string, number>();
    for (const e of run.errors) by.set(e.step, (by.get(e.step) ?? 0) + 1);
    out.push(table(['failed at', 'registrations'], [...by]));
  }
  return out.join('\n\n');
}

// ---------------------------------------------------------------------------------------------
// main

async function main(): Promise<number> {
  const started = new Date();
  const loadBefore = loadAverage();
  const dataDir = tempDir();
  const peopleFile = join(dataDir, 'people.json');
  const people = writeBenchPeople(peopleFile, warmup + registrants);
  log(`wrote ${people.length} simulated people to ${peopleFile}`);

  const db = await createBenchDatabase(adminUrl);
  const servers: Server[] = [];
  for (let i = 0; i < nodes; i++) {
    servers.push(
      await startServer(db.url, dataDir, {
        env: { HOVIYAT_SIM_PEOPLE: peopleFile, HOVIYAT_TRUSTED_PROXIES: '127.0.0.1' },
        background: true,
      }),
    );
  }
  const server = servers[0]!;
  const idle = await idleCost(server, IDLE_SECONDS);
  const floor = await httpFloor(server);
  const warm = warmup ? await phase('warm-up', servers, people.slice(0, warmup), 0) : null;
  if (warm?.errors.length) {
    log(`FAILED: the warm-up already went wrong (${warm.errors[0]!.message})`);
    return 1;
  }
  const since = new Date();
  const run = await phase('measured', servers, people.slice(warmup), warmup);
  const after = skip.has('tail') || isInterrupted() ? null : await tail(server);
  const jobs = await jobsByQueue(server, since);

  const problems = run.errors.map((e) => e.message).slice(0, 5);
  if (run.errors.length > 5) problems.push(`… and ${run.errors.length - 5} more failed registrations`);
  if (run.completed + run.errors.length < registrants) {
    problems.push(`only ${run.completed + run.errors.length} of ${registrants} registrations started`);
  }
  if (after?.left) problems.push(`${after.left} jobs still pending after ${after.seconds.toFixed(0)} s`);
  const registered = new Map([...(warm?.codes ?? []), ...run.codes]);
  problems.push(...(await checkOutcome(server, registered)));

  const cfg = server.config;
  const machine: [string, string][] = [
    ...machineRows(started, db.pgVersion),
    [
      'server',
      `${nodes === 1 ? 'one node' : `${nodes} nodes on one database`} in this process, ` +
        `${nodes === 1 ? 'its job worker' : 'each with its job worker'} running as src/main.ts starts it; ` +
        `DB pool ${cfg.database.kind === 'postgres' ? cfg.database.poolSize : '-'}${nodes === 1 ? '' : ' per node'}; ` +
        `fee ${cfg.sejam.feeRial} rials on the simulated gateway; simulators for SMS, captcha, registries`,
    ],
    [
      'load',
      `${warmup} warm-up + ${registrants} registrations (${registrants + warmup} people), ${concurrency} in flight, ` +
        `fetch in the same process over 127.0.0.1, waits read every ${pollMs} ms`,
    ],
    ['load average (1 min)', `${loadBefore.toFixed(2)} at start, ${loadAverage().toFixed(2)} at end`],
  ];
  const md = markdown(machine, run, idle, after, jobs, floor);
  emitMarkdown('sejam.ts', md, markdownFile);
  warnIfContended([{ name: 'measured run', otherPct: run.cpu.otherPct }]);
  for (const p of problems) log(`FAILED: ${p}`);
  return problems.length ? 1 : 0;
}

await runBench(main, budgetMs);
