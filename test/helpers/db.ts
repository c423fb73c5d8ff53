import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, type Database } from '../../src/db/database.js';

/**
 * A fresh, empty database for one test file: in-memory PGlite by default, or a new database on
 * the server named by HOVIYAT_TEST_DATABASE_URL (dropped again by the returned cleanup).
 */
export async function freshDatabase(): Promise<{
  db: Database;
  kind: 'pglite' | 'postgres';
  cleanup: () => Promise<void>;
}> {
  const serverUrl = process.env.HOVIYAT_TEST_DATABASE_URL;
  if (!serverUrl) {
    const db = await openDatabase({ kind: 'pglite', dataDir: null, loadDataDir: await emptyPglite() });
    return { db, kind: 'pglite', cleanup: () => db.destroy() };
  }
  const name = `hoviyat_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 10 });
  return {
    db,
    kind: 'postgres',
    cleanup: async () => {
      await db.destroy();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

let empty: Promise<Blob> | undefined;

/**
 * A dump of a new, empty PGlite database, made once per PGlite version and machine and kept in
 * the temporary folder: loading it takes a fraction of the initdb every fresh in-memory database
 * would otherwise run (seconds each, on a slow machine most of an integration file's set-up).
 */
function emptyPglite(): Promise<Blob> {
  empty ??= (async () => {
    // the package does not export its package.json: read it beside the resolved entry point
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    const pkg = join(entry.slice(0, entry.lastIndexOf(`${sep}dist${sep}`)), 'package.json');
    const { version } = JSON.parse(readFileSync(pkg, 'utf8')) as { version: string };
    const file = join(tmpdir(), `hoviyat-test-pglite-empty-${version}.tar`);
    try {
      return new Blob([readFileSync(file)]);
    } catch {
      const lite = await PGlite.create();
      const dump = await lite.dumpDataDir('none');
      await lite.close();
      // written whole, then renamed: test files starting at once never read half a dump
      const part = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      writeFileSync(part, Buffer.from(await dump.arrayBuffer()));
      renameSync(part, file);
      return dump;
    }
  })();
  return empty;
}
