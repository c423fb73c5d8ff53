import { chmodSync, closeSync, constants, fchmodSync, fstatSync, lstatSync, openSync, readdirSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { join } from 'node:path';

const PRIVATE = 0o700;

/** New files this process creates get no group or other bits (PGlite otherwise writes 0666). */
export function restrictUmask(): void {
  if (process.platform === 'win32' || !isMainThread) return; // workers may not change the umask
  process.umask(process.umask(0o077) | 0o077);
}

/**
 * Takes group and other bits off dir and everything under it (dirs end 0700, files 0600), as older
 * versions and PGlite's initdb left them open. Top-down, so the dir is closed to others before
 * its entries are touched; symlinks are neither followed nor changed.
 */
export function restrictModes(dir: string): void {
  if (process.platform === 'win32') return;
  if (restrict(dir)) walk(dir);
}

function walk(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() && !entry.isFile()) continue; // symlinks, sockets, FIFOs
    const path = join(dir, entry.name);
    if (restrict(path)) walk(path);
  }
}

/** Restricts one entry without following a symlink; tells whether it is a directory. */
function restrict(path: string): boolean {
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO swapped in must not hang the start
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ELOOP') return false; // gone, or a symlink
    if (code !== 'EACCES') throw err;
    // not readable by us (a 0200 file): fall back to the path, still not through a symlink
    const st = lstatSync(path);
    if (st.isSymbolicLink()) return false;
    chmodSync(path, st.mode & PRIVATE);
    return st.isDirectory();
  }
  try {
    const st = fstatSync(fd);
    if (!st.isDirectory() && !st.isFile()) return false;
    if ((st.mode & 0o077) !== 0) {
      try {
        fchmodSync(fd, st.mode & PRIVATE);
      } catch (err) {
        throw new Error(`Could not make ${path} private to this user: ${(err as Error).message}`, { cause: err });
      }
    }
    return st.isDirectory();
  } finally {
    closeSync(fd);
  }
}
