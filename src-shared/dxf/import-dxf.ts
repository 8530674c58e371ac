// DXF import entry point: bytes in (ASCII or binary, any code page), paths in millimetres out, with layers, text
// items, entity counts, unsupported types and findings. Pure and synchronous; src-main reads the file and runs
// this in a worker for large inputs. When units must be inferred from the extents, the entities are converted
// once at scale 1 to measure them and again at the chosen scale (so curves are flattened at 0.01 mm, not 0.01
// inch).
import { CHORD_TOLERANCE_MM, isEmptyBBox } from '../geometry/segments';
import { scaling } from '../geometry/transform';
import type { BBox, Finding, LayerInfo, Operation, Path, UnitsInfo } from '../geometry/types';
import { ANNOTATION_LAYER, Ctx, type FontResolver, type TextItem } from './context';
import { headerNumber, headerString, parseDocument, type DxfDocument } from './document';
import { readTags } from './tags';
import { headerUnits, inferUnits, overrideUnits, suspiciousUnits, type UnitName } from './units';
import { walkEntities } from './walker';

export interface DxfImportOptions {
  unitsOverride?: UnitName;
  fontFor?: FontResolver;
  toleranceMm?: number;
  /** Output budget in segments (default 1 million, hours of cutting): beyond it the import stops with OUTPUT_LIMIT. */
  maxSegments?: number;
}

export interface DxfImport {
  format: 'dxf' | 'dxf-binary';
  /** $ACADVER (AC1009, AC1015, ...) or undefined for header-less files. */
  version: string | undefined;
  encoding: string;
  units: UnitsInfo;
  /** Extent of the cutting geometry (not fills, not dimensions), mm; null when there is none. */
  bbox: BBox | null;
  entities: Record<string, number>;
  unsupported: Record<string, number>;
  meshes: Record<string, number>;
  paths: Path[];
  layers: LayerInfo[];
  texts: TextItem[];
  findings: Finding[];
}

/** A file that is not DXF at all (or has nothing a DXF reader can use). */
export class DxfFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DxfFormatError';
  }
}

export function importDxf(bytes: Uint8Array, opts: DxfImportOptions = {}): DxfImport {
  if (bytes.length === 0) throw new DxfFormatError('The file is empty.');
  const tags = readTags(bytes);
  const doc = parseDocument(tags);
  if (doc.sections.length === 0 && doc.entities.length === 0) {
    const why = tags.problems[0] ? ` (${tags.problems[0]})` : '';
    throw new DxfFormatError(`Not a DXF file: no SECTION or entity records found${why}.`);
  }
  const tol = opts.toleranceMm ?? CHORD_TOLERANCE_MM;
  const insunits = headerNumber(doc, '$INSUNITS');
  let units = opts.unitsOverride ? overrideUnits(opts.unitsOverride) : headerUnits(insunits);
  let unitFinding: Finding | null = null;
  let ctx: Ctx;
  if (units) ctx = convert(doc, units.scaleToMm, tol, opts);
  else {
    const probe = convert(doc, 1, tol, { ...opts, fontFor: undefined });
    const inferred = inferUnits(isEmptyBBox(probe.bbox) ? null : probe.bbox, headerNumber(doc, '$MEASUREMENT'), insunits);
    units = inferred.units;
    unitFinding = inferred.finding;
    // The probe left text unconverted; without any text it is the conversion itself.
    ctx = units.scaleToMm === 1 && (!opts.fontFor || probe.texts.length === 0) ? probe : convert(doc, units.scaleToMm, tol, opts);
  }
  const findings: Finding[] = [];
  if (unitFinding) findings.push(unitFinding);
  const suspicious = suspiciousUnits(units, isEmptyBBox(ctx.bbox) ? null : ctx.bbox);
  if (suspicious) findings.push(suspicious);
  findings.push(...structureFindings(doc, tags.problems), ...ctx.findings, ...countFindings(ctx));
  return {
    format: tags.binary ? 'dxf-binary' : 'dxf',
    version: headerString(doc, '$ACADVER'),
    encoding: tags.encoding,
    units,
    bbox: isEmptyBBox(ctx.bbox) ? null : ctx.bbox,
    entities: ctx.entities,
    unsupported: ctx.unsupported,
    meshes: ctx.meshes,
    paths: ctx.paths,
    layers: layersOf(doc, ctx),
    texts: ctx.texts,
    findings,
  };
}

function convert(doc: DxfDocument, scale: number, tol: number, opts: DxfImportOptions): Ctx {
  const ctx = new Ctx(doc, tol, opts.fontFor, opts.maxSegments);
  walkEntities(ctx, doc.entities, { m: scaling(scale, scale), layer: null, color: undefined, handle: undefined, annotation: false, depth: 0, stack: [] }, true);
  return ctx;
}

function structureFindings(doc: DxfDocument, problems: string[]): Finding[] {
  const out: Finding[] = [];
  if (problems.length) {
    out.push({
      code: 'DXF_SYNTAX_REPAIRED',
      severity: 'warning',
      message: `${problems.length} problem(s) in the tag stream were worked around; first: ${problems[0]}.`,
    });
  }
  if (!doc.sawEof) out.push({ code: 'DXF_NO_EOF', severity: 'info', message: 'The file has no EOF marker (it may be truncated); everything up to its end was read.' });
  return out;
}

function countFindings(ctx: Ctx): Finding[] {
  const out: Finding[] = [];
  for (const [type, n] of Object.entries(ctx.unsupported)) {
    out.push({ code: 'UNSUPPORTED_ENTITY', severity: 'warning', message: `${n} ${type} entit${n === 1 ? 'y' : 'ies'} not imported (no cuttable geometry is read from this type).` });
  }
  for (const [type, n] of Object.entries(ctx.meshes)) {
    out.push({ code: 'MESH_IGNORED', severity: 'info', message: `${n} ${type} entit${n === 1 ? 'y is a' : 'ies are'} 3D mesh/solid data, not 2D paths; ignored.` });
  }
  return out;
}

const NON_PLOTTING = new Set(['DEFPOINTS', ANNOTATION_LAYER]);

function layersOf(doc: DxfDocument, ctx: Ctx): LayerInfo[] {
  const fillOnly = new Map<string, boolean>();
  for (const p of ctx.paths) fillOnly.set(p.layer, (fillOnly.get(p.layer) ?? true) && !!p.fill);
  const names = new Set<string>([...doc.layers.keys(), ...ctx.usedLayers]);
  const out: LayerInfo[] = [];
  for (const name of names) {
    const def = doc.layers.get(name);
    let operation: Operation = 'cut';
    if (NON_PLOTTING.has(name.toUpperCase())) operation = 'ignore';
    else if (fillOnly.get(name)) operation = 'engrave';
    const info: LayerInfo = { name, operation, visible: def ? def.color >= 0 && !def.frozen : true, locked: def?.locked ?? false };
    const color = def ? (def.trueColor ?? Math.abs(def.color)) : undefined;
    if (color !== undefined) info.color = color;
    out.push(info);
  }
  return out;
}
