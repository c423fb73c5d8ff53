import { loadConfig, ConfigError } from '../config.js';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';
import { DataDirLockedError } from './data-dir-lock.js';

try {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  await db.destroy();
} catch (err) {
  // a running server holding the embedded data dir is an operator's situation, not a crash
  console.error(err instanceof ConfigError || err instanceof DataDirLockedError ? err.message : err);
  process.exit(1);
}
