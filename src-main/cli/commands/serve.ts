// `acrylichub serve`: browser mode — the app's services and renderer on a local HTTP/WebSocket host.
import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { startBrowserMode } from '../../host/browser-mode';
import { numberOption } from '../output';

export const rendererDir = fileURLToPath(new URL('../../../dist/renderer', import.meta.url));

export function register(program: Command): void {
  program
    .command('serve')
    .description('Run the app in browser mode: services + UI served over HTTP/WebSocket.')
    .option('--port <n>', 'port to listen on (0 = any free port)', '5180')
    .option('--host <address>', 'address to bind; anything but loopback requires the printed token', '127.0.0.1')
    .option('--data <dir>', 'data folder (default: ACRYLICHUB_HOME or the OS app-data folder)')
    .option('--json', 'print {url, openUrl, token, dataDir} as JSON when ready')
    .action(async (opts: { port: string; host: string; data?: string; json?: boolean }) => {
      const port = numberOption('port', opts.port, { min: 0, integer: true });
      await startBrowserMode({ port, host: opts.host, dataDir: opts.data, staticDir: rendererDir, json: opts.json });
    });
}
