// Brokers for the MQTT tests: a private Debian Mosquitto on a free loopback port with a password file (started,
// stopped and restarted on the same port by the test), and the bridge's embedded aedes broker.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedBroker, type EmbeddedBroker } from '../embedded-broker';

export const USER = 'bridge';
export const PASSWORD = 'laser-s3cret';

export interface TestBroker {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() - start > timeoutMs) throw new Error(`broker did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function startMosquitto(): Promise<TestBroker> {
  const dir = mkdtempSync(join(tmpdir(), 'mosq-'));
  // Started as root, mosquitto drops to its own user, which must be able to read the password file.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const pwfile = join(dir, 'passwd');
  writeFileSync(pwfile, '');
  execFileSync('mosquitto_passwd', ['-b', pwfile, USER, PASSWORD]);
  chmodSync(pwfile, 0o644);
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, [`listener ${port} 127.0.0.1`, 'allow_anonymous false', `password_file ${pwfile}`, 'persistence false', 'log_dest none', ''].join('\n'));
  let child: ChildProcess | undefined;
  const broker: TestBroker = {
    url: `mqtt://127.0.0.1:${port}`,
    async start() {
      child = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
      await waitForPort(port);
    },
    async stop() {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      await exited;
    },
  };
  await broker.start();
  return broker;
}

export async function startEmbedded(): Promise<TestBroker> {
  const port = await freePort();
  let b: EmbeddedBroker | undefined;
  const broker: TestBroker = {
    url: `mqtt://127.0.0.1:${port}`,
    async start() {
      b = await startEmbeddedBroker({ host: '127.0.0.1', port, username: USER, password: PASSWORD });
    },
    async stop() {
      await b?.close();
      b = undefined;
    },
  };
  await broker.start();
  return broker;
}
