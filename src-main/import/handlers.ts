// Handler of `files.import`: decodes the bytes (or reads the path), runs the import as a task with `task.progress`
// events (start, done), and returns the result with contours/parts as id references. Imports run in-process:
// the fixtures' largest (3 MB) imports in well under a second; a worker thread is the next step for 100 MB files
// (see the report), the size limit in read-file.ts bounds the worst case meanwhile.
import { basename } from 'node:path';
import { ContractError, type HandlerContext, type Handlers } from '../../src-shared/contract/index';
import type { PartSummary } from '../../src-shared/contract/channels/files';
import type { PartGeom } from '../../src-shared/geometry/contours';
import type { CoreDeps } from '../services/core-deps';
import { ImportError, importFile } from './import-file';
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
  };
}

export function createFilesHandlers(deps: Pick<CoreDeps, 'tasks'>): Pick<Handlers, 'files.import'> {
  return {
    'files.import': (input, ctx: HandlerContext) => {
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
        const result = importFile(name, bytes, { unitsOverride: input.unitsOverride, kerfMm: input.kerfMm, thicknessMm: input.thicknessMm });
        progress(1, `imported ${name}: ${result.paths.length} paths, ${result.findings.length} findings`, true);
        return toImportOutput(result);
      } catch (err) {
        progress(1, `failed: ${(err as Error).message}`, true);
        if (err instanceof ImportError) throw new ContractError('BAD_INPUT', err.message);
        throw err;
      } finally {
        task.finish();
      }
    },
  };
}
