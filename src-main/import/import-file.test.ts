// The dispatcher: formats detected by content, DXF text outlined with the bundled fonts (fills, not cut contours),
// SketchUp COLLADA through the mesh importer, .skp and DWG refused with a clear message.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from './detect';
import { ImportError, importFile } from './import-file';

const FIX = join(__dirname, '..', '..', 'test', 'fixtures');
const bytes = (p: string) => new Uint8Array(readFileSync(join(FIX, p)));
const enc = (s: string) => new TextEncoder().encode(s);

describe('importFile', () => {
  it('detects formats by content, not by extension', () => {
    expect(detectFormat(bytes('dxf/ezdxf_Gerber_JR-3099.DXF'), 'x.bin')).toBe('dxf');
    expect(detectFormat(bytes('dxf/netdxf_sample_binary.dxf'))).toBe('dxf-binary');
    expect(detectFormat(bytes('sketchup/tqec_template_su8.dae'))).toBe('collada');
    expect(detectFormat(bytes('sketchup/openskp_SU_File.skp'))).toBe('skp');
    expect(detectFormat(enc('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBe('svg');
    expect(detectFormat(enc('AC1018\0\0\0\0'))).toBe('dwg');
  });

  it('outlines DXF TEXT with the bundled fonts as engraving fills that do not become parts', () => {
    const r = importFile('t.dxf', enc('0\nSECTION\n2\nENTITIES\n0\nTEXT\n8\nENGRAVE\n10\n0\n20\n0\n40\n10\n1\nAB8\n7\nSTANDARD\n0\nENDSEC\n0\nEOF\n'));
    expect(r.textCount).toBe(1);
    expect(r.texts[0]).toMatchObject({ text: 'AB8', converted: true, heightMm: 10 });
    const glyphs = r.paths.filter((p) => p.entity === 'TEXT');
    expect(glyphs.length).toBeGreaterThanOrEqual(3);
    expect(glyphs.every((p) => p.fill && p.closed)).toBe(true);
    expect(r.parts).toHaveLength(0);
    expect(r.findings.map((f) => f.code)).not.toContain('TEXT_NOT_CONVERTED');
    const off = importFile('t.dxf', enc('0\nSECTION\n2\nENTITIES\n0\nTEXT\n8\n0\n10\n0\n20\n0\n40\n10\n1\nAB\n0\nENDSEC\n0\nEOF\n'), { convertText: false });
    expect(off.findings.find((f) => f.code === 'TEXT_NOT_CONVERTED')).toMatchObject({ layer: '0', at: { x: 0, y: 0 } });
  });

  it('imports SketchUp COLLADA panels through the mesh importer', () => {
    const r = importFile('template.dae', bytes('sketchup/tqec_template_su8.dae'));
    expect(r.format).toBe('collada');
    expect(r.paths.length).toBeGreaterThan(0);
    expect(r.panels?.length).toBeGreaterThan(0);
    expect(r.contours.some((c) => c.closed)).toBe(true);
  }, 60_000);

  it('refuses .skp, DWG and unknown files with one clear line', () => {
    expect(() => importFile('m.skp', bytes('sketchup/openskp_SU_File.skp'))).toThrow(/COLLADA/);
    expect(() => importFile('d.dwg', enc('AC1018\0\0\0\0'))).toThrow(/DXF/);
    expect(() => importFile('x.bin', enc('\x00\x01\x02 hello'))).toThrow(ImportError);
    expect(() => importFile('e.dxf', new Uint8Array())).toThrow(/empty/);
  });
});
