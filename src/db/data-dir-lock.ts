import {
  closeSync,
  fstatSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** Another live process holds the embedded data dir: opening it too would corrupt the database. */
export class DataDirLockedError extends Error {}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

interface Holder {
  pid: number;
  /** Process start time from /proc/<pid>/stat (clock ticks since boot): tells a reused PID apart. */
  started: string | null;
  boot: string | null;
  host: string;
}

/** The lock sits beside the data dir, not in it: PGlite's initdb wants the dir to itself. */
export function lockPathFor(dataDir: string): string {
  return join(dirname(dataDir), `${basename(dataDir)}.lock`);
}

function readOr<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

const bootId = () => readOr(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(), null);

/** State and start time of a process from /proc, or null where there is no /proc (macOS, Windows). */
function procStat(pid: number): { state: string; started: string } | null {
  const text = readOr(() => readFileSync(`/proc/${pid}/stat`, 'utf8'), null);
  if (text === null) return null;
  // the command name (field 2) may hold spaces and parentheses: count fields after the last ')'
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const started = fields[19];
  return state && started ? { state, started } : null;
}

function me(): Holder {
  return { pid: process.pid, started: procStat(process.pid)?.started ?? null, boot: bootId(), host: hostname() };
}

function parseHolder(text: string): Holder | null {
  try {
    const h = JSON.parse(text) as Partial<Holder>;
    if (!Number.isSafeInteger(h.pid) || (h.pid as number) <= 0) return null;
    return {
      pid: h.pid as number,
      started: typeof h.started === 'string' ? h.started : null,
      boot: typeof h.boot === 'string' ? h.boot : null,
      host: typeof h.host === 'string' ? h.host : '',
    };
  } catch {
    return null;
  }
}

/**
 * Whether the recorded holder still runs. PIDs are only meaningful on one machine (one PID
 * namespace): a data dir shared between hosts or containers is not protected by this lock.
 */
function isAlive(h: Holder): boolean {
  const boot = bootId();
  if (h.boot && boot && h.boot !== boot) return false; // the machine restarted since
  try {
    process.kill(h.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    // EPERM: it exists but belongs to another user, so it is alive
  }
  const now = procStat(h.pid);
  if (!now) return true;
  if (now.state === 'Z' || now.state === 'X') return false; // killed, not yet reaped
  return h.started === null || now.started === h.started; // a different start time: the PID was reused
}

function readLock(path: string): { holder: Holder | null; ino: number } | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    return { ino: fstatSync(fd).ino, holder: parseHolder(readFileSync(fd, 'utf8')) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Takes the embedded data dir for this process. The lock file is written whole under a private
 * name and hard-linked into place, so it never exists half-written; a lock left by a dead process
 * is moved aside (checking by inode that it is still that stale one) and taken over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = lockPathFor(dataDir);
  const self = me();
  for (let attempt = 0; attempt < 10; attempt++) {
    const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}`;
    writeFileSync(tmp, JSON.stringify(self), { mode: 0o600, flag: 'wx' });
    let linked = false;
    try {
      linkSync(tmp, path);
      linked = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DataDirLockedError(`Could not create the lock file ${path}: ${(err as Error).message}`, {
          cause: err,
        });
      }
    } finally {
      unlinkSync(tmp);
    }
    if (linked) return held(path, statSync(path).ino);

    const current = readLock(path);
    if (!current) continue; // released meanwhile: try again
    const h = current.holder;
    if (h && isAlive(h)) {
      const who = h.pid === process.pid ? 'this process' : `another process (PID ${h.pid}${hostNote(h, self)})`;
      throw new DataDirLockedError(
        `The data directory ${dataDir} is in use by ${who}. Stop it, or give this one its own HOVIYAT_DATA_DIR.`,
      );
    }
    const aside = `${path}.stale.${process.pid}.${randomBytes(6).toString('hex')}`;
    try {
      renameSync(path, aside);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    if (statSync(aside).ino !== current.ino) {
      // another starter replaced the stale lock first: what we moved is its live lock, put it back
      try {
        linkSync(aside, path);
      } catch {
        // a third starter took the empty spot in that instant: two holders, a race we cannot close
        // without OS locks (Node has none); it needs three starts within microseconds of a crash
      }
    }
    unlinkSync(aside);
  }
  throw new DataDirLockedError(`Could not take the lock ${path}: other processes keep starting on ${dataDir}.`);
}

function hostNote(h: Holder, self: Holder): string {
  return h.host && h.host !== self.host ? ` on ${h.host}` : '';
}

function held(path: string, ino: number): DataDirLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // remove only our own lock, never one a later process took over
    if (readOr(() => statSync(path).ino, -1) === ino) readOr(() => unlinkSync(path), undefined);
  };
  // an exit without closing the database (process.exit) still frees the dir
  process.on('exit', release);
  return { path, release };
}
