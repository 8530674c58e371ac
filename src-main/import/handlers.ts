// Handler of `files.import`: decodes the bytes (or reads the path), runs the import as a task (files from 2 MB in a
// worker thread, cancellable with `task.cancel`) with `task.progress` events per stage, and returns the result
// with contours/parts as id references.
import { basename } from 'node:path';
import { ContractError, type HandlerContext, type Handlers } from '../../src-shared/contract/index';
import type { PartSummary } from '../../src-shared/contract/channels/files';
import type { PartGeom } from '../../src-shared/geometry/contours';
import type { CoreDeps } from '../services/core-deps';
import { ImportError } from './import-file';
import { ImportCancelled, runImport } from './run-import';
import { MAX_IMPORT_BYTES, readImportFile } from './read-file';
import type { ImportResult } from './import-result';

function partSummary(p: PartGeom): PartSummary {
  return { id: p.id, outer: p.outer.id, holes: p.holes.map((h) => h.id), islands: p.islands.map(partSummary) };
}

export function toImportOutput(r: ImportResult) {
  return {
    file: r.file,
    format: r.format,
    ...(r.version !== undefined ? { version: r.version } : {}),
    units: r.units,
    bbox: r.bbox,
    entities: r.entities,
    unsupported: r.unsupported,
    paths: r.paths,
    layers: r.layers,
    contours: r.contours.map(({ id, pathIds, closed, layer, area, bbox, lengthMm }) => ({ id, pathIds, closed, layer, area, bbox, lengthMm })),
    parts: r.parts.map(partSummary),
    findings: r.findings,
    textCount: r.textCount,
    texts: r.texts,
    cutLengthMm: r.cutLengthMm,
    panels: r.panels?.map((p) => ({ ...p, placements: p.placements.map((m) => [...m]) })),
  };
}

export function createFilesHandlers(deps: Pick<CoreDeps, 'tasks'>): Pick<Handlers, 'files.import'> {
  return {
    'files.import': async (input, ctx: HandlerContext) => {
      const task = deps.tasks.start();
      const progress = (fraction: number, message: string, done: boolean) =>
        ctx.emit('task.progress', { taskId: task.taskId, kind: 'import', fraction, message, done });
      try {
        let name: string;
        let bytes: Uint8Array;
        if ('path' in input) {
          name = basename(input.path);
          bytes = readImportFile(input.path);
        } else {
          name = input.name;
          const buf = Buffer.from(input.dataBase64, 'base64');
          if (buf.byteLength > MAX_IMPORT_BYTES) throw new ImportError(`${name}: larger than the ${MAX_IMPORT_BYTES / 1024 / 1024} MB limit`);
          bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
        }
        progress(0, `reading ${name}`, false);
        const result = await runImport(name, bytes, {
          unitsOverride: input.unitsOverride,
          kerfMm: input.kerfMm,
          thicknessMm: input.thicknessMm,
          signal: task.signal,
          onProgress: (fraction, message) => progress(fraction, message, false),
        });
        progress(1, `imported ${name}: ${result.paths.length} paths, ${result.findings.length} findings`, true);
        return toImportOutput(result);
      } catch (err) {
        progress(1, err instanceof ImportCancelled ? 'cancelled' : `failed: ${(err as Error).message}`, true);
        if (err instanceof ImportCancelled) throw new ContractError('CANCELLED', err.message);
        if (err instanceof ImportError) throw new ContractError('BAD_INPUT', err.message);
        throw err;
      } finally {
        task.finish();
      }
    },
  };
}
