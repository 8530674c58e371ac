// `acrylichub bridge`: runs beside a machine, streaming jobs to it over serial and offering it on MQTT
// (topics in docs/mqtt.md). `--broker embedded` starts an in-process broker for shops without one.
import type { Command } from 'commander';
import { join } from 'node:path';
import { topicIdSchema } from '../../../src-shared/grbl/mqtt-topics';
import { Bridge } from '../../bridge/bridge';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../bridge/embedded-broker';
import { SerialMachine } from '../../machines/serial-machine';
import { defaultDataDir } from '../../services/data-dir';
import { fail, numberOption, printJson } from '../output';

interface BridgeCliOptions {
  port: string; mqtt: string; machine: string; broker?: string; username?: string; password?: string; baud: string;
  tlsCa?: string; tlsCert?: string; tlsKey?: string; tlsInsecure?: boolean; spool?: string; json?: boolean;
}

export function register(program: Command): void {
  program
    .command('bridge')
    .description('Run beside a machine: stream jobs to it over serial and control it from desktops over MQTT.')
    .requiredOption('--port <path>', 'serial port of the Grbl controller')
    .requiredOption('--mqtt <url>', 'broker URL, e.g. mqtt://192.168.1.10:1883 or mqtts://broker:8883')
    .requiredOption('--machine <id>', 'machine id used in the topics (letters, digits, _ . -)')
    .option('--broker <kind>', '"embedded" runs an MQTT broker inside the bridge on the --mqtt host:port')
    .option('--username <u>', 'MQTT username')
    .option('--password <p>', 'MQTT password (or set ACRYLICHUB_MQTT_PASSWORD)')
    .option('--tls-ca <file>', 'CA certificate to verify the broker')
    .option('--tls-cert <file>', 'client certificate (with --broker embedded: the server certificate)')
    .option('--tls-key <file>', 'client key (with --broker embedded: the server key)')
    .option('--tls-insecure', 'accept a broker certificate that does not verify (testing only)')
    .option('--baud <n>', 'serial baud rate', '115200')
    .option('--spool <dir>', 'folder for verified uploads (default: <data>/bridge-spool/<machine>)')
    .option('--json', 'print one JSON line per event instead of text')
    .action(async (opts: BridgeCliOptions) => {
      const id = topicIdSchema.safeParse(opts.machine);
      if (!id.success) fail(`--machine "${opts.machine}": ${id.error.issues[0].message}`);
      let url: URL;
      try {
        url = new URL(opts.mqtt);
      } catch {
        fail(`--mqtt "${opts.mqtt}" is not a URL (expected mqtt://host:port)`);
      }
      if (!/^(mqtts?|wss?|tcp|tls):$/.test(url.protocol)) fail(`--mqtt must be an mqtt://, mqtts://, ws:// or wss:// URL, got ${url.protocol}`);
      if (opts.broker !== undefined && opts.broker !== 'embedded') fail(`--broker only accepts "embedded", got "${opts.broker}"`);
      const baud = numberOption('baud', opts.baud, { min: 1200, integer: true })!;
      const password = opts.password ?? process.env.ACRYLICHUB_MQTT_PASSWORD;
      const say = (line: string) => (opts.json ? printJson({ at: new Date().toISOString(), message: line }) : process.stderr.write(`bridge: ${line}\n`));

      let broker: EmbeddedBroker | undefined;
      if (opts.broker === 'embedded') {
        const secure = url.protocol === 'mqtts:' || url.protocol === 'tls:';
        if (secure && !(opts.tlsCert && opts.tlsKey)) fail('--broker embedded with mqtts:// needs --tls-cert and --tls-key');
        try {
          broker = await startEmbeddedBroker({
            host: url.hostname || '127.0.0.1',
            port: Number(url.port || (secure ? 8883 : 1883)),
            username: opts.username,
            password,
            tls: secure ? { certFile: opts.tlsCert!, keyFile: opts.tlsKey! } : undefined,
          });
        } catch (err) {
          fail(`cannot start the embedded broker on ${url.host}: ${(err as Error).message}`);
        }
        say(`embedded broker listening on ${url.hostname}:${broker.port}`);
      }
      const machine = new SerialMachine({ id: opts.machine, path: opts.port, baud });
      const bridge = new Bridge({
        machineId: opts.machine,
        machine,
        spoolDir: opts.spool ?? join(defaultDataDir(), 'bridge-spool', opts.machine),
        mqtt: {
          url: opts.mqtt, username: opts.username, password, tlsCa: opts.tlsCa, tlsInsecure: opts.tlsInsecure,
          tlsCert: broker ? undefined : opts.tlsCert, tlsKey: broker ? undefined : opts.tlsKey,
        },
        log: say,
      });
      try {
        await bridge.start();
      } catch (err) {
        await broker?.close();
        fail((err as Error).message);
      }
      say(`machine ${opts.machine} on ${opts.port} bridged to ${opts.mqtt}`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await bridge.stop();
      await broker?.close();
    });
}
