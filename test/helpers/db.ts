import { randomBytes } from 'node:crypto';
import pg from 'pg';
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
    const db = await openDatabase({ kind: 'pglite', dataDir: null });
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
