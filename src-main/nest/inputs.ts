// Reads the files the `nest` command is given: drawings (DXF, SVG, … through the app's import, src-main/import,
// then the parts exactly as the app's nest view builds them: closed contours of the cut layers, islands inside
// holes included, src-shared/editor/design-parts) or one ESICUP strip instance (JSON). Bad files fail with the
// file name and what is wrong.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { designParts } from '../../src-shared/editor/design-parts';
import { importFile } from '../import/import-file';
import { parseEsicup, isEsicup, type EsicupInstance } from '../../src-shared/nest/esicup';
import { NestInputError } from '../../src-shared/nest/validate';
import type { NestPart } from '../../src-shared/nest/types';
import type { Path } from '../../src-shared/geometry/types';

export type NestInput = { kind: 'esicup'; instance: EsicupInstance } | { kind: 'parts'; parts: NestPart[]; warnings: string[]; exact: Map<string, Path[]> };

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
  const exact = new Map<string, Path[]>();
  for (const { file, bytes } of loaded) {
    const got = drawingParts(file, bytes, quantity);
    parts.push(...got.parts);
    warnings.push(...got.warnings);
    for (const [id, paths] of got.exact) exact.set(id, paths);
  }
  return { kind: 'parts', parts, warnings, exact };
}

function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new NestInputError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (e as Error).message}`);
  }
}

/** The drawing's parts, and each part's cut paths (exact arcs) for the DXF output. */
function drawingParts(file: string, bytes: Uint8Array, quantity: number): { parts: NestPart[]; warnings: string[]; exact: Map<string, Path[]> } {
  let imported;
  try {
    imported = importFile(basename(file), bytes);
  } catch (e) {
    const message = (e as Error).message;
    const own = `${basename(file)}: `;
    throw new NestInputError(`${file}: ${message.startsWith(own) ? message.slice(own.length) : message}`);
  }
  const open = imported.contours.filter((c) => !c.closed);
  const warnings: string[] = [];
  if (open.length) warnings.push(`${file}: ${open.length} open contour${open.length === 1 ? '' : 's'} left out of the nest (layers ${[...new Set(open.map((c) => c.layer))].join(', ')})`);
  const name = basename(file).replace(/\.[^.]+$/, '');
  const designed = designParts(name, imported.paths, imported.layers);
  const parts = designed.map((p, i) => ({ id: p.id, name: `${name} part ${i + 1}`, quantity, shape: p.shape }));
  if (parts.length === 0) throw new NestInputError(`${file}: no closed outline to nest${open.length ? ` (${open.length} open contours)` : ''}`);
  const cut = new Set(imported.layers.filter((l) => l.operation === 'cut').map((l) => l.name));
  const known = new Set(imported.layers.map((l) => l.name));
  const exact = new Map(designed.map((p) => [p.id, p.paths.filter((q) => !q.fill && (cut.has(q.layer) || !known.has(q.layer)))]));
  return { parts, warnings, exact };
}
