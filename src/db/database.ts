import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGlitePool } from './pglite-pool.js';
import { lockDataDir } from './data-dir-lock.js';
import { restrictModes, restrictUmask } from './file-modes.js';
import type { DB } from './schema.js';

export type Database = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the database or an open transaction: functions that write take this. */
export type Executor = Kysely<DB> | Transaction<DB>;

export type DatabaseTarget =
  | {
      kind: 'pglite';
      dataDir: string | null;
      /** An in-memory database starts from this dump of another one instead of a new initdb (tests). */
      loadDataDir?: Blob;
    }
  | { kind: 'postgres'; url: string; poolSize: number };

const DATE_OID = 1082;
const INT8_OID = 20;

// Dates stay 'YYYY-MM-DD' strings (a birth date has no time zone); bigints become numbers (ids and counters fit).
pg.types.setTypeParser(DATE_OID, (v) => v);
pg.types.setTypeParser(INT8_OID, (v) => Number(v));

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize });
    pool.on('error', () => {
      /* an idle client died; the pool replaces it */
    });
    return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  }
  let release = () => {};
  if (target.dataDir) {
    restrictUmask();
    mkdirSync(target.dataDir, { recursive: true, mode: 0o700 });
    // PGlite is one process's database: a second one writing the same files corrupts it
    release = lockDataDir(target.dataDir).release;
  }
  let lite: PGlite | undefined;
  try {
    if (target.dataDir) restrictModes(target.dataDir);
    lite = await PGlite.create(target.dataDir ?? undefined, {
      parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => Number(v) },
      ...(target.loadDataDir && !target.dataDir ? { loadDataDir: target.loadDataDir } : {}),
    });
    // initdb and start-up chmod some files 0666 whatever the umask
    if (target.dataDir) restrictModes(target.dataDir);
  } catch (err) {
    await lite?.close().catch(() => undefined);
    release();
    throw err;
  }
  const pool = new PGlitePool(lite, release);
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as never }) });
}
