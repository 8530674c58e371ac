// The DXF fixture table: every file of test/fixtures/dxf (real files from public repositories, see MANIFEST.tsv)
// imports without an exception; its parts, contours and cut length are recorded in a committed table; and its
// cutting geometry matches the independent reader (ezdxf, scripts/ezdxf-truth.py → ezdxf-truth.json): bbox within
// 0.01 mm, flattened length within 0.1 %. Files where ezdxf itself is wrong or cannot read are listed with why.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyBBox, segmentsBBox, segmentsLength } from '../../src-shared/geometry/segments';
import { importFile } from './import-file';

const DIR = join(__dirname, '..', '..', 'test', 'fixtures', 'dxf');
const manifest = readFileSync(join(DIR, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
const truth = JSON.parse(readFileSync(join(DIR, 'ezdxf-truth.json'), 'utf8')).files as Record<
  string,
  { error?: string; curves: number; length: number; bbox: [number, number, number, number] | null }
>;
const CURVES = new Set(['LINE', 'ARC', 'CIRCLE', 'ELLIPSE', 'LWPOLYLINE', 'POLYLINE', 'SPLINE']);

/** Where ezdxf 0.18 and we differ on purpose (checked by hand against the DXF reference). */
const KNOWN_DIFFERENCES: Record<string, string> = {
  'netdxf_sample_binary.dxf': 'ezdxf draws spline-fit POLYLINEs through their frame control points (vertex flag 16), which AutoCAD does not display',
  'ezdxf_duplicate_handles_R13.dxf': 'ezdxf recover drops 2 LINEs whose handles repeat; handles are only labels, we keep all 111 LINEs',
};

describe('DXF fixture corpus', () => {
  const table: string[] = [];
  for (const [name] of manifest) {
    it(`imports ${name}`, () => {
      const r = importFile(name, new Uint8Array(readFileSync(join(DIR, name))), { convertText: false });
      const closed = r.contours.filter((c) => c.closed).length;
      table.push(`${name}\tparts=${r.parts.length}\tcontours=${closed}+${r.contours.length - closed}open\tcut=${r.cutLengthMm.toFixed(2)}mm\tunits=${r.units.unit}/${r.units.source}`);
      const t = truth[name];
      expect(t, `${name} missing from ezdxf-truth.json (npm run fixtures:truth)`).toBeDefined();
      if (t.error || KNOWN_DIFFERENCES[name]) return;
      let length = 0;
      let n = 0;
      const bb = emptyBBox();
      for (const p of r.paths) {
        if (p.fill || p.layer === '*DIMENSIONS' || !CURVES.has(p.entity)) continue;
        n++;
        length += segmentsLength(p.segments);
        segmentsBBox(p.segments, bb);
      }
      const s = r.units.scaleToMm;
      expect(n, 'curve count').toBe(t.curves);
      if (t.length > 0) expect(Math.abs(length - t.length * s) / (t.length * s), 'relative length difference').toBeLessThan(0.001);
      if (t.bbox) {
        const d = Math.max(Math.abs(bb.minX - t.bbox[0] * s), Math.abs(bb.minY - t.bbox[1] * s), Math.abs(bb.maxX - t.bbox[2] * s), Math.abs(bb.maxY - t.bbox[3] * s));
        expect(d, 'bbox difference (mm)').toBeLessThan(0.01);
      }
    });
  }
  it('records parts, contours and cut length of every file', async () => {
    table.sort();
    await expect(`${table.join('\n')}\n`).toMatchFileSnapshot('./__snapshots__/dxf-fixtures.table.tsv');
  });
});
