import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildContours } from '../geometry/contours';
import { transformSegments, translation } from '../geometry/transform';
import type { Path } from '../geometry/types';
import { importDxf } from '../dxf/import-dxf';
import { checkDesign } from './check-design';
import { DEFAULT_CHECK_SHEETS, importCutPaths, recheckDesign } from './recheck-design';

const fixture = (name: string) => importDxf(new Uint8Array(readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'dxf', name))));

/** The findings an import gives (file findings, contour findings, checks), built the way the import builds them. */
function asImported(name: string) {
  const raw = fixture(name);
  const cut = importCutPaths(raw.paths, raw.layers);
  const { contours, parts, findings } = buildContours(cut);
  return { raw, findings: [...raw.findings, ...findings, ...checkDesign(contours, parts, { sheets: DEFAULT_CHECK_SHEETS, paths: cut })] };
}

const count = (codes: string[], code: string) => codes.filter((c) => c === code).length;

describe('recheckDesign', () => {
  it('gives the import\'s findings back for an unedited drawing', () => {
    const { raw, findings } = asImported('ezdxf_AC1003_LINE_Example.dxf');
    expect(findings.map((f) => f.code).sort()).toEqual(['OPEN_CONTOUR', 'UNITS_INFERRED']);
    expect(recheckDesign(raw.paths, raw.layers, findings)).toEqual(findings);
  });

  it('drops a warning the edit fixed and keeps what only the file can tell', () => {
    const { raw, findings } = asImported('ezdxf_AC1003_LINE_Example.dxf');
    const open = findings.find((f) => f.code === 'OPEN_CONTOUR')!;
    const culprit = raw.paths.find((p) => p.handle === open.handle) ?? raw.paths.find((p) => !p.closed)!;
    const after = recheckDesign(raw.paths.filter((p) => p !== culprit && p.closed), raw.layers, findings);
    expect(after.map((f) => f.code)).toEqual(['UNITS_INFERRED']);
  });

  it('finds what an edit broke, at the edited place', () => {
    const { raw, findings } = asImported('vzbot_back_acrylic_panel_inkscape.dxf');
    const before = recheckDesign(raw.paths, raw.layers, findings).map((f) => f.code);
    const copy: Path = { ...raw.paths[0], id: 'copy-of-0' };
    const after = recheckDesign([...raw.paths, copy], raw.layers, findings);
    expect(count(after.map((f) => f.code), 'DUPLICATE_SEGMENT')).toBeGreaterThan(count(before, 'DUPLICATE_SEGMENT'));

    // Far away from the origin the drawing is reported there, not where the file had it.
    const shifted = raw.paths.map((p) => ({ ...p, segments: transformSegments(p.segments, translation(5000, 0), 0.01) }));
    const far = recheckDesign(shifted, raw.layers, findings).find((f) => f.code === 'FAR_FROM_ORIGIN');
    expect(findings.some((f) => f.code === 'FAR_FROM_ORIGIN')).toBe(false);
    expect(far?.at?.x).toBeCloseTo(raw.bbox!.minX + 5000, 3);
  });

  it('honours the thickness of the edited design', () => {
    const { raw, findings } = asImported('discipline_acrylic-guard_r12.dxf');
    const thin = recheckDesign(raw.paths, raw.layers, findings, { thicknessMm: 1 });
    const thick = recheckDesign(raw.paths, raw.layers, findings, { thicknessMm: 50 });
    expect(count(thick.map((f) => f.code), 'HOLE_SMALLER_THAN_THICKNESS')).toBeGreaterThan(count(thin.map((f) => f.code), 'HOLE_SMALLER_THAN_THICKNESS'));
  });
});
