import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.js';
import * as m001 from './migrations/001-foundation.js';
import * as m002 from './migrations/002-hardening.js';
import * as m003 from './migrations/003-altcha.js';
import * as m003CodeOutbox from './migrations/003-code-outbox.js';
import * as m004 from './migrations/004-journey-engine.js';
import * as m005 from './migrations/005-payments.js';
import * as m006 from './migrations/006-sejam.js';
import * as m007 from './migrations/007-registration-wait.js';
import * as m008 from './migrations/008-sejam-edits.js';
import * as m009 from './migrations/009-sejam-civil-records.js';

/** Migrations in order. Never edit a released one: add the next. */
const migrations: Record<string, Migration> = {
  '001-foundation': m001,
  '002-hardening': m002,
  '003-altcha': m003,
  '003-code-outbox': m003CodeOutbox,
  '004-journey-engine': m004,
  '005-payments': m005,
  '006-sejam': m006,
  '007-registration-wait': m007,
  '008-sejam-edits': m008,
  '009-sejam-civil-records': m009,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Runs pending migrations (Kysely takes an advisory lock, so several nodes may start at once). */
export async function migrateToLatest(db: Database): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'hoviyat_migrations',
    migrationLockTableName: 'hoviyat_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const what = failed ? `migration ${failed.migrationName}` : 'database migration';
    throw new Error(`${what} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
