// Content-addressed storage of uploaded files. Each blob is kept once under its SHA-256. The hash is known only
// after the upload was read, so a blob is first written under a temporary name and then committed under its hash
// (or dropped when that hash is already stored); a failed upload never leaves a blob under a final name. Two
// backends: a local folder (default) and S3-compatible object storage (s3-storage.ts), chosen by FILE_STORAGE.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface TempBlob {
  /** Stores the blob under its hash (idempotent: a known hash just drops the temporary copy). */
  commit(sha256: string): Promise<void>;
  discard(): Promise<void>;
}

export interface FileStorage {
  /** Streams `source` to a temporary blob; when it fails (including an error from `source`) nothing is left. */
  writeTemp(source: Readable): Promise<TempBlob>;
  read(sha256: string): Promise<Readable>;
}

/** `<root>/<first two hex>/<sha256>`; temporary files in `<root>/tmp` (the same filesystem, so commit is a rename). */
export function localStorage(root: string): FileStorage {
  const blobPath = (sha: string) => join(root, sha.slice(0, 2), sha);
  return {
    async writeTemp(source) {
      await mkdir(join(root, 'tmp'), { recursive: true });
      const tempFile = join(root, 'tmp', randomUUID());
      const discard = () => rm(tempFile, { force: true });
      try {
        await pipeline(source, createWriteStream(tempFile));
      } catch (err) {
        await discard();
        throw err;
      }
      return {
        async commit(sha256) {
          const dest = blobPath(sha256);
          if (await stat(dest).then(() => true, () => false)) return discard();
          await mkdir(join(root, sha256.slice(0, 2)), { recursive: true });
          await rename(tempFile, dest);
        },
        discard,
      };
    },
    read: async (sha256) => createReadStream(blobPath(sha256)),
  };
}
