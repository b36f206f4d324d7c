import 'reflect-metadata';
import pino from 'pino';
import { ConfigError, loadConfig } from '@common-ground/shared/config';
import { openDatabaseServer, waitForDatabase } from '@common-ground/shared/database';
import { createApp, drainAndClose } from './app';
import { loadDemoData } from './demo/demo-data';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const log = pino({ level: config.logLevel, base: { process: 'api' } });
  if (config.jwt.secretGenerated) log.warn('JWT_SECRET is not set: using a random secret; tokens end with this process');

  const database = await openDatabaseServer({
    url: config.database.url,
    embeddedDataDir: config.database.embeddedDataDir,
    embeddedPort: config.database.embeddedPort,
    log: (line) => log.debug({ component: 'postgres' }, line),
  });
  if (database.embedded) log.info({ url: database.url.replace(/\?.*$/, '') }, 'embedded PostgreSQL started');

  let app;
  try {
    // The database may start after the API (or be restarting): wait for it, with backoff.
    await waitForDatabase(database.url, {
      timeoutMs: config.database.connectRetryMs,
      attemptTimeoutMs: config.database.timeouts.acquireMs || undefined,
      onRetry: ({ attempt, reason, delayMs }) => log.warn({ attempt, reason, delayMs }, `database unavailable (${reason}); retrying in ${delayMs} ms`),
    });
    app = await createApp(config, database.url);
    await app.init();
    if (config.demoData && (await loadDemoData(app))) log.info('demo data loaded (see README: demo accounts)');
    await app.listen(config.port, config.host);
  } catch (error) {
    await database.stop();
    throw error;
  }
  log.info(`Common Ground API on http://localhost:${config.port}/graphql`);

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    // SIGTERM (an orchestrator) gets the grace period; SIGINT (Ctrl-C at a terminal) does not.
    const graceMs = signal === 'SIGTERM' ? config.shutdownGraceMs : 0;
    log.info({ signal, graceMs }, 'shutting down: readiness fails; still serving during the grace period');
    const force = setTimeout(() => {
      log.error('shutdown timed out; exiting');
      process.exit(1);
    }, graceMs + config.shutdownTimeoutMs);
    force.unref();
    try {
      await drainAndClose(app, {
        graceMs,
        onListenerClosed: () => log.info('listener closed; waiting for in-flight requests'),
      });
      await database.stop();
      log.info('stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`Common Ground API failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
