// Open-loop load at a fixed request rate for `npm run bench:api`. autocannon's `overallRate` is not used for the
// fixed-rate runs: each of its connections fires its per-second quota back to back and then idles until the next
// second (bursts at full speed rather than evenly spaced requests), and it corrects coordinated omission with a
// 1 ms expected interval whatever the rate. Here request i is due at start + i/rate and its latency counts from
// that due time, so a stalled server (or a late load generator) counts against the result, as in wrk2.
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

export interface PacedResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  count: number;
}

/** `url` may give each request its own URL (request index → URL on the same origin). */
export async function pacedLoad(url: string | ((i: number) => string), headers: Record<string, string>, rate: number, durationS: number): Promise<PacedResult> {
  const urlOf = typeof url === 'string' ? () => url : url;
  const u = new URL(urlOf(0));
  const pool = new Pool(u.origin, { connections: 64, pipelining: 1 });
  const total = Math.round(rate * durationS);
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  let errors = 0;
  let sent = 0;
  const start = performance.now();
  const pathOf = (i: number) => {
    const r = new URL(urlOf(i));
    return r.pathname + r.search;
  };
  const fire = (due: number, path: string) =>
    pool.request({ path, method: 'GET', headers }).then(
      async (res) => {
        await res.body.arrayBuffer();
        if (res.statusCode >= 200 && res.statusCode < 300) latencies.push(performance.now() - due);
        else errors++;
      },
      () => void errors++,
    );
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      for (let due = start + (sent * 1000) / rate; sent < total && due <= now; due = start + (sent * 1000) / rate) {
        pending.push(fire(due, pathOf(sent)));
        sent++;
      }
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await Promise.all(pending);
  const elapsedS = (performance.now() - start) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Number((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN).toFixed(1));
  return { rps: latencies.length / elapsedS, p50: at(0.5), p99: at(0.99), errors, count: latencies.length };
}
