// `npm run cloud`: loads configuration, builds the app, listens, and shuts down gracefully on SIGTERM/SIGINT
// (stop accepting, finish in-flight requests, close the database), forcing exit after 10 s.
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';

const FORCE_EXIT_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    setTimeout(() => {
      app.log.error('shutdown timed out, exiting');
      process.exit(1);
    }, FORCE_EXIT_MS).unref();
    app.close().then(
      () => process.exit(0),
      (err) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await app.listen({ host: config.host, port: config.port });
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
