// SVG import on hand-written documents whose geometry is known in closed form; expected figures are computed
// here from the formulas in the comments, not from the importer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Path, Segment, Vec2 } from '../geometry/types';
import { importSvg } from './import-svg';
import { parsePathData } from './path-data';

const svg = (body: string, root = 'width="100mm" height="50mm" viewBox="0 0 100 50"') =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" ${root}>${body}</svg>`;

const segLength = (s: Segment) => (s.kind === 'line' ? Math.hypot(s.b.x - s.a.x, s.b.y - s.a.y) : s.radius * Math.abs(s.sweep));
const pathLength = (p: Path) => p.segments.reduce((n, s) => n + segLength(s), 0);
/** Area by the shoelace formula with arcs' circular segments added exactly. */
function area(p: Path): number {
  let a = 0;
  for (const s of p.segments) {
    if (s.kind === 'line') a += (s.a.x * s.b.y - s.b.x * s.a.y) / 2;
    else {
      const t0 = s.startAngle, t1 = s.startAngle + s.sweep, r = s.radius, c = s.center;
      // ∮ x dy − y dx / 2 over the arc, integrated in closed form.
      a += (r * r * s.sweep + c.x * r * (Math.sin(t1) - Math.sin(t0)) - c.y * r * (Math.cos(t1) - Math.cos(t0))) / 2;
    }
  }
  return Math.abs(a);
}
const points = (p: Path): Vec2[] => p.segments.flatMap((s) => (s.kind === 'line' ? [s.a, s.b] : []));

describe('importSvg units and viewBox', () => {
  it.each([
    ['width="100mm" height="50mm" viewBox="0 0 100 50"', 1, 'mm', 'header'],
    ['width="4in" height="2in" viewBox="0 0 400 200"', 0.254, 'in', 'header'],
    ['width="10cm" height="5cm" viewBox="0 0 100 50"', 1, 'cm', 'header'],
    ['width="72pt" height="72pt" viewBox="0 0 1 1"', 25.4, 'pt', 'header'],
    ['width="96" height="96"', 25.4 / 96, 'px', 'header'],
    ['viewBox="0 0 96 96"', 25.4 / 96, 'px', 'default'],
  ])('%s → %f mm per user unit', (root, scale, unit, source) => {
    const r = importSvg(svg('<line x1="0" y1="0" x2="1" y2="0" stroke="black"/>', root));
    expect(r.units.scaleToMm).toBeCloseTo(scale, 12);
    expect(r.units.unit).toBe(unit);
    expect(r.units.source).toBe(source);
    expect(pathLength(r.paths[0])).toBeCloseTo(scale, 12);
    if (source === 'default') expect(r.findings.map((f) => f.code)).toContain('UNITS_ASSUMED');
  });

  it('reads px at 72 dpi for Illustrator and 90 dpi for Inkscape 0.91, unless told otherwise', () => {
    const line = '<line x1="0" y1="0" x2="72" y2="0" stroke="black"/>';
    const ai = importSvg(`<?xml version="1.0"?>\n<!-- Generator: Adobe Illustrator 24.0.0, SVG Export Plug-In -->\n${svg(line, 'width="612px" height="792px" viewBox="0 0 612 792"')}`);
    expect(pathLength(ai.paths[0])).toBeCloseTo(25.4, 9);
    expect(ai.findings.map((f) => f.code)).toContain('SVG_PRODUCER_DPI');
    const ink = importSvg(svg(line, 'inkscape:version="0.91 r13725" width="900" height="900"'));
    expect(pathLength(ink.paths[0])).toBeCloseTo((72 * 25.4) / 90, 9);
    const forced = importSvg(svg(line, 'inkscape:version="0.91 r13725" width="900" height="900"'), { dpi: 96 });
    expect(pathLength(forced.paths[0])).toBeCloseTo((72 * 25.4) / 96, 9);
    // Absolute units make the producer irrelevant.
    const mm = importSvg(`<!-- Generator: Adobe Illustrator -->${svg(line, 'width="100mm" height="100mm" viewBox="0 0 100 100"')}`);
    expect(pathLength(mm.paths[0])).toBeCloseTo(72, 9);
  });

  it('flips Y so the page bottom is y = 0, and centres a viewBox of another aspect ratio (xMidYMid meet)', () => {
    const r = importSvg(svg('<line x1="0" y1="0" x2="10" y2="0" stroke="black"/>', 'width="200mm" height="50mm" viewBox="0 0 100 50"'));
    const s = r.paths[0].segments[0];
    // Scale min(200/100, 50/50) = 1, content 100 mm wide centred in 200 mm: offset 50 mm. SVG y=0 is the top: y = 50.
    expect(s.kind === 'line' && [s.a, s.b]).toEqual([{ x: 50, y: 50 }, { x: 60, y: 50 }]);
  });
});

describe('importSvg shapes', () => {
  it('a circle is one exact full arc; a rounded rect is 4 lines + 4 quarter arcs', () => {
    const r = importSvg(svg('<circle cx="10" cy="10" r="5" stroke="red" fill="none"/><rect x="20" y="5" width="30" height="20" rx="3" stroke="#00f" fill="none"/>'));
    const [circle, rect] = r.paths;
    expect(circle.segments).toHaveLength(1);
    expect(circle.segments[0]).toMatchObject({ kind: 'arc', center: { x: 10, y: 40 }, radius: 5 });
    expect(Math.abs((circle.segments[0] as { sweep: number }).sweep)).toBeCloseTo(2 * Math.PI, 12);
    expect(circle.closed && circle.color === 0xff0000).toBe(true);
    expect(rect.segments.map((s) => s.kind)).toEqual(['line', 'arc', 'line', 'arc', 'line', 'arc', 'line', 'arc']);
    // Perimeter 2(30 + 20) − 8·3 + 2π·3; area 30·20 − (4 − π)·3².
    expect(pathLength(rect)).toBeCloseTo(76 + 6 * Math.PI, 9);
    expect(area(rect)).toBeCloseTo(600 - (4 - Math.PI) * 9, 9);
    expect(rect.color).toBe(0x0000ff);
    expect(r.bbox).toEqual({ minX: 5, minY: 25, maxX: 50, maxY: 45 });
  });

  it('ellipse, line, polyline and polygon', () => {
    const r = importSvg(svg('<g stroke="black" fill="none"><ellipse cx="50" cy="25" rx="20" ry="10"/><line x1="0" y1="0" x2="3" y2="4"/><polyline points="0,0 10,0 10,10"/><polygon points="0 0, 10 0, 10 10"/></g>'));
    const [ell, line, pl, pg] = r.paths;
    // Flattened ellipse: every vertex on the ellipse, area within perimeter × tolerance of π·20·10.
    for (const p of points(ell)) expect(((p.x - 50) / 20) ** 2 + ((p.y - 25) / 10) ** 2).toBeCloseTo(1, 9);
    expect(Math.abs(area(ell) - Math.PI * 200)).toBeLessThan(0.01 * pathLength(ell));
    expect(pathLength(line)).toBeCloseTo(5, 12);
    expect([pl.closed, pathLength(pl)]).toEqual([false, 20]);
    expect(pg.closed).toBe(true);
    expect(pathLength(pg)).toBeCloseTo(20 + Math.SQRT2 * 10, 12);
  });

  it('nested transforms compose (translate · rotate · scale), and a similarity keeps circles exact', () => {
    const r = importSvg(svg('<g transform="translate(50,20)"><g transform="rotate(90) scale(2)"><line x1="0" y1="0" x2="5" y2="0" stroke="#000"/><circle r="3" stroke="#000" fill="none"/></g></g>'));
    const l = r.paths[0].segments[0];
    // (5,0) → scale (10,0) → rotate 90° (0,10) → translate (50,30) → flip y: 50 − 30 = 20.
    expect(l.kind === 'line' && l.b.x).toBeCloseTo(50, 12);
    expect(l.kind === 'line' && l.b.y).toBeCloseTo(20, 12);
    expect(r.paths[1].segments[0]).toMatchObject({ kind: 'arc', radius: 6 });
  });

  it('a non-uniform scale turns a circle into a flattened ellipse within the tolerance', () => {
    const r = importSvg(svg('<circle cx="0" cy="0" r="10" transform="translate(50 25) scale(2 1)" stroke="#000" fill="none"/>'));
    const pts = points(r.paths[0]);
    for (const p of pts) expect(((p.x - 50) / 20) ** 2 + ((p.y - 25) / 10) ** 2).toBeCloseTo(1, 9);
    // Chord midpoints stay within 0.01 mm of the ellipse (radial distance as a proxy).
    for (const s of r.paths[0].segments) {
      if (s.kind !== 'line') continue;
      const mx = (s.a.x + s.b.x) / 2 - 50, my = (s.a.y + s.b.y) / 2 - 25;
      const k = 1 / Math.sqrt((mx / 20) ** 2 + (my / 10) ** 2);
      expect(Math.hypot(mx * k - mx, my * k - my)).toBeLessThan(0.0101);
    }
  });
});

describe('importSvg path data', () => {
  it('arcs: a semicircle stays an exact arc bulging the right way; too-small radii are scaled up', () => {
    const r = importSvg(svg('<path d="M 0 40 A 10 10 0 0 1 20 40" stroke="#000"/><path d="M 0 40 A 5 5 0 0 1 20 40" stroke="#000"/>'));
    for (const p of r.paths) {
      const a = p.segments[0];
      expect(a).toMatchObject({ kind: 'arc', radius: 10 });
      if (a.kind !== 'arc') continue;
      expect(a.center.x).toBeCloseTo(10, 12);
      expect(a.center.y).toBeCloseTo(10, 12);
      // Sweep flag 1 in SVG (y down) goes over the top: in Y-up millimetres the midpoint is at y = 10 + 10.
      const mid = a.startAngle + a.sweep / 2;
      expect(a.center.y + 10 * Math.sin(mid)).toBeCloseTo(20, 9);
    }
  });

  it('rotated elliptical arcs are flattened onto the ellipse', () => {
    const r = importSvg(svg('<path d="M 30 25 a 20 10 30 1 0 20 10" stroke="#000"/>'));
    expect(r.paths[0].segments.every((s) => s.kind === 'line')).toBe(true);
    expect(r.paths[0].segments.length).toBeGreaterThan(20);
  });

  it('relative commands, H/V, S/T, implicit line-tos, compact numbers and flags parse like their absolute form', () => {
    const rel = parsePathData('m10 10 20 0v10h-20z M0,0a5,5 0 1010,0 s5 5 10 0 t10 0 .5.5');
    expect(rel.error).toBeUndefined();
    expect(rel.commands.slice(0, 5)).toEqual([
      { c: 'M', x: 10, y: 10 }, { c: 'L', x: 30, y: 10 }, { c: 'L', x: 30, y: 20 }, { c: 'L', x: 10, y: 20 }, { c: 'Z' },
    ]);
    expect(rel.commands[6]).toEqual({ c: 'A', rx: 5, ry: 5, rotation: 0, large: true, sweep: false, x: 10, y: 0 });
    // s: first control point = current point (no previous C); T after a Q-less S: control = current point.
    expect(rel.commands[7]).toEqual({ c: 'C', x1: 10, y1: 0, x2: 15, y2: 5, x: 20, y: 0 });
    expect(rel.commands[8]).toEqual({ c: 'Q', x1: 20, y1: 0, x: 30, y: 0 });
    expect(rel.commands[9]).toEqual({ c: 'Q', x1: 40, y1: 0, x: 30.5, y: 0.5 });
  });

  it('a quadratic Bézier closes an area of 2/3 · base · height within the tolerance band', () => {
    const r = importSvg(svg('<path d="M0 50 Q 50 -50 100 50 Z" stroke="#000"/>'));
    // Parabola from (0,0) to (100,0) with control height 100 peaks at 50: area = 2/3 · 100 · 50.
    const p = r.paths[0];
    expect(p.closed).toBe(true);
    expect(Math.abs(area(p) - (2 / 3) * 100 * 50)).toBeLessThan(0.01 * pathLength(p));
  });

  it('cubic Bézier chords stay within 0.01 mm of the curve', () => {
    const r = importSvg(svg('<path d="M0 50 C 0 0 100 0 100 50" stroke="#000"/>'));
    const segs = r.paths[0].segments.filter((s) => s.kind === 'line');
    // B(t) = (1−t)³P0 + 3(1−t)²t·P1 + 3(1−t)t²·P2 + t³P3 in SVG units, then y flipped about the 50 mm page.
    const curve = (t: number) => ({ x: 300 * (1 - t) * t * t + 100 * t ** 3, y: 50 - (50 * (1 - t) ** 3 + 50 * t ** 3) });
    // Sample the curve densely; each sample lies within 0.01 mm of some chord.
    for (let i = 0; i <= 400; i++) {
      const q = curve(i / 400);
      const d = Math.min(...segs.map((s) => {
        if (s.kind !== 'line') return Infinity;
        const vx = s.b.x - s.a.x, vy = s.b.y - s.a.y;
        const u = Math.max(0, Math.min(1, ((q.x - s.a.x) * vx + (q.y - s.a.y) * vy) / (vx * vx + vy * vy)));
        return Math.hypot(s.a.x + u * vx - q.x, s.a.y + u * vy - q.y);
      }));
      expect(d).toBeLessThan(0.0101);
    }
  });

  it('malformed path data keeps what came before the error and reports it', () => {
    const r = importSvg(svg('<path id="p1" d="M0 0 L10 0 L10 x" stroke="#000"/>'));
    expect(r.paths).toHaveLength(1);
    expect(pathLength(r.paths[0])).toBe(10);
    expect(r.findings.find((f) => f.code === 'SVG_BAD_PATH_DATA')).toMatchObject({ handle: 'p1' });
  });

  it('property: a circle under any rotation, uniform scale and translation stays one exact arc of radius r·s', () => {
    fc.assert(
      fc.property(fc.double({ min: -360, max: 360, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), (deg, s, t) => {
        const r = importSvg(svg(`<circle r="2" stroke="#000" fill="none" transform="translate(${t} ${-t}) rotate(${deg}) scale(${s})"/>`));
        expect(r.paths[0].segments).toHaveLength(1);
        const a = r.paths[0].segments[0];
        expect(a.kind).toBe('arc');
        if (a.kind === 'arc') expect(a.radius).toBeCloseTo(2 * s, 9);
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});

describe('importSvg structure, styles and findings', () => {
  it('Inkscape layers name layers; stroke colours, fill-only shapes, class rules and <use>', () => {
    const r = importSvg(svg(`
      <style>.engrave { fill: #333; stroke: none } .cut{stroke:rgb(255,0,0);fill:none}</style>
      <defs><rect id="hole" width="4" height="4"/></defs>
      <g inkscape:groupmode="layer" inkscape:label="Potong">
        <rect class="cut" x="1" y="1" width="10" height="10"/>
        <use href="#hole" x="3" y="3" class="cut"/>
        <g inkscape:groupmode="layer" inkscape:label="Grafir"><circle class="engrave" cx="30" cy="30" r="4"/></g>
      </g>`));
    expect(r.paths.map((p) => [p.layer, p.color, p.fill ?? false])).toEqual([
      ['Potong', 0xff0000, false], ['Potong', 0xff0000, false], ['Grafir', 0x333333, true],
    ]);
    expect(r.layers.map((l) => l.name)).toEqual(['Potong', 'Grafir']);
    // The <use>d 4 × 4 square lands at (3,3)–(7,7) in SVG coordinates: y from 50 − 7 to 50 − 3.
    const useBox = points(r.paths[1]);
    expect(Math.min(...useBox.map((p) => p.x))).toBe(3);
    expect(Math.max(...useBox.map((p) => p.y))).toBe(47);
  });

  it('<switch> draws only its first usable child (Illustrator layout)', () => {
    const r = importSvg(svg(`<switch><foreignObject requiredExtensions="http://ns.adobe.com/AdobeIllustrator/10.0/" width="1" height="1"/>
      <g><rect width="10" height="10" stroke="#000" fill="none"/></g><g><rect width="20" height="20" stroke="#000" fill="none"/></g></switch>`));
    expect(r.paths).toHaveLength(1);
    expect(pathLength(r.paths[0])).toBe(40);
  });

  it('reports text, images, hidden and invisible elements, bad transforms and <use> cycles; never hangs', () => {
    const r = importSvg(svg(`
      <text id="t1">Halo</text><image href="x.png" width="5" height="5"/>
      <rect width="5" height="5" style="display:none" stroke="#000"/>
      <rect width="5" height="5" fill="none"/>
      <rect width="5" height="5" stroke="#000" transform="rotate(nonsense)"/>
      <g id="loop"><use href="#loop"/></g>`));
    const codes = r.findings.map((f) => f.code);
    for (const c of ['SVG_TEXT_NOT_CONVERTED', 'SVG_IMAGE_IGNORED', 'SVG_HIDDEN_SKIPPED', 'SVG_INVISIBLE_SKIPPED', 'SVG_BAD_TRANSFORM', 'SVG_USE_CYCLE']) {
      expect(codes).toContain(c);
    }
    expect(r.paths).toHaveLength(1);
    expect(r.findings.find((f) => f.code === 'SVG_TEXT_NOT_CONVERTED')?.message).toMatch(/Teks belum/);
  });

  it('rejects malformed XML and non-SVG documents with a clear message', () => {
    expect(() => importSvg('<svg><g></svg>')).toThrow(/SVG file is not well-formed at line 1/);
    expect(() => importSvg('<html/>')).toThrow(/Not an SVG document/);
    expect(() => importSvg('')).toThrow(/SVG file/);
  });
});
