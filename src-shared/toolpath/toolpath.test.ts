// Toolpath cases on a part with holes and an island: containment order, kerf offsets with exact area deltas,
// travel optimisation, hatching, and the G-code the machine will read (line length, laser off on travel, arcs).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildContours } from '../geometry/contours';
import { signedArea } from '../geometry/segments';
import type { Path, Segment } from '../geometry/types';
import { GcodeInterpreter } from '../gcode/interpreter';
import type { MoveInfo } from '../gcode/types';
import { parseGrblSettings } from '../planner/settings';
import { buildToolpath } from './build';
import { emitFrame, emitGcode } from './emit-gcode';
import { fillRegions, hatchSpans } from './hatch';
import { toolpathMessage } from './messages';
import { nearestNeighbour, orderItems, type OrderItem } from './order';
import type { ToolpathInput } from './types';

const settings = parseGrblSettings('$1=0,$11=0.01,$12=0.002,$30=1000,$32=1,$110=12000,$111=12000,$120=2000,$121=2000');

function rect(id: string, layer: string, x0: number, y0: number, x1: number, y1: number): Path {
  const p = [
    { x: x0, y: y0 },
    { x: x1, y: y0 },
    { x: x1, y: y1 },
    { x: x0, y: y1 },
  ];
  const segments: Segment[] = p.map((a, i) => ({ kind: 'line', a, b: p[(i + 1) % 4] }));
  return { id, layer, entity: 'LWPOLYLINE', segments, closed: true };
}

function circle(id: string, layer: string, cx: number, cy: number, r: number): Path {
  return { id, layer, entity: 'CIRCLE', segments: [{ kind: 'arc', center: { x: cx, y: cy }, radius: r, startAngle: 0, sweep: 2 * Math.PI }], closed: true };
}

const cutPreset = { speedMmPerMin: 600, powerPct: 80, passes: 1, airAssist: true };
const presets = {
  cut: cutPreset,
  score: { speedMmPerMin: 3000, powerPct: 20, passes: 1, airAssist: false },
  engrave: { speedMmPerMin: 9000, powerPct: 15, passes: 1, airAssist: false, linePitchMm: 0.5, overscanMm: 2 },
};

/** Outer 100×60 with a rectangular hole holding an island (which has its own round hole), and a round hole. */
function sample(): { input: ToolpathInput; ids: Record<string, string> } {
  const paths = [
    rect('outer', 'CUT', 0, 0, 100, 60),
    rect('hole', 'CUT', 10, 10, 40, 50),
    rect('island', 'CUT', 15, 15, 35, 45),
    circle('islandHole', 'CUT', 25, 30, 3),
    circle('roundHole', 'CUT', 70, 30, 10),
  ];
  const { contours, parts } = buildContours(paths);
  const ids: Record<string, string> = {};
  for (const c of contours) ids[c.pathIds[0]] = c.id;
  return { input: { parts, contours, layerOps: { CUT: 'cut' }, settings: presets }, ids };
}

function loopArea(segs: Segment[]): number {
  return Math.abs(signedArea(segs));
}

describe('toolpath: order and kerf', () => {
  it('cuts by containment: island hole, island, then the hole around it, the outline last', () => {
    const { input, ids } = sample();
    const prog = buildToolpath(input, { kerfMm: 0.2 });
    const seq = prog.runs.map((r) => r.sourceId);
    const at = (k: string): number => seq.indexOf(ids[k]);
    expect(seq).toHaveLength(5);
    expect(at('islandHole')).toBeLessThan(at('island'));
    expect(at('island')).toBeLessThan(at('hole'));
    expect(at('hole')).toBeLessThan(at('outer'));
    expect(at('roundHole')).toBeLessThan(at('outer'));
  });

  it('kerf: outline grows and holes shrink by exactly the offset areas', () => {
    const { input, ids } = sample();
    const k = 0.3;
    const d = k / 2;
    const prog = buildToolpath(input, { kerfMm: k, chordToleranceMm: 0.001 });
    const run = (key: string) => prog.runs.find((r) => r.sourceId === ids[key])!;
    const segs = (key: string) => run(key).pieces.map((p) => p.seg);
    // Outline 100×60 grown with round corners: A + P·d + π·d² (corner arcs flattened at 0.001 mm).
    expect(loopArea(segs('outer'))).toBeCloseTo(6000 + 320 * d + Math.PI * d * d, 2);
    // Rectangular hole 30×40 shrunk: sharp inner corners, (w − 2d)(h − 2d).
    expect(loopArea(segs('hole'))).toBeCloseTo((30 - 2 * d) * (40 - 2 * d), 3);
    // Island is an outline: grows.
    expect(loopArea(segs('island'))).toBeCloseTo(600 + 100 * d + Math.PI * d * d, 2);
    // Circles stay exact arcs.
    const round = segs('roundHole');
    expect(round).toHaveLength(1);
    expect(round[0].kind).toBe('arc');
    expect(loopArea(round)).toBeCloseTo(Math.PI * (10 - d) ** 2, 9);
  });

  it('rounded shapes keep true arcs after kerf offset (Steiner: A ± P·d + π·d²)', () => {
    const rr = (id: string, x0: number, y0: number, w: number, h: number, r: number): Path => {
      const P = (x: number, y: number) => ({ x, y });
      const arc = (cx: number, cy: number, a0: number): Segment => ({ kind: 'arc', center: P(cx, cy), radius: r, startAngle: a0, sweep: Math.PI / 2 });
      const segments: Segment[] = [
        { kind: 'line', a: P(x0 + r, y0), b: P(x0 + w - r, y0) },
        arc(x0 + w - r, y0 + r, -Math.PI / 2),
        { kind: 'line', a: P(x0 + w, y0 + r), b: P(x0 + w, y0 + h - r) },
        arc(x0 + w - r, y0 + h - r, 0),
        { kind: 'line', a: P(x0 + w - r, y0 + h), b: P(x0 + r, y0 + h) },
        arc(x0 + r, y0 + h - r, Math.PI / 2),
        { kind: 'line', a: P(x0, y0 + h - r), b: P(x0, y0 + r) },
        arc(x0 + r, y0 + r, Math.PI),
      ];
      return { id, layer: 'CUT', entity: 'LWPOLYLINE', segments, closed: true };
    };
    const { contours, parts } = buildContours([rr('plate', 0, 0, 40, 20, 5), rr('slot', 10, 5, 20, 10, 5), rect('sq', 'CUT', 33, 8, 37, 12)]);
    const prog = buildToolpath({ parts, contours, layerOps: { CUT: 'cut' }, settings: presets }, { kerfMm: 0.2 });
    const d = 0.1;
    const byPath = (pid: string) => prog.runs.find((r) => r.sourceId === contours.find((c) => c.pathIds[0] === pid)!.id)!.pieces.map((p) => p.seg);
    const plate = byPath('plate');
    expect(plate.filter((x) => x.kind === 'arc')).toHaveLength(4);
    const A = (w: number, h: number, r: number) => w * h - (4 - Math.PI) * r * r;
    const P = (w: number, h: number, r: number) => 2 * (w + h) - 8 * r + 2 * Math.PI * r;
    expect(loopArea(plate)).toBeCloseTo(A(40, 20, 5) + P(40, 20, 5) * d + Math.PI * d * d, 9);
    const slot = byPath('slot');
    expect(slot.filter((x) => x.kind === 'arc')).toHaveLength(4);
    expect(loopArea(slot)).toBeCloseTo(A(20, 10, 5) - P(20, 10, 5) * d + Math.PI * d * d, 9);
    // a sharp-cornered hole still goes through the polygon offset (lines only)
    expect(byPath('sq').every((x) => x.kind === 'line')).toBe(true);
    // and the G-code carries them as G2/G3 that GRBL accepts
    const out = emitGcode(prog, { settings, jobId: 'j', material: 'm', machine: 'x' });
    expect(out.estimate.errorCount).toBe(0);
    expect(out.lines.filter((l) => /^G[23] /.test(l)).length).toBeGreaterThanOrEqual(8);
  });

  it('a hole smaller than the kerf is reported, not cut', () => {
    const paths = [rect('o', 'CUT', 0, 0, 20, 20), circle('tiny', 'CUT', 10, 10, 0.1)];
    const { contours, parts } = buildContours(paths);
    const prog = buildToolpath({ parts, contours, layerOps: { CUT: 'cut' }, settings: presets }, { kerfMm: 0.3 });
    expect(prog.runs).toHaveLength(1);
    expect(prog.findings.map((f) => f.code)).toContain('HOLE_SMALLER_THAN_KERF');
    expect(prog.findings[0].message).toMatch(/too small for a 0.3 mm kerf/);
    expect(toolpathMessage('HOLE_SMALLER_THAN_KERF', 'id', { id: 'c1', kerf: 0.3 })).toBe('lubang c1 terlalu kecil untuk kerf 0.3 mm; tidak dipotong');
  });

  it('passes repeat each contour back to back; tabs leave laser-off gaps on outlines (islands too), not holes', () => {
    const { input, ids } = sample();
    input.settings = { ...presets, cut: { ...cutPreset, passes: 2 } };
    const prog = buildToolpath(input, { kerfMm: 0, tabs: { count: 4, widthMm: 1 } });
    expect(prog.runs).toHaveLength(10);
    for (let i = 0; i < 10; i += 2) expect(prog.runs[i].sourceId).toBe(prog.runs[i + 1].sourceId);
    const outer = prog.runs[prog.runs.length - 1];
    const off = outer.pieces.filter((p) => !p.on);
    expect(off).toHaveLength(4);
    const offLen = off.reduce((s, p) => s + (p.seg.kind === 'line' ? Math.hypot(p.seg.b.x - p.seg.a.x, p.seg.b.y - p.seg.a.y) : 0), 0);
    expect(offLen).toBeCloseTo(4, 9);
    const holes = new Set([ids.hole, ids.islandHole, ids.roundHole]);
    expect(prog.runs.filter((r) => holes.has(r.sourceId)).every((r) => r.pieces.every((p) => p.on))).toBe(true);
    expect(prog.runs.find((r) => r.sourceId === ids.island)!.pieces.filter((p) => !p.on)).toHaveLength(4);
  });

  it('lead-in starts on the scrap side: outside outlines, inside holes', () => {
    const { input, ids } = sample();
    const prog = buildToolpath(input, { kerfMm: 0, leadInMm: 2 });
    const outer = prog.runs.find((r) => r.sourceId === ids.outer)!;
    const s = outer.start;
    expect(s.x < 0 || s.x > 100 || s.y < 0 || s.y > 60).toBe(true);
    const hole = prog.runs.find((r) => r.sourceId === ids.hole)!;
    expect(hole.start.x > 10 && hole.start.x < 40 && hole.start.y > 10 && hole.start.y < 50).toBe(true);
  });

  it('corner start points start rectangles at a corner', () => {
    const paths = [rect('o', 'CUT', 0, 0, 50, 50)];
    const { contours, parts } = buildContours(paths);
    const prog = buildToolpath({ parts, contours, layerOps: { CUT: 'cut' }, settings: presets }, { kerfMm: 0, startPoint: 'corner', origin: { x: 60, y: 60 } });
    expect(prog.runs[0].start).toEqual({ x: 50, y: 50 });
  });
});

describe('toolpath: travel optimisation', () => {
  const pointsArb = fc.array(fc.tuple(fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0, max: 500, noNaN: true })), { minLength: 1, maxLength: 40 });
  it('2-opt is never worse than nearest neighbour', () => {
    fc.assert(
      fc.property(pointsArb, fc.boolean(), (pts, open) => {
        const items: OrderItem[] = pts.map(([x, y], i) => ({
          closed: !open,
          points: open ? [{ x, y }, { x: x + (i % 7), y: y + 3 }] : [{ x, y }],
          bbox: { minX: x, minY: y, maxX: x + (open ? i % 7 : 0), maxY: y + (open ? 3 : 0) },
          after: [],
        }));
        const r = orderItems(items, { x: 0, y: 0 });
        expect(r.travelMm).toBeLessThanOrEqual(r.nearestNeighbourTravelMm + 1e-9);
        expect(new Set(r.order.map((o) => o.index)).size).toBe(items.length);
      }),
      { numRuns: 60 },
    );
  });

  it('precedence holds after optimisation', () => {
    fc.assert(
      fc.property(pointsArb, fc.integer({ min: 1, max: 1000 }), (pts, seed) => {
        const items: OrderItem[] = pts.map(([x, y], i) => ({
          closed: true,
          points: [{ x, y }],
          bbox: { minX: x, minY: y, maxX: x, maxY: y },
          // a DAG: each item may require some earlier-numbered items first
          after: i > 0 && (seed + i) % 3 === 0 ? [(seed * i) % i] : [],
        }));
        const r = orderItems(items, { x: 0, y: 0 });
        const pos = new Map(r.order.map((o, k) => [o.index, k]));
        items.forEach((it, i) => it.after.forEach((p) => expect(pos.get(p)!).toBeLessThan(pos.get(i)!)));
        expect(r.travelMm).toBeLessThanOrEqual(tour(nearestNeighbour(items, { x: 0, y: 0 })) + 1e-9);
      }),
      { numRuns: 60 },
    );
  });
});

function tour(order: { entry: { x: number; y: number }; exit: { x: number; y: number } }[]): number {
  let p = { x: 0, y: 0 };
  let t = 0;
  for (const o of order) {
    t += Math.hypot(o.entry.x - p.x, o.entry.y - p.y);
    p = o.exit;
  }
  return t;
}

describe('toolpath: fill engraving', () => {
  it('hatch spans cover the region at the pitch and skip holes', () => {
    const outer = [
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 10, y: 10 },
      { x: 0, y: 10 },
    ];
    const hole = [
      { x: 3, y: 3 },
      { x: 7, y: 3 },
      { x: 7, y: 7 },
      { x: 3, y: 7 },
    ];
    const spans = hatchSpans([outer, hole], { minX: 0, minY: 0, maxX: 10, maxY: 10 }, 1);
    const lit = spans.reduce((s, sp) => s + sp.x1 - sp.x0, 0);
    expect(lit).toBeCloseTo(100 - 16, 6); // area ÷ pitch
    expect(spans.filter((s) => s.y > 3 && s.y < 7)).toHaveLength(8); // 4 rows split in two
  });

  it('separate fill regions are engraved one by one; an island in a hole is its own region', () => {
    const regions = fillRegions([
      [
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 10 },
        { x: 0, y: 10 },
      ],
      [
        { x: 2, y: 2 },
        { x: 8, y: 2 },
        { x: 8, y: 8 },
        { x: 2, y: 8 },
      ],
      [
        { x: 4, y: 4 },
        { x: 6, y: 4 },
        { x: 6, y: 6 },
        { x: 4, y: 6 },
      ],
      [
        { x: 50, y: 0 },
        { x: 60, y: 0 },
        { x: 60, y: 5 },
        { x: 50, y: 5 },
      ],
    ]);
    expect(regions.map((r) => r.length).sort()).toEqual([1, 1, 2]);
    const paths = [rect('a', 'ENG', 0, 0, 10, 10), rect('b', 'ENG', 50, 0, 60, 5)];
    const { contours, parts } = buildContours(paths);
    const prog = buildToolpath({ parts, contours, layerOps: { ENG: 'engrave' }, settings: presets }, { kerfMm: 0 });
    expect(prog.runs.map((r) => r.kind)).toEqual(['engrave', 'engrave']);
    // lit length = area ÷ pitch for each square
    expect(prog.laserOnMm).toBeCloseTo((100 + 50) / presets.engrave.linePitchMm, 6);
  });

  it('engraving comes first, with overscan at laser off', () => {
    const paths = [rect('o', 'CUT', 0, 0, 30, 30), rect('e', 'ENG', 5, 5, 25, 10)];
    const { contours, parts } = buildContours(paths);
    const prog = buildToolpath({ parts, contours, layerOps: { CUT: 'cut', ENG: 'engrave' }, settings: presets }, { kerfMm: 0 });
    expect(prog.runs[0].kind).toBe('engrave');
    const first = prog.runs[0].pieces[0];
    expect(first.on).toBe(false);
    expect(prog.runs.at(-1)!.kind).toBe('cut');
  });
});

describe('G-code emission', () => {
  function interpret(text: string): { moves: MoveInfo[]; rapids: MoveInfo[]; errors: number } {
    const moves: MoveInfo[] = [];
    const it = new GcodeInterpreter(
      {
        line: (_t, m) => (moves.push(m), true),
        arc: (_a, m) => void moves.push(m),
        sync: () => undefined,
        dwell: () => undefined,
        lineDone: () => undefined,
      },
      { laserMode: true },
    );
    text.split('\n').forEach((l, i) => it.executeLine(l, i));
    return { moves, rapids: moves.filter((m) => m.rapid), errors: it.errorCount };
  }

  it('every line ≤ 80 chars, GRBL accepts every line, laser off on every G0, header has the estimate', () => {
    const { input } = sample();
    input.settings = { ...presets, cut: { ...cutPreset, passes: 2 } };
    const prog = buildToolpath(input, { kerfMm: 0.2, tabs: { count: 2, widthMm: 0.8 }, leadInMm: 1 });
    const out = emitGcode(prog, { settings, jobId: 'job-1', material: 'Cast acrylic clear 3 mm '.repeat(5), machine: 'CO2 60 W', lineNumbers: true, pierceS: 0.2 });
    expect(out.lines.every((l) => l.length <= 80)).toBe(true);
    const { moves, rapids, errors } = interpret(out.text);
    expect(errors).toBe(0);
    expect(rapids.length).toBeGreaterThan(0);
    expect(rapids.every((m) => m.power === 0 && !m.cut)).toBe(true);
    expect(moves.some((m) => m.cut && m.power === 800)).toBe(true);
    expect(out.text).toContain('G2 ');
    expect(out.text).toMatch(/M8[\s\S]*M9/);
    expect(out.lines[3]).toMatch(/^; estimate \d+m\d\ds: cut/);
    expect(out.estimate.errorCount).toBe(0);
    expect(out.estimate.cutTimeS).toBeGreaterThan(0);
    // pierce: constant power for the dwell, once per contour (first pass only)
    expect(out.lines.filter((l) => / G4 P0.2$/.test(l))).toHaveLength(5);
    expect(out.estimate.dwellTimeS).toBeCloseTo(5 * 0.2, 9);
  });

  it('arcs too small to survive 3-decimal rounding go out as chords, never as a full circle', () => {
    // a 0.0004 mm arc of radius 5: its rounded ends coincide, which GRBL would read as 360°
    const tiny: Segment = { kind: 'arc', center: { x: 5, y: 0 }, radius: 5, startAngle: Math.PI, sweep: -0.00008 };
    const big: Segment = { kind: 'arc', center: { x: 5, y: 0 }, radius: 5, startAngle: Math.PI, sweep: -Math.PI / 2 };
    const run = (seg: Segment) => ({
      runs: [{ kind: 'score' as const, sourceId: 'a', start: { x: 0, y: 0 }, pieces: [{ seg, on: true }], settings: presets.score, pass: 1 }],
      origin: { x: 0, y: 0 },
      travelMm: 0,
      laserOnMm: 0,
      bbox: { minX: 0, minY: 0, maxX: 5, maxY: 5 },
      findings: [],
    });
    const t = emitGcode(run(tiny), { settings, jobId: 'j', material: 'm', machine: 'x' });
    expect(t.text).not.toMatch(/G[23] /);
    expect(t.estimate.cutMm).toBeLessThan(0.01);
    const b = emitGcode(run(big), { settings, jobId: 'j', material: 'm', machine: 'x' });
    expect(b.text).toMatch(/G2 X5 Y5 I5 J0/);
    expect(b.estimate.cutMm).toBeCloseTo((5 * Math.PI) / 2, 1);
  });

  it('output is deterministic', () => {
    const a = emitGcode(buildToolpath(sample().input, { kerfMm: 0.2 }), { settings, jobId: 'j', material: 'm', machine: 'x' }).text;
    const b = emitGcode(buildToolpath(sample().input, { kerfMm: 0.2 }), { settings, jobId: 'j', material: 'm', machine: 'x' }).text;
    expect(a).toBe(b);
  });

  it('without laser mode every travel is wrapped in M5/M4', () => {
    const s0 = parseGrblSettings('$32=0', settings);
    const out = emitGcode(buildToolpath(sample().input, { kerfMm: 0 }), { settings: s0, jobId: 'j', material: 'm', machine: 'x' });
    const idx = out.lines.findIndex((l) => l.startsWith('G0'));
    expect(out.lines[idx - 1]).toBe('M5');
    expect(out.lines[idx + 1]).toBe('M4');
  });

  it('frame traces the bounding box with the laser off or at low power', () => {
    const off = emitFrame({ minX: 0, minY: 0, maxX: 10, maxY: 5 }, { settings });
    expect(off.filter((l) => l.startsWith('G0'))).toHaveLength(5);
    const low = emitFrame({ minX: 0, minY: 0, maxX: 10, maxY: 5 }, { settings, powerPct: 1 });
    expect(low.join('\n')).toContain('S10');
  });
});
