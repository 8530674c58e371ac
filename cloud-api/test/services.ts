// Real PostgreSQL and Redis for integration tests. Uses the servers on 127.0.0.1:5432 / :6379 when they answer
// (creating and dropping a uniquely named database), otherwise starts private ones from the Debian packages on
// free ports in a temporary folder (see ENVIRONMENT.md).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, chownSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const PG_BIN = '/usr/lib/postgresql/15/bin';
/** CLOUD_TEST_PRIVATE_SERVICES=1 forces private servers even when the shared ones answer. */
const forcePrivate = process.env.CLOUD_TEST_PRIVATE_SERVICES === '1';

async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.setTimeout(500);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    s.once('timeout', () => (s.destroy(), resolve(false)));
    s.connect(port, '127.0.0.1');
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

const isRoot = process.getuid?.() === 0;

/** PostgreSQL refuses to run as root: as root, run its tools as the postgres user. */
function runAsPostgres(cmd: string, args: string[]): void {
  if (isRoot) execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' });
  else execFileSync(cmd, args, { stdio: 'pipe' });
}

function chownToPostgres(dir: string): void {
  if (!isRoot) return;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  chownSync(dir, id('-u'), id('-g'));
}

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

let databaseCount = 0;

/** A new empty database on a real PostgreSQL server. */
export async function startTestPostgres(): Promise<TestPostgres> {
  let port = 5432;
  let privateDir: string | undefined;
  if (forcePrivate || !(await answers(5432))) {
    port = await freePort();
    privateDir = mkdtempSync(join(tmpdir(), 'ah-pg-'));
    chownToPostgres(privateDir);
    runAsPostgres(`${PG_BIN}/initdb`, ['-D', privateDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    // -l: the server must not inherit our pipes, or waiting for pg_ctl would wait for the server to exit.
    runAsPostgres(`${PG_BIN}/pg_ctl`, ['-D', privateDir, '-l', join(privateDir, 'server.log'), '-o', `-p ${port} -k ${privateDir} -c listen_addresses=127.0.0.1`, '-w', 'start']);
  }
  const name = `ah_test_${process.pid}_${Date.now().toString(36)}_${(databaseCount++).toString(36)}`;
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${name}`,
    async stop() {
      const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      if (privateDir) {
        runAsPostgres(`${PG_BIN}/pg_ctl`, ['-D', privateDir, '-m', 'fast', 'stop']);
        rmSync(privateDir, { recursive: true, force: true });
      }
    },
  };
}

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

/** Redis on 6379 when it answers (tests use a unique key prefix via the app), else a private server. */
export async function startTestRedis(): Promise<TestRedis> {
  if (!forcePrivate && (await answers(6379))) return { url: 'redis://127.0.0.1:6379', stop: async () => undefined };
  const port = await freePort();
  const proc: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 50 && !(await answers(port)); i++) await new Promise((r) => setTimeout(r, 100));
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      proc.kill('SIGTERM');
    },
  };
}
