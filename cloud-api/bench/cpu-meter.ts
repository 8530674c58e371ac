// CPU time spent by the API process and its PostgreSQL backends during a benchmark run, read from /proc. On the
// shared 2-core machine latency depends on what the neighbours do; CPU milliseconds per request much less so.
// Also counts the database's committed transactions (one per statement outside a transaction): queries per request.
import { readFileSync } from 'node:fs';
import pg from 'pg';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime
  } catch {
    return 0; // the process ended
  }
}

export class CpuMeter {
  private constructor(
    private readonly serverPid: number,
    private readonly client: pg.Client,
  ) {}

  static async open(serverPid: number, databaseUrl: string): Promise<CpuMeter> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return new CpuMeter(serverPid, client);
  }

  /** Starts a measurement; the returned function gives {server, postgres} CPU ms and transactions since then. */
  async start(): Promise<() => Promise<{ server: number; postgres: number; transactions: number }>> {
    const xacts = async () => {
      await this.client.query('SELECT pg_stat_force_next_flush()');
      const r = await this.client.query<{ n: string }>('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()');
      return Number(r.rows[0].n);
    };
    const xacts0 = await xacts();
    const backends = async () => {
      const r = await this.client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      return new Map(r.rows.map((x) => [x.pid, cpuMs(x.pid)]));
    };
    const server0 = cpuMs(this.serverPid);
    const pg0 = await backends();
    return async () => {
      const pg1 = await backends();
      let postgres = 0;
      for (const [pid, ms] of pg1) postgres += ms - (pg0.get(pid) ?? 0);
      // Other backends flush their counters within a second of going idle.
      await new Promise((r) => setTimeout(r, 1200));
      return { server: cpuMs(this.serverPid) - server0, postgres, transactions: (await xacts()) - xacts0 };
    };
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
