// G-code for GRBL 1.1 in laser mode ($32=1): M4 dynamic power (the firmware scales power with actual speed, so
// corners do not burn), S as a share of $30, M8/M9 for air assist, G0 travels (laser mode fires nothing on G0),
// G2/G3 for arcs with I/J centres computed from the rounded coordinates actually written (so GRBL's arc radius
// check passes), optional N line numbers, 3 decimals, every line at most 80 characters. The header carries the
// job id, material, machine and the time estimate from the GRBL planner model run on the body itself.
// On a machine with $32=0 the laser would fire during G0, so travels are wrapped in M5 ... M4 (each forces a stop).
// A pierce dwell needs constant power (M4 fires nothing while the head stands still): M3 S, G1 (which switches
// the beam on in M3 laser mode), G4 P, then back to M4. Every one of those forces a stop, as the firmware does.
import { arcPoint, flattenSegments, segStart } from '../geometry/segments';
import { arcAngularTravel } from '../planner/arc';
import type { Segment, Vec2 } from '../geometry/types';
import { estimateGcode, type EstimateResult } from '../planner/estimate';
import type { GrblSettings } from '../planner/settings';
import type { LaserRun, ToolpathProgram } from './types';

export const MAX_EMITTED_LINE = 80;
/** How far the sweep GRBL reads back from the rounded arc words may differ from the intended one. */
const ARC_SWEEP_TOLERANCE_RAD = 0.01;

export interface EmitOptions {
  settings: GrblSettings;
  jobId: string;
  material: string;
  machine: string;
  lineNumbers?: boolean;
  /** Move back to the origin at the end. Default true. */
  returnToOrigin?: boolean;
  /** Dwell before the first pass of each cut, s (the material's pierce time). Default 0. */
  pierceS?: number;
}

export interface EmittedGcode {
  lines: string[];
  text: string;
  estimate: EstimateResult;
}

/** Fixed 3 decimals with trailing zeros removed ("12.5", "-0.125", "3"). */
export function fmt(n: number): string {
  const s = (Math.round(n * 1000) / 1000).toFixed(3).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m${String(r).padStart(2, '0')}s` : `${m}m${String(r).padStart(2, '0')}s`;
}

function comment(text: string): string {
  const clean = text.replace(/[()\r\n]/g, ' ');
  return `; ${clean}`.slice(0, MAX_EMITTED_LINE);
}

class BodyWriter {
  readonly lines: string[] = [];
  private pos: Vec2 | null = null;
  private feed = -1;
  private s = -1;
  private air = false;

  constructor(private readonly settings: GrblSettings) {}

  power(pct: number): number {
    const s = Math.round((Math.max(0, Math.min(100, pct)) / 100) * this.settings.spindleMax);
    return Math.min(this.settings.spindleMax, s);
  }

  push(line: string): void {
    if (line.length > MAX_EMITTED_LINE) throw new Error(`internal: G-code line over ${MAX_EMITTED_LINE} characters: ${line}`);
    this.lines.push(line);
  }

  setAir(on: boolean): void {
    if (on !== this.air) this.push(on ? 'M8' : 'M9');
    this.air = on;
  }

  travel(p: Vec2): void {
    const x = round3(p.x);
    const y = round3(p.y);
    if (this.pos && this.pos.x === x && this.pos.y === y) return;
    if (!this.settings.laserMode) this.push('M5');
    this.push(`G0 X${fmt(x)} Y${fmt(y)}`);
    if (!this.settings.laserMode) this.push('M4');
    this.pos = { x, y };
  }

  move(seg: Segment, feed: number, s: number): void {
    const words: string[] = [];
    let end: Vec2;
    if (seg.kind === 'line') {
      end = { x: round3(seg.b.x), y: round3(seg.b.y) };
      if (this.pos && end.x === this.pos.x && end.y === this.pos.y) return;
      words.push('G1', `X${fmt(end.x)}`, `Y${fmt(end.y)}`);
    } else {
      const e = arcPoint(seg, seg.startAngle + seg.sweep);
      end = { x: round3(e.x), y: round3(e.y) };
      const from = this.pos ?? { x: round3(segStart(seg).x), y: round3(segStart(seg).y) };
      const c = { x: round3(seg.center.x), y: round3(seg.center.y) };
      // After rounding, GRBL must still see the same arc: a tiny arc whose rounded ends coincide (or cross)
      // would become a full circle. Such arcs go out as short G1 chords instead.
      const travel = arcAngularTravel({
        position: [from.x, from.y, 0],
        target: [end.x, end.y, 0],
        offset: [c.x - from.x, c.y - from.y, 0],
        radius: Math.hypot(c.x - from.x, c.y - from.y),
        axis0: 0,
        axis1: 1,
        axisLinear: 2,
        clockwise: seg.sweep < 0,
        arcToleranceMm: this.settings.arcToleranceMm,
      });
      if (Math.abs(travel - seg.sweep) > ARC_SWEEP_TOLERANCE_RAD) {
        const pts = flattenSegments([seg], 0.005);
        for (let i = 1; i < pts.length; i++) this.move({ kind: 'line', a: pts[i - 1], b: pts[i] }, feed, s);
        return;
      }
      words.push(seg.sweep < 0 ? 'G2' : 'G3', `X${fmt(end.x)}`, `Y${fmt(end.y)}`, `I${fmt(c.x - from.x)}`, `J${fmt(c.y - from.y)}`);
    }
    if (s !== this.s) words.push(`S${s}`);
    if (feed !== this.feed) words.push(`F${fmt(feed)}`);
    this.s = s;
    this.feed = feed;
    this.push(words.join(' '));
    this.pos = end;
  }

  run(r: LaserRun, pierceS: number): void {
    this.setAir(r.settings.airAssist);
    this.travel(r.start);
    const on = this.power(r.settings.powerPct);
    if (pierceS > 0 && r.kind === 'cut' && r.pass === 1) {
      this.push(`M3 S${on}`);
      this.push(`G1 F${fmt(r.settings.speedMmPerMin)}`);
      this.feed = r.settings.speedMmPerMin;
      this.push(`G4 P${fmt(pierceS)}`);
      this.push('M4');
      this.s = on;
    }
    for (const p of r.pieces) this.move(p.seg, r.settings.speedMmPerMin, p.on ? on : 0);
  }
}

/** The G-code text of a toolpath, with the planner's time estimate in its header. */
export function emitGcode(program: ToolpathProgram, opts: EmitOptions): EmittedGcode {
  const w = new BodyWriter(opts.settings);
  w.push('G21 G90 G94');
  w.push('M4 S0');
  for (const r of program.runs) w.run(r, opts.pierceS ?? 0);
  w.setAir(false);
  w.push('M5');
  if (opts.returnToOrigin ?? true) w.travel(program.origin);
  w.push('M2');
  const body = opts.lineNumbers ? w.lines.map((l, i) => `N${i + 1} ${l}`) : w.lines;
  const estimate = estimateGcode(body.join('\n'), opts.settings);
  const b = program.bbox;
  const header = [
    comment(`AcrylicHub Pro job ${opts.jobId}`),
    comment(`material: ${opts.material}`),
    comment(`machine: ${opts.machine}`),
    comment(`estimate ${formatDuration(estimate.timeS)}: cut ${formatDuration(estimate.cutTimeS)}, travel ${formatDuration(estimate.travelTimeS)}`),
    comment(`bbox X${fmt(b.minX)}..${fmt(b.maxX)} Y${fmt(b.minY)}..${fmt(b.maxY)} mm`),
  ];
  if (!opts.settings.laserMode) header.push(comment('$32=0: travels switch the laser off with M5 (slower)'));
  const lines = [...header, ...body];
  return { lines, text: `${lines.join('\n')}\n`, estimate };
}

/**
 * Framing: the bounding box traced once, with the laser off (G0) or at a low power (G1 M4, for a visible dot on
 * machines without a red pointer).
 */
export function emitFrame(bbox: { minX: number; minY: number; maxX: number; maxY: number }, opts: { settings: GrblSettings; powerPct?: number; speedMmPerMin?: number }): string[] {
  const corners = [
    { x: bbox.minX, y: bbox.minY },
    { x: bbox.maxX, y: bbox.minY },
    { x: bbox.maxX, y: bbox.maxY },
    { x: bbox.minX, y: bbox.maxY },
    { x: bbox.minX, y: bbox.minY },
  ];
  const pct = opts.powerPct ?? 0;
  const out = ['G21 G90 G94'];
  if (pct <= 0) {
    out.push('M5');
    for (const c of corners) out.push(`G0 X${fmt(c.x)} Y${fmt(c.y)}`);
    return out;
  }
  const s = Math.round((Math.min(100, pct) / 100) * opts.settings.spindleMax);
  out.push(`G0 X${fmt(corners[0].x)} Y${fmt(corners[0].y)}`, 'M4 S0');
  const f = fmt(opts.speedMmPerMin ?? 3000);
  corners.slice(1).forEach((c, i) => out.push(`G1 X${fmt(c.x)} Y${fmt(c.y)}${i === 0 ? ` S${s} F${f}` : ''}`));
  out.push('M5');
  return out;
}
