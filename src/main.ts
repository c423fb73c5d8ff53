import { loadConfig, ConfigError, describeAdapters } from './config.js';
import { buildApp } from './app.js';

let config;
try {
  config = loadConfig();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}

let built;
try {
  built = await buildApp(config);
} catch (err) {
  // a bad simulated-population file, an unreachable database, a failed migration: say it plainly
  console.error(`Hoviyat could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
const { app, startBackground } = built;
// an operator sees at a glance which ports are real and which are simulated
app.log.info(`adapters: ${describeAdapters(config)}`);
if (config.runWorkers) startBackground();

const shutdown = async (signal: string) => {
  app.log.info({ signal }, 'shutting down');
  await app.close();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

try {
  await app.listen({ port: config.port, host: config.host });
  const where =
    config.database.kind === 'pglite' ? `embedded PostgreSQL in ${config.database.dataDir}` : 'PostgreSQL server';
  app.log.info(
    `Hoviyat is serving on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (${where})`,
  );
} catch (err) {
  app.log.error(err);
  process.exit(1);
}
