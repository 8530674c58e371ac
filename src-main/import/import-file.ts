// The import dispatcher: bytes of any supported file → one ImportResult. Detects the format by content, calls the
// pure importer (DXF here; SVG and the SketchUp/mesh formats from src-shared/svg and src-shared/mesh), then runs
// the shared tail every format needs: contours and parts from the visible cutting layers, and the
// manufacturability checks. Fonts for TEXT/MTEXT outlines come from the bundled font library.
import { importDxf, type DxfImport } from '../../src-shared/dxf/import-dxf';
import { buildContours } from '../../src-shared/geometry/contours';
import { emptyBBox, isEmptyBBox, segmentsBBox } from '../../src-shared/geometry/segments';
import type { BBox, LayerInfo, Path } from '../../src-shared/geometry/types';
import { checkDesign } from '../../src-shared/dfm/check-design';
import { DEFAULT_CHECK_SHEETS, importCutPaths } from '../../src-shared/dfm/recheck-design';
import { importCollada, importObj, importStl } from '../../src-shared/mesh/index';
import { rejectSketchUpFile, SketchUpFileError } from '../../src-shared/mesh/skp';
import { importSvg } from '../../src-shared/svg/import-svg';
import { FontLibrary } from '../fonts/font-library';
import { detectFormat, type FileFormat } from './detect';
import type { ImportOptions, ImportResult } from './import-result';

/** A file we cannot import, with a message fit for the user (one line, English / Indonesian). */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

let fonts: FontLibrary | undefined;

function fontResolver() {
  fonts ??= new FontLibrary();
  const lib = fonts;
  return (name: string) => {
    try {
      return lib.loadFont(name).font;
    } catch {
      return null;
    }
  };
}

/** Raw importer output before the shared tail. */
type Raw = Pick<ImportResult, 'version' | 'units' | 'entities' | 'unsupported' | 'paths' | 'layers' | 'findings' | 'texts' | 'panels'> & {
  bbox: BBox | null;
};

function fromDxf(r: DxfImport): Raw {
  return { ...r, bbox: r.bbox };
}

function layersFromPaths(paths: Path[]): LayerInfo[] {
  const names = [...new Set(paths.map((p) => p.layer))];
  return names.map((name) => ({ name, operation: 'cut', visible: true, locked: false }));
}

function bboxOf(paths: Path[]): BBox | null {
  const b = emptyBBox();
  for (const p of paths) if (!p.fill) segmentsBBox(p.segments, b);
  return isEmptyBBox(b) ? null : b;
}

function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

function runImporter(format: FileFormat, bytes: Uint8Array, name: string, opts: ImportOptions): Raw {
  const empty = { entities: {}, unsupported: {}, texts: [] };
  switch (format) {
    case 'dxf':
    case 'dxf-binary':
      return fromDxf(importDxf(bytes, { unitsOverride: opts.unitsOverride, fontFor: opts.convertText === false ? undefined : fontResolver() }));
    case 'svg': {
      const r = importSvg(decodeText(bytes), opts.unitsOverride ? { userUnitMm: { mm: 1, cm: 10, m: 1000, in: 25.4, ft: 304.8 }[opts.unitsOverride] } : {});
      return { ...empty, units: r.units, paths: r.paths, layers: r.layers, findings: r.findings, bbox: r.bbox ?? null };
    }
    case 'collada':
    case 'obj':
    case 'stl': {
      const meshOpts = opts.unitsOverride ? { unit: opts.unitsOverride } : {};
      const r = format === 'stl' ? importStl(bytes, meshOpts) : format === 'obj' ? importObj(decodeText(bytes), meshOpts) : importCollada(decodeText(bytes), meshOpts);
      return { ...empty, units: r.units, paths: r.paths, layers: layersFromPaths(r.paths), findings: r.findings, bbox: bboxOf(r.paths), panels: r.panels };
    }
    case 'skp':
      rejectSketchUpFile(bytes);
      throw new ImportError(new SketchUpFileError(undefined).message);
    case 'dwg':
      throw new ImportError(`${name}: DWG files cannot be read; save the drawing as DXF (File → Save As → DXF) / Berkas DWG tidak dapat dibaca; simpan gambar sebagai DXF.`);
    default:
      throw new ImportError(`${name}: not a DXF, SVG, COLLADA (.dae), OBJ or STL file / bukan berkas DXF, SVG, COLLADA, OBJ atau STL.`);
  }
}

export function importFile(name: string, bytes: Uint8Array, opts: ImportOptions = {}): ImportResult {
  if (bytes.length === 0) throw new ImportError(`${name}: the file is empty / berkas kosong.`);
  const format = detectFormat(bytes, name);
  opts.onStage?.(0.05, `reading ${format}`);
  let raw: Raw;
  try {
    raw = runImporter(format, bytes, name, opts);
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(`${name}: ${(err as Error).message}`);
  }
  const cutPaths = importCutPaths(raw.paths, raw.layers);
  opts.onStage?.(0.6, `${raw.paths.length} paths read; building contours`);
  const { contours, parts, findings: contourFindings } = buildContours(cutPaths, { joinTolerance: opts.joinToleranceMm });
  opts.onStage?.(0.8, `${contours.length} contours; checking manufacturability`);
  const dfm = checkDesign(contours, parts, {
    kerfMm: opts.kerfMm,
    thicknessMm: opts.thicknessMm,
    sheets: opts.sheets ?? DEFAULT_CHECK_SHEETS,
    paths: cutPaths,
    unconvertedTexts: raw.texts.filter((t) => !t.converted && t.layer !== '*DIMENSIONS'),
  });
  let cutLengthMm = 0;
  for (const c of contours) cutLengthMm += c.lengthMm;
  return {
    file: name,
    format,
    version: raw.version,
    units: raw.units,
    bbox: raw.bbox,
    entities: raw.entities,
    unsupported: raw.unsupported,
    paths: raw.paths,
    layers: raw.layers,
    contours,
    parts,
    findings: [...raw.findings, ...contourFindings, ...dfm],
    textCount: raw.texts.length,
    texts: raw.texts,
    cutLengthMm,
    ...(raw.panels ? { panels: raw.panels } : {}),
  };
}
