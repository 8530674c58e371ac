// Benchmark of the GRBL time model: throughput of the G-code estimator on large programs (≈100k lines), and
// for each program the naive "length ÷ feed" time (what most senders show) beside the planner's estimate.
// The naive estimator runs in the same process as the baseline for the speed ratio. Synthetic programs are
// seeded (same every run); the DXF fixtures go through the real toolpath and G-code emitter first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildContours } from '../src-shared/geometry/contours';
import { importDxf } from '../src-shared/dxf/import-dxf';
import { estimateGcode } from '../src-shared/planner/estimate';
import { parseGrblSettings } from '../src-shared/planner/settings';
import { buildToolpath, emitGcode } from '../src-shared/toolpath/index';

const settings = parseGrblSettings('$1=25,$11=0.01,$12=0.002,$30=1000,$32=1,$100=80,$101=80,$110=24000,$111=24000,$112=1000,$120=2500,$121=2500,$122=50');

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Text-like engraving strokes, circles as G2 and as polylines, a raster block: `lines` lines in total. */
function syntheticProgram(lines: number, seed: number): string {
  const r = rng(seed);
  const out = ['G21 G90', 'M4 S0'];
  const f = (n: number): string => n.toFixed(3);
  while (out.length < lines) {
    const kind = r();
    if (kind < 0.5) {
      let x = r() * 600;
      let y = r() * 400;
      out.push(`G0 X${f(x)} Y${f(y)}`);
      for (let i = 0; i < 40; i++) {
        x += (r() - 0.5) * 1.5;
        y += (r() - 0.5) * 1.5;
        out.push(`G1 X${f(x)} Y${f(y)} S${Math.floor(300 + r() * 500)} F6000`);
      }
    } else if (kind < 0.7) {
      const cx = 20 + r() * 560;
      const cy = 20 + r() * 360;
      const rad = 0.5 + r() * 15;
      out.push(`G0 X${f(cx + rad)} Y${f(cy)}`, `G2 X${f(cx + rad)} Y${f(cy)} I${f(-rad)} J0 S900 F1500`);
    } else if (kind < 0.9) {
      const cx = 20 + r() * 560;
      const cy = 20 + r() * 360;
      const rad = 1 + r() * 20;
      out.push(`G0 X${f(cx + rad)} Y${f(cy)}`);
      for (let i = 1; i <= 64; i++) out.push(`G1 X${f(cx + rad * Math.cos((i / 64) * 2 * Math.PI))} Y${f(cy + rad * Math.sin((i / 64) * 2 * Math.PI))} S900 F1500`);
    } else {
      const y0 = r() * 380;
      for (let k = 0; k < 40; k++) out.push(`G0 X100 Y${f(y0 + k * 0.1)}`, `G1 X${f(120 + r() * 10)} S400 F18000`);
    }
  }
  out.push('M5', 'M2');
  return out.join('\n');
}

/** The usual estimate: distance ÷ F for feeds, ÷ the slower axis rate for rapids; arcs by their chord. */
function naiveEstimate(text: string): number {
  let x = 0;
  let y = 0;
  let feed = 0;
  let rapid = true;
  let t = 0;
  const rapidRate = Math.min(settings.maxRateMmPerMin[0], settings.maxRateMmPerMin[1]);
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\(.*?\)|;.*$/g, '');
    const g = /G0?([0-3])(?!\d)/.exec(line);
    if (g) rapid = g[1] === '0';
    const fm = /F([\d.]+)/.exec(line);
    if (fm) feed = Number(fm[1]);
    const xm = /X(-?[\d.]+)/.exec(line);
    const ym = /Y(-?[\d.]+)/.exec(line);
    if (!xm && !ym) continue;
    const nx = xm ? Number(xm[1]) : x;
    const ny = ym ? Number(ym[1]) : y;
    const d = Math.hypot(nx - x, ny - y);
    t += (d / (rapid ? rapidRate : feed || rapidRate)) * 60;
    x = nx;
    y = ny;
  }
  return t;
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

function fmtS(s: number): string {
  return `${s.toFixed(1).padStart(9)} s`;
}

function report(name: string, text: string): void {
  const lines = text.split('\n').length;
  timed(() => estimateGcode(text, settings)); // warm-up
  const ours = timed(() => estimateGcode(text, settings));
  const naive = timed(() => naiveEstimate(text));
  const r = ours.value;
  console.log(
    `${name.padEnd(34)} ${String(lines).padStart(7)} lines  planner ${fmtS(r.timeS)}  length÷feed ${fmtS(naive.value)}  ` +
      `planner/naive ${(r.timeS / naive.value).toFixed(2)}×  | ${ours.ms.toFixed(0).padStart(5)} ms = ${((lines / ours.ms) * 1000).toFixed(0).padStart(7)} lines/s, ` +
      `naive pass ${naive.ms.toFixed(0)} ms (×${(ours.ms / naive.ms).toFixed(1)})`,
  );
}

console.log('GRBL 1.1 planner time model benchmark (machine: 24 m/min, 2500 mm/s², $11=0.01, $12=0.002, $1=25 ms)');
for (const [n, seed] of [
  [20_000, 1],
  [100_000, 2],
] as const) {
  report(`synthetic ${n / 1000}k (seed ${seed})`, syntheticProgram(n, seed));
}

const fixtures = ['kicad_crkbd-F.Cu.dxf', 'qcad_Symbole_dxflib.dxf', 'crkbd_corne_acrylic_top-bottom.dxf', 'discipline_plate_acad.dxf', 'vzbot_back_acrylic_panel_inkscape.dxf'];
const dir = join(import.meta.dirname, '..', 'test', 'fixtures', 'dxf');
const cut = { speedMmPerMin: 1200, powerPct: 60, passes: 1, airAssist: true };
for (const f of fixtures) {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(join(dir, f)));
  } catch {
    console.log(`${f}: fixture missing, skipped`);
    continue;
  }
  const design = importDxf(bytes);
  const { contours, parts } = buildContours(design.paths);
  const layerOps = Object.fromEntries([...new Set(design.paths.map((p) => p.layer))].map((l) => [l, 'cut' as const]));
  const t = timed(() => buildToolpath({ parts, contours, layerOps, settings: { cut, score: cut, engrave: { ...cut, linePitchMm: 0.1, overscanMm: 2 } } }, { kerfMm: 0.15 }));
  const g = emitGcode(t.value, { settings, jobId: f, material: 'bench', machine: 'bench' });
  report(`${f.slice(0, 28)} (toolpath ${t.ms.toFixed(0)} ms)`, g.text);
}
