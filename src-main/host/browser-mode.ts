// Starts browser mode for the CLI and `npm start`: opens the services on the data folder, starts the host,
// prints where to open the app, and shuts down cleanly on SIGINT/SIGTERM.
import { createAppServices } from '../services/app-services';
import { defaultDataDir } from '../services/data-dir';
import { isLoopback } from './access';
import { startHost, type RunningHost } from './server';

export interface BrowserModeOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  staticDir: string;
  json?: boolean;
}

export async function startBrowserMode(opts: BrowserModeOptions): Promise<RunningHost> {
  const dataDir = opts.dataDir ?? defaultDataDir();
  // Path-based file access is for the user's own computer only, never for other machines on a LAN.
  const local = isLoopback(opts.host ?? '127.0.0.1');
  const services = createAppServices({ dataDir, shell: 'browser', pathAccess: () => local });
  let running: RunningHost;
  try {
    running = await startHost({ handlers: services.handlers, staticDir: opts.staticDir, host: opts.host, port: opts.port });
  } catch (err) {
    await services.close();
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') throw new Error(`Port ${opts.port} is already in use; choose another with --port`);
    if (e.code === 'EADDRNOTAVAIL') throw new Error(`Address ${opts.host} is not on this machine`);
    throw err;
  }
  services.addEventSink(running.broadcast);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ url: running.url, openUrl: running.openUrl, token: running.token, dataDir })}\n`);
  } else {
    process.stdout.write(`AcrylicHub Pro (browser mode) is running.\n  Open: ${running.openUrl}\n  Data: ${dataDir}\n`);
    if (running.token) process.stdout.write(`  Access token (needed from other machines): ${running.token}\n`);
    process.stdout.write('Press Ctrl+C to stop.\n');
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await running.close();
    await services.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return running;
}
