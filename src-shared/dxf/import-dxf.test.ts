// Unit and property tests of the DXF reader on small hand-written files (each feature in isolation) and on the
// binary/ASCII twins of the fixture corpus.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segLength } from '../geometry/segments';
import type { ArcSeg } from '../geometry/types';
import { importDxf } from './import-dxf';
import { mtextToPlain, decodeControlCodes } from './mtext';

const DIR = join(__dirname, '..', '..', 'test', 'fixtures', 'dxf');
const fixture = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));
const enc = (s: string) => new TextEncoder().encode(s);
const file = (entities: string, { blocks = '', header = '9\n$INSUNITS\n70\n4\n' } = {}) =>
  enc(`0\nSECTION\n2\nHEADER\n${header}0\nENDSEC\n0\nSECTION\n2\nBLOCKS\n${blocks}0\nENDSEC\n0\nSECTION\n2\nENTITIES\n${entities}0\nENDSEC\n0\nEOF\n`);
const block = (name: string, body: string, base = [0, 0]) => `0\nBLOCK\n2\n${name}\n70\n0\n10\n${base[0]}\n20\n${base[1]}\n${body}0\nENDBLK\n`;
const insert = (name: string, o: { x?: number; y?: number; sx?: number; sy?: number; rot?: number; layer?: string; cols?: number; colSp?: number } = {}) =>
  `0\nINSERT\n8\n${o.layer ?? '0'}\n2\n${name}\n10\n${o.x ?? 0}\n20\n${o.y ?? 0}\n41\n${o.sx ?? 1}\n42\n${o.sy ?? 1}\n50\n${o.rot ?? 0}\n` +
  (o.cols ? `70\n${o.cols}\n44\n${o.colSp ?? 0}\n` : '');

describe('DXF reader', () => {
  it('reads binary DXF exactly like its ASCII twin', () => {
    const a = importDxf(fixture('librecad_screw2012ascii_acadmap.DXF'));
    const b = importDxf(fixture('librecad_screw2012binary_acadmap.dxf'));
    expect(b.format).toBe('dxf-binary');
    expect(b.paths.length).toBe(a.paths.length);
    const len = (r: typeof a) => r.paths.reduce((n, p) => n + p.segments.reduce((m, s) => m + segLength(s), 0), 0);
    expect(len(b)).toBeCloseTo(len(a), 9);
  });

  it('decodes text by $DWGCODEPAGE before R2007 and as UTF-8 from R2007 on', () => {
    const cp1251 = new Uint8Array([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]); // "Привет" in windows-1251
    const head = enc('0\nSECTION\n2\nHEADER\n9\n$ACADVER\n1\nAC1015\n9\n$DWGCODEPAGE\n3\nANSI_1251\n0\nENDSEC\n0\nSECTION\n2\nENTITIES\n0\nTEXT\n8\n0\n10\n0\n20\n0\n40\n2\n1\n');
    const tail = enc('\n0\nENDSEC\n0\nEOF\n');
    const bytes = new Uint8Array([...head, ...cp1251, ...tail]);
    expect(importDxf(bytes).texts[0].text).toBe('Привет');
    const utf8 = enc('0\nSECTION\n2\nHEADER\n9\n$ACADVER\n1\nAC1027\n9\n$DWGCODEPAGE\n3\nANSI_1252\n0\nENDSEC\n0\nSECTION\n2\nENTITIES\n0\nTEXT\n8\n0\n10\n0\n20\n0\n40\n2\n1\nØ 5 – 日本\n0\nENDSEC\n0\nEOF\n');
    expect(importDxf(utf8).texts[0].text).toBe('Ø 5 – 日本');
  });

  it('reads the Shift-JIS (ANSI_932) AutoCAD file and splits lines only on CR/LF', () => {
    const r = importDxf(fixture('crkbd_case_acad_ansi932.dxf'));
    expect(r.encoding).toBe('utf-8'); // AC1027: UTF-8 whatever the code page says
    expect(r.paths.length).toBe(113);
  });

  it('parses MTEXT formatting codes and %% control codes', () => {
    expect(mtextToPlain('{\\fArial|b1|i0|c0|p34;Hello}\\P\\H2.5x;World \\S1/2; \\U+00B0\\~x\\\\y')).toBe('Hello\nWorld 1/2 °\u00a0x\\y');
    expect(mtextToPlain('\\A1;\\C1;red \\L under\\l \\Ttight;')).toBe('red  under ');
    expect(decodeControlCodes('%%c10 %%p0.1 90%%d %%%')).toBe('⌀10 ±0.1 90° %');
  });

  it('mirrors arcs with extrusion (0,0,-1) (OCS arbitrary axis)', () => {
    const r = importDxf(file('0\nARC\n8\n0\n10\n5\n20\n0\n30\n0\n40\n1\n50\n0\n51\n90\n210\n0\n220\n0\n230\n-1\n'));
    const a = r.paths[0].segments[0] as ArcSeg;
    expect(a.center.x).toBeCloseTo(-5, 12);
    expect(a.sweep).toBeCloseTo(-Math.PI / 2, 12); // counter-clockwise in the OCS is clockwise seen from +Z
  });

  it('expands nested, scaled, rotated and mirrored inserts (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 5, noNaN: true }), fc.double({ min: 0.2, max: 5, noNaN: true }),
        fc.integer({ min: -180, max: 180 }), fc.integer({ min: -180, max: 180 }), fc.boolean(),
        fc.integer({ min: -100, max: 100 }), fc.integer({ min: -100, max: 100 }),
        (sInner, sOuter, rInner, rOuter, mirror, x, y) => {
          const blocks = block('INNER', '0\nCIRCLE\n8\n0\n10\n1\n20\n0\n40\n1\n') + block('OUTER', insert('INNER', { x: 2, y: 0, sx: sInner, sy: sInner, rot: rInner }));
          const r = importDxf(file(insert('OUTER', { x, y, sx: mirror ? -sOuter : sOuter, sy: sOuter, rot: rOuter }), { blocks }));
          const c = r.paths[0].segments[0] as ArcSeg;
          // Expected: inner centre (1,0) → inner insert → outer insert.
          const ri = (rInner * Math.PI) / 180;
          const ro = (rOuter * Math.PI) / 180;
          const px = 2 + sInner * Math.cos(ri);
          const py = sInner * Math.sin(ri);
          const qx = (mirror ? -sOuter : sOuter) * px;
          const qy = sOuter * py;
          expect(c.center.x).toBeCloseTo(x + qx * Math.cos(ro) - qy * Math.sin(ro), 9);
          expect(c.center.y).toBeCloseTo(y + qx * Math.sin(ro) + qy * Math.cos(ro), 9);
          expect(c.radius).toBeCloseTo(sInner * sOuter, 9);
          expect(Math.abs(c.sweep)).toBeCloseTo(2 * Math.PI, 12);
          expect(Math.sign(c.sweep)).toBe(mirror ? -1 : 1);
        },
      ),
      { seed: 7, numRuns: 100 },
    );
  });

  it('expands column arrays, base points, layer 0 inheritance', () => {
    const blocks = block('B', '0\nLINE\n8\n0\n10\n10\n20\n10\n11\n11\n21\n10\n', [10, 10]);
    const r = importDxf(file(insert('B', { x: 100, y: 0, cols: 3, colSp: 5, layer: 'CUT' }), { blocks }));
    expect(r.paths.map((p) => [p.layer, (p.segments[0] as { a: { x: number } }).a.x])).toEqual([['CUT', 100], ['CUT', 105], ['CUT', 110]]);
  });

  it('puts DIMENSION geometry on the non-cutting annotation layer and HATCH boundaries as fills', () => {
    const blocks = block('*D1', '0\nLINE\n8\n0\n10\n0\n20\n0\n11\n10\n21\n0\n');
    const hatch = '0\nHATCH\n8\nENGRAVE\n10\n0\n20\n0\n30\n0\n210\n0\n220\n0\n230\n1\n2\nSOLID\n70\n1\n71\n0\n91\n1\n92\n2\n72\n0\n73\n1\n93\n4\n10\n0\n20\n0\n10\n4\n20\n0\n10\n4\n20\n4\n10\n0\n20\n4\n97\n0\n75\n0\n76\n1\n98\n0\n';
    const r = importDxf(file(`0\nDIMENSION\n8\n0\n2\n*D1\n${hatch}`, { blocks }));
    expect(r.paths.find((p) => p.entity === 'LINE')?.layer).toBe('*DIMENSIONS');
    const fill = r.paths.find((p) => p.entity === 'HATCH');
    expect(fill?.fill).toBe(true);
    expect(fill?.segments).toHaveLength(4);
    expect(r.layers.find((l) => l.name === '*DIMENSIONS')?.operation).toBe('ignore');
    expect(r.layers.find((l) => l.name === 'ENGRAVE')?.operation).toBe('engrave');
  });

  it('infers inches for a tiny unitless drawing, keeps header units, and lets an override win', () => {
    const tiny = '0\nLINE\n8\n0\n10\n0\n20\n0\n11\n0.5\n21\n0.3\n';
    const inferred = importDxf(file(tiny, { header: '' }));
    expect(inferred.units).toEqual({ source: 'inferred', unit: 'in', scaleToMm: 25.4 });
    expect(inferred.findings.map((f) => f.code)).toContain('UNITS_INFERRED');
    expect(inferred.bbox?.maxX).toBeCloseTo(12.7, 9);
    expect(importDxf(file(tiny, { header: '9\n$MEASUREMENT\n70\n1\n' })).units.unit).toBe('m');
    expect(importDxf(file(tiny, { header: '9\n$INSUNITS\n70\n5\n' })).units).toEqual({ source: 'header', unit: 'cm', scaleToMm: 10 });
    expect(importDxf(file(tiny), { unitsOverride: 'in' }).units.source).toBe('override');
  });

  it('warns when header units make a plate metres wide (Corne plate labelled inches)', () => {
    const r = importDxf(fixture('crkbd_corne_acrylic_top-bottom.dxf'));
    expect(r.units).toMatchObject({ source: 'header', unit: 'in' });
    expect(r.findings.find((f) => f.code === 'UNITS_SUSPICIOUS')?.message).toMatch(/287 mm/);
    expect(importDxf(fixture('discipline_plate_acad.dxf')).findings.map((f) => f.code)).not.toContain('UNITS_SUSPICIOUS');
  });

  it('reads headerless files, no-EOF files and data after EOF; counts unsupported and mesh entities', () => {
    expect(importDxf(fixture('prusa_MK3-front-plate_headerless.dxf')).paths).toHaveLength(552);
    const recovered = importDxf(fixture('ezdxf_recover01.dxf'));
    expect(recovered.findings.map((f) => f.code)).toContain('DXF_NO_EOF');
    expect(importDxf(fixture('ezdxf_R12_with_trash_beyond_EOF.dxf')).unsupported).toEqual({});
    const many = importDxf(fixture('netdxf_sample2000.dxf'));
    expect(many.unsupported).toMatchObject({ MLINE: 2, RAY: 1, XLINE: 1, IMAGE: 1 });
    expect(many.meshes).toMatchObject({ MESH: 1, '3DFACE': 1 });
    expect(importDxf(fixture('ezdxf_Allplan_104.dxf')).paths).toHaveLength(0); // polyface mesh: never paths
  });

  it('joins a value broken over two lines (LibreCAD multi-line MTEXT) and reports it', () => {
    const r = importDxf(file('0\nMTEXT\n8\n0\n10\n0\n20\n0\n40\n2\n1\nfirst line\nsecond line\n0\nLINE\n8\n0\n10\n0\n20\n0\n11\n1\n21\n0\n'));
    expect(r.texts[0].text).toBe('first line\nsecond line');
    expect(r.paths).toHaveLength(1);
    expect(r.findings.map((f) => f.code)).toContain('DXF_SYNTAX_REPAIRED');
  });
});
