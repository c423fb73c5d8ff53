/**
 * What the benchmarks share (bench/login.ts, bench/sejam.ts): options from argv or the
 * environment, a throw-away database on the PostgreSQL server, the real app started in this
 * process, CPU accounting from /proc, percentiles and Markdown tables, the machine's description,
 * and the cleanup that runs on success, on error, on Ctrl-C and from a watchdog.
 *
 * Not a test and not part of the app: the benchmarks are run by hand and never from `npm test`.
 */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp, type Hoviyat } from '../src/app.js';
import { loadConfig, type Config, type Limits } from '../src/config.js';
import { nationalCodeCheckDigit } from '../src/domain/national-code.js';

// ---------------------------------------------------------------------------------------------
// options: `--name value` / `--name=value`, else the environment variable, else the default

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

function intOption(name: string, spec: IntOption): number {
  const raw = option(name, spec.env, String(spec.default));
  const n = Number(raw);
  if (!Number.isInteger(n) || n < spec.min || n > spec.max) {
    throw new Error(`--${name} (${spec.env}) must be an integer in ${spec.min}..${spec.max}, got "${raw}"`);
  }
  return n;
}

export interface IntOption {
  env: string;
  default: number;
  min: number;
  max: number;
}

export interface CommonOptions {
  /** `--db` / DATABASE_URL: the admin URL the bench creates its own database under. */
  adminUrl: string;
  /** `--skip` / BENCH_SKIP: the parts not to run. */
  skip: Set<string>;
  /** `--markdown` / BENCH_MARKDOWN: also write the Markdown block to this file ('' for none). */
  markdownFile: string;
}

/**
 * A bench's options: its whole-number ones as declared (by flag name), plus `--db`, `--skip`
 * (each one of `skippable`) and `--markdown`. An unknown flag or a bad value exits 2.
 */
export function benchOptions<K extends string>(
  ints: Record<K, IntOption>,
  skippable: readonly string[],
): Record<K, number> & CommonOptions {
  const known = [...Object.keys(ints), 'db', 'skip', 'markdown'];
  for (const a of process.argv.slice(2)) {
    if (a.startsWith('--') && !known.includes(a.slice(2).split('=')[0]!)) {
      console.error(`unknown option ${a} (known: ${known.map((f) => `--${f}`).join(' ')})`);
      process.exit(2);
    }
  }
  const adminUrl = option('db', 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/postgres');
  if (!/^postgres(ql)?:\/\//.test(adminUrl)) {
    console.error('DATABASE_URL must be a postgres:// URL');
    process.exit(2);
  }
  const skip = new Set(
    option('skip', 'BENCH_SKIP', '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  for (const s of skip) {
    if (!skippable.includes(s)) {
      console.error(`--skip accepts ${skippable.join(', ')}; got "${s}"`);
      process.exit(2);
    }
  }
  const values = Object.fromEntries(
    (Object.entries(ints) as [K, IntOption][]).map(([name, spec]) => [name, intOption(name, spec)]),
  ) as Record<K, number>;
  return { ...values, adminUrl, skip, markdownFile: option('markdown', 'BENCH_MARKDOWN', '') };
}

// ---------------------------------------------------------------------------------------------
// small helpers

export const log = (msg: string) => console.error(`[bench] ${msg}`);
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface Stats {
  n: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles over exact samples (ms). */
export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return { n: 0, mean: NaN, p50: NaN, p90: NaN, p99: NaN, max: NaN };
  const at = (p: number) => s[Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1))]!;
  return { n, mean: s.reduce((a, b) => a + b, 0) / n, p50: at(50), p90: at(90), p99: at(99), max: s[n - 1]! };
}

export const ms = (v: number) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : '–');
export const rate = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');
export const pct = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '–');

export function table(head: string[], rows: (string | number)[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** A valid national code from a number (its first nine digits). */
export function nationalCodeOf(first9: number): string {
  const digits = String(first9).padStart(9, '0');
  return digits + String(nationalCodeCheckDigit(digits));
}

// ---------------------------------------------------------------------------------------------
// running: cleanup, Ctrl-C and the watchdog

const cleanups: Array<() => Promise<unknown>> = [];
let cleanedUp = false;

/** Runs at the end, last registered first, whatever happened. */
export function atCleanup(fn: () => Promise<unknown>): void {
  cleanups.push(fn);
}

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

let interrupted = false;
const interruptHandlers: Array<() => void> = [];

/** True once Ctrl-C was pressed: stop the load, report what there is, clean up. */
export const isInterrupted = () => interrupted;

/** Called on the first Ctrl-C (e.g. to stop a load generator). */
export function onInterrupt(fn: () => void): void {
  interruptHandlers.push(fn);
}

/**
 * Runs a bench's `main` (its exit code), then cleans up and exits. A watchdog ends the process,
 * cleaning up first, if it runs past `budgetMs`.
 */
export async function runBench(main: () => Promise<number>, budgetMs: number): Promise<never> {
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    log('interrupted: stopping the load and cleaning up (Ctrl-C again to quit at once)');
    for (const fn of interruptHandlers) fn();
  });
  const watchdog = setTimeout(() => {
    log(`watchdog: still running after ${Math.round(budgetMs / 1000)} s, giving up`);
    const hard = setTimeout(() => process.exit(1), 15_000);
    hard.unref();
    void cleanup().finally(() => process.exit(1));
  }, budgetMs);
  watchdog.unref();
  const code = await main().catch((err: unknown) => {
    log(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 1;
  });
  await cleanup();
  process.exit(interrupted ? 130 : code);
}

// ---------------------------------------------------------------------------------------------
// the database and the server

async function admin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  pgVersion: string;
}

/** Creates `hoviyat_bench_<random>` on the server; it is dropped (WITH (FORCE)) at cleanup. */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `hoviyat_bench_${randomBytes(6).toString('hex')}`;
  const pgVersion = await admin(adminUrl, async (c) => {
    await c.query(`CREATE DATABASE ${name}`);
    return (await c.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  });
  atCleanup(async () => {
    await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    log(`dropped database ${name}`);
  });
  log(`created database ${name} (PostgreSQL ${pgVersion})`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), pgVersion };
}

/** A temporary directory, removed at cleanup. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hoviyat-bench-'));
  atCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const BENCH_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

export interface Server {
  h: Hoviyat;
  /** The database it serves (for the CPU accounting of its backends). */
  dbName: string;
  config: Readonly<Config>;
  base: string;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Environment on top of this process's (which applies as it would in production). */
  env?: Record<string, string>;
  /** The only limits a bench raises, each said in its docs. */
  limits?: Partial<Limits>;
  /** Start the job worker and housekeeping, as `src/main.ts` does on a serving node. */
  background?: boolean;
}

/** The real app from `loadConfig` and `buildApp`, in this process, on 127.0.0.1 and a free port. */
export async function startServer(databaseUrl: string, dataDir: string, opts: ServerOptions = {}): Promise<Server> {
  const config = loadConfig(
    {
      ...process.env,
      ...opts.env,
      DATABASE_URL: databaseUrl,
      NODE_ENV: 'test',
      HOVIYAT_CAPTCHA: 'simulator',
      LOG_LEVEL: 'warn',
    },
    { secret: BENCH_SECRET, dataDir, limits: opts.limits ?? {} },
  );
  const h = await buildApp(config);
  if (opts.background) h.startBackground();
  const address = await h.app.listen({ host: '127.0.0.1', port: 0 });
  const port = (h.app.server.address() as AddressInfo).port;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await h.app.close();
  };
  atCleanup(close);
  log(
    `server up at ${address} (hash concurrency ${config.hashConcurrency}, hash queue ${config.hashQueue}, ` +
      `db pool ${config.database.kind === 'postgres' ? config.database.poolSize : '-'}` +
      `${opts.background ? ', job worker running' : ''})`,
  );
  const dbName = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  return { h, dbName, config, base: `http://127.0.0.1:${port}`, close };
}

// ---------------------------------------------------------------------------------------------
// CPU accounting (Linux /proc; NaN elsewhere): who used the cores during a run

export interface CpuSnapshot {
  at: number;
  node: NodeJS.CpuUsage;
  /** Machine-wide busy and total jiffies (USER_HZ = 100 on Linux). */
  busy: number;
  total: number;
  /** utime + stime jiffies per PostgreSQL process, and whether it works for another database. */
  postgres: Map<number, { jiffies: number; otherDb: boolean }>;
}

export interface CpuSplit {
  /** This process: event loop, worker threads (argon2) and the load generator. */
  nodeMs: number;
  /**
   * PostgreSQL: the backends of the bench's database and the server's shared processes
   * (postmaster, checkpointer, WAL writer…). Without a database named, every PostgreSQL process.
   */
  postgresMs: number;
  /** Machine-wide busy share of all cores during the run. */
  busyPct: number;
  /** Share of all cores used by anything else, backends of other databases included. */
  otherPct: number;
}

const JIFFY_MS = 10;

/** Whether a PostgreSQL process is a backend of a database other than `ownDb` (its title says). */
function servesOtherDb(pid: string, ownDb: string | undefined): boolean {
  if (!ownDb) return false;
  try {
    const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    // a backend's title: "postgres: [cluster: ]user database 127.0.0.1(5432) idle"
    const backend = /\d+\.\d+\.\d+\.\d+\(\d+\)|\[local\]|[0-9a-f:]+\(\d+\)/.test(title);
    return backend && !title.includes(` ${ownDb} `);
  } catch {
    return false;
  }
}

/** `ownDb`: the bench's database, so that other databases' backends count as other work. */
export function cpuSnapshot(ownDb?: string): CpuSnapshot {
  let busy = NaN;
  let total = NaN;
  const postgres = new Map<number, { jiffies: number; otherDb: boolean }>();
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
        const jiffies = Number(rest[11]) + Number(rest[12]); // fields 14, 15: utime, stime
        postgres.set(Number(pid), { jiffies, otherDb: servesOtherDb(pid, ownDb) });
      } catch {
        /* the process ended meanwhile */
      }
    }
  } catch {
    /* no /proc */
  }
  return { at: performance.now(), node: process.cpuUsage(), busy, total, postgres };
}

export function cpuSplit(a: CpuSnapshot, b: CpuSnapshot): CpuSplit {
  const wallMs = b.at - a.at;
  const cores = availableParallelism();
  const nodeMs = (b.node.user - a.node.user + b.node.system - a.node.system) / 1000;
  let ours = 0;
  for (const [pid, p] of b.postgres) {
    const before = a.postgres.get(pid);
    if (!p.otherDb && !before?.otherDb) ours += p.jiffies - (before?.jiffies ?? 0);
  }
  const postgresMs = ours * JIFFY_MS;
  const busyMs = (b.busy - a.busy) * JIFFY_MS;
  const totalMs = (b.total - a.total) * JIFFY_MS;
  return {
    nodeMs,
    postgresMs,
    busyPct: (100 * busyMs) / totalMs,
    otherPct: Math.max(0, (100 * (busyMs - nodeMs - postgresMs)) / (wallMs * cores)),
  };
}

// ---------------------------------------------------------------------------------------------
// the report

/** The machine's rows of a result table: date, CPU, memory, Node.js, PostgreSQL. */
export function machineRows(started: Date, pgVersion: string): [string, string][] {
  return [
    ['date', started.toISOString()],
    ['CPU', `${cpus()[0]?.model ?? 'unknown'} (nproc ${availableParallelism()})`],
    ['memory', `${(totalmem() / 2 ** 30).toFixed(1)} GiB`],
    ['Node.js', process.version],
    ['PostgreSQL', pgVersion],
  ];
}

export const loadAverage = () => loadavg()[0]!;

/** Prints the Markdown block (and writes it to `file` when one is named). */
export function emitMarkdown(bench: string, md: string, file: string): void {
  console.log(`\n<!-- bench/${bench} output -->\n${md}\n`);
  if (file) {
    writeFileSync(file, `${md}\n`);
    log(`wrote ${file}`);
  }
}

/** Warns when other processes used more than 10 % of the cores during a run. */
export function warnIfContended(runs: { name: string; otherPct: number }[]): void {
  const contended = runs.filter((r) => r.otherPct > 10).map((r) => `${r.name} ${pct(r.otherPct)} %`);
  if (contended.length) {
    log(
      `WARNING: other processes used the CPU during: ${contended.join(', ')}; these numbers understate an idle machine`,
    );
  }
}
