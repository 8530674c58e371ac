// Reads the files the `nest` command is given: DXF drawings (every closed outer contour with its holes becomes a
// part, islands inside holes included, through the shared DXF importer and contour builder) or one ESICUP strip
// instance (JSON). Bad files fail with the file name and what is wrong.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importDxf } from '../../src-shared/dxf/import-dxf';
import { allParts, buildContours } from '../../src-shared/geometry/contours';
import { segmentsToRing } from '../../src-shared/geometry/polygon';
import { parseEsicup, isEsicup, type EsicupInstance } from '../../src-shared/nest/esicup';
import { NestInputError } from '../../src-shared/nest/validate';
import type { NestPart } from '../../src-shared/nest/types';

export type NestInput = { kind: 'esicup'; instance: EsicupInstance } | { kind: 'parts'; parts: NestPart[]; warnings: string[] };

export function readNestInputs(files: string[], quantity: number): NestInput {
  if (files.length === 0) throw new NestInputError('no input file given');
  const loaded = files.map((f) => ({ file: f, bytes: readBytes(f) }));
  const json = loaded.filter((l) => /\.json$/i.test(l.file));
  if (json.length) {
    if (loaded.length > 1) throw new NestInputError('an ESICUP instance (.json) is nested on its own: give exactly one file');
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(json[0].bytes));
    } catch (e) {
      throw new NestInputError(`${json[0].file}: not valid JSON (${(e as Error).message})`);
    }
    if (!isEsicup(parsed)) throw new NestInputError(`${json[0].file}: not an ESICUP instance (needs strip_height and items)`);
    return { kind: 'esicup', instance: parseEsicup(parsed, basename(json[0].file)) };
  }
  const parts: NestPart[] = [];
  const warnings: string[] = [];
  for (const { file, bytes } of loaded) {
    const got = dxfParts(file, bytes, quantity);
    parts.push(...got.parts);
    warnings.push(...got.warnings);
  }
  return { kind: 'parts', parts, warnings };
}

function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new NestInputError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (e as Error).message}`);
  }
}

function dxfParts(file: string, bytes: Uint8Array, quantity: number): { parts: NestPart[]; warnings: string[] } {
  let imported;
  try {
    imported = importDxf(bytes);
  } catch (e) {
    throw new NestInputError(`${file}: ${(e as Error).message}`);
  }
  const built = buildContours(imported.paths);
  const open = built.contours.filter((c) => !c.closed);
  const warnings = built.findings.filter((f) => f.severity !== 'info').map((f) => `${file}: ${f.message}`);
  if (open.length) warnings.push(`${file}: ${open.length} open contour${open.length === 1 ? '' : 's'} left out of the nest (layers ${[...new Set(open.map((c) => c.layer))].join(', ')})`);
  const name = basename(file).replace(/\.dxf$/i, '');
  const parts = allParts(built.parts).map((p, i) => ({
    id: `${name}#${i + 1}`,
    name: `${name} part ${i + 1}`,
    quantity,
    shape: { outer: segmentsToRing(p.outer.segments), holes: p.holes.map((h) => segmentsToRing(h.segments)) },
  }));
  if (parts.length === 0) throw new NestInputError(`${file}: no closed outline to nest${open.length ? ` (${open.length} open contours)` : ''}`);
  return { parts, warnings };
}
