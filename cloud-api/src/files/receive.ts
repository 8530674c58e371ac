// Streams an upload to a temporary blob of the storage backend while hashing it, counting bytes and recognising its type from the
// first bytes; never holds the whole file in memory. Stops with 413 as soon as the limit is passed and with 415
// when the content is not an accepted design file.
import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError } from '../http/errors';
import { SNIFF_BYTES, extensionMatches, sniffFileType, type FileType } from './file-types';
import type { FileStorage, TempBlob } from './storage';

export interface Received {
  sha256: string;
  size: number;
  type: FileType;
  temp: TempBlob;
}

export async function receiveUpload(body: Readable, name: string, maxBytes: number, storage: FileStorage): Promise<Received> {
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  let type: FileType | null = null;
  const check = () => {
    type = sniffFileType(head);
    if (!type) throw new ApiError(415, 'UNSUPPORTED_FILE', { en: `${name}: not a DXF, SVG, PDF/AI, PNG or JPEG file`, id: `${name}: bukan berkas DXF, SVG, PDF/AI, PNG atau JPEG` });
    if (!extensionMatches(type, name)) throw new ApiError(415, 'UNSUPPORTED_FILE', { en: `${name}: the content is ${type.mediaType}, the name says otherwise`, id: `${name}: isi berkas adalah ${type.mediaType}, tidak sesuai dengan nama` });
  };
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new ApiError(413, 'PAYLOAD_TOO_LARGE', { en: `file larger than ${maxBytes} bytes`, id: `berkas lebih besar dari ${maxBytes} byte` }));
      if (!type && head.length < SNIFF_BYTES) {
        head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
        if (head.length >= SNIFF_BYTES) {
          try {
            check();
          } catch (err) {
            return done(err as Error);
          }
        }
      }
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      try {
        if (!type) check();
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
  // The meter feeds the backend; a backend failure stops the meter so the request pipeline ends too.
  const [piped, written] = await Promise.allSettled([
    pipeline(body, meter),
    storage.writeTemp(meter).catch((err: unknown) => {
      meter.destroy(err as Error);
      throw err;
    }),
  ]);
  if (piped.status === 'rejected' || written.status === 'rejected') {
    if (written.status === 'fulfilled') await written.value.discard();
    const reasons = [piped, written].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    const err = reasons.find((r) => r instanceof ApiError) ?? reasons[0];
    if (size === 0 && !(err instanceof ApiError)) throw new ApiError(400, 'BAD_INPUT', { en: 'empty upload', id: 'unggahan kosong' });
    throw err;
  }
  if (size === 0) {
    await written.value.discard();
    throw new ApiError(400, 'BAD_INPUT', { en: 'empty upload', id: 'unggahan kosong' });
  }
  return { sha256: hash.digest('hex'), size, type: type!, temp: written.value };
}
