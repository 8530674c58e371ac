// Job upload over MQTT: the sender cuts the G-code into chunks (each with its SHA-256) and ends with a commit
// carrying the whole text's SHA-256 and size; the receiver assembles them in any order, ignores QoS 1
// duplicates and accepts the job only when every chunk and the whole text verify.
import { createHash } from 'node:crypto';
import type { UploadMessage } from '../../src-shared/grbl/mqtt-topics';

export const CHUNK_BYTES = 64 * 1024;

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function chunkUpload(gcode: string, meta: { name?: string; estimateSeconds?: number } = {}, chunkBytes = CHUNK_BYTES): UploadMessage[] {
  const chunks: string[] = [];
  for (let i = 0; i < gcode.length; i += chunkBytes) chunks.push(gcode.slice(i, i + chunkBytes));
  if (chunks.length === 0) chunks.push('');
  const out: UploadMessage[] = chunks.map((data, index) => ({ kind: 'chunk', index, total: chunks.length, data, sha256: sha256(data) }));
  out.push({ kind: 'commit', total: chunks.length, bytes: Buffer.byteLength(gcode, 'utf8'), sha256: sha256(gcode), ...meta });
  return out;
}

export class UploadAssembly {
  private readonly chunks = new Map<number, string>();
  private total?: number;

  /** Adds a chunk; returns an error in words if its checksum or numbering is wrong. */
  addChunk(m: Extract<UploadMessage, { kind: 'chunk' }>): string | undefined {
    if (sha256(m.data) !== m.sha256) return `chunk ${m.index} is corrupt (checksum mismatch)`;
    if (this.total !== undefined && this.total !== m.total) return `chunk ${m.index} says ${m.total} chunks, earlier ones said ${this.total}`;
    if (m.index >= m.total) return `chunk index ${m.index} is outside 0–${m.total - 1}`;
    this.total = m.total;
    this.chunks.set(m.index, m.data);
    return undefined;
  }

  /** Verifies the whole upload; returns the G-code or an error in words. */
  commit(m: Extract<UploadMessage, { kind: 'commit' }>): { gcode: string } | { error: string } {
    const missing: number[] = [];
    for (let i = 0; i < m.total; i++) if (!this.chunks.has(i)) missing.push(i);
    if (missing.length) return { error: `upload incomplete: ${missing.length} of ${m.total} chunks missing (first: ${missing[0]})` };
    let gcode = '';
    for (let i = 0; i < m.total; i++) gcode += this.chunks.get(i);
    if (Buffer.byteLength(gcode, 'utf8') !== m.bytes) return { error: `upload has ${Buffer.byteLength(gcode, 'utf8')} bytes, the sender said ${m.bytes}` };
    if (sha256(gcode) !== m.sha256) return { error: 'upload checksum mismatch: the G-code was corrupted on the way' };
    return { gcode };
  }
}
