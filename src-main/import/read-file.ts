// Reading an import source from disk or from the UI (base64 bytes): size limit, clear errors, then importFile.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { ImportError, importFile } from './import-file';
import type { ImportOptions, ImportResult } from './import-result';

/** Files above this size are refused (a DXF this big is not a laser job; it would exhaust memory). */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

export function readImportFile(path: string): Uint8Array {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new ImportError(`${path} is not a file / bukan berkas`);
    size = st.size;
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(`${path}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}) / tidak dapat dibaca`);
  }
  if (size > MAX_IMPORT_BYTES) throw new ImportError(`${path}: ${Math.round(size / 1e6)} MB is larger than the ${MAX_IMPORT_BYTES / 1024 / 1024} MB limit / terlalu besar`);
  const buf = readFileSync(path);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

export function importPath(path: string, opts: ImportOptions = {}): ImportResult {
  return importFile(basename(path), readImportFile(path), opts);
}
