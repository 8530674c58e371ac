// Content-addressed storage of uploaded files. The local backend keeps each blob once at
// <root>/<first two hex>/<sha256>; writes go to a temporary file first and are renamed into place, so a crash
// never leaves a half-written blob under its final name. (An S3-compatible backend would implement the same
// interface; it is not built yet.)
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

export interface FileStorage {
  /** A path for a new temporary file on the same filesystem as the store. */
  tempPath(name: string): Promise<string>;
  /** Moves a finished temporary file under its hash (idempotent: a known hash just drops the temp file). */
  commit(tempFile: string, sha256: string): Promise<void>;
  discard(tempFile: string): Promise<void>;
  read(sha256: string): Readable;
}

export function localStorage(root: string): FileStorage {
  const blobPath = (sha: string) => join(root, sha.slice(0, 2), sha);
  return {
    async tempPath(name) {
      await mkdir(join(root, 'tmp'), { recursive: true });
      return join(root, 'tmp', name);
    },
    async commit(tempFile, sha256) {
      const dest = blobPath(sha256);
      if (await stat(dest).then(() => true, () => false)) return rm(tempFile, { force: true });
      await mkdir(join(root, sha256.slice(0, 2)), { recursive: true });
      await rename(tempFile, dest);
    },
    discard: (tempFile) => rm(tempFile, { force: true }),
    read: (sha256) => createReadStream(blobPath(sha256)),
  };
}
