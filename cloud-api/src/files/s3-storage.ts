// S3-compatible object storage for uploaded files (AWS S3, MinIO, Cloudflare R2, …), content-addressed like the
// local folder: `<prefix><first two hex>/<sha256>`. An upload streams straight to a temporary object with a
// multipart upload (@aws-sdk/lib-storage: bounded memory, parts aborted on failure), and is then copied server-side
// under its hash. Add a lifecycle rule that expires `<prefix>tmp/` after a day for uploads cut off by a crash.
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FileStorage } from './storage';

export interface S3Config {
  bucket: string;
  /** Key prefix, empty or ending in `/`. */
  prefix: string;
  region: string;
  /** For S3-compatible services; unset = AWS. */
  endpoint?: string;
  forcePathStyle: boolean;
  /** Unset = the AWS default credential chain (environment, web identity, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

const PART_BYTES = 8 * 1024 * 1024;

const isNotFound = (err: unknown) => (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

export function s3Storage(cfg: S3Config): FileStorage {
  const client = new S3Client({
    region: cfg.region,
    endpoint: cfg.endpoint,
    forcePathStyle: cfg.forcePathStyle,
    credentials: cfg.credentials,
    // Checksums only where S3 requires them: many S3-compatible servers refuse the aws-chunked trailers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = cfg.bucket;
  const blobKey = (sha: string) => `${cfg.prefix}${sha.slice(0, 2)}/${sha}`;
  const remove = async (Key: string) => void (await client.send(new DeleteObjectCommand({ Bucket, Key })));
  const exists = (Key: string) =>
    client.send(new HeadObjectCommand({ Bucket, Key })).then(() => true, (err: unknown) => {
      if (isNotFound(err)) return false;
      throw err;
    });
  return {
    async writeTemp(source) {
      const tempKey = `${cfg.prefix}tmp/${randomUUID()}`;
      // queueSize 2: at most two parts (16 MiB) in memory per upload.
      await new Upload({ client, params: { Bucket, Key: tempKey, Body: source }, partSize: PART_BYTES, queueSize: 2 }).done();
      return {
        async commit(sha256) {
          const Key = blobKey(sha256);
          if (!(await exists(Key))) await client.send(new CopyObjectCommand({ Bucket, Key, CopySource: `${Bucket}/${tempKey}` }));
          await remove(tempKey);
        },
        discard: () => remove(tempKey),
      };
    },
    async read(sha256) {
      const r = await client.send(new GetObjectCommand({ Bucket, Key: blobKey(sha256) }));
      return r.Body as Readable;
    },
  };
}
