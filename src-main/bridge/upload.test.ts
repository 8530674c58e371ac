// Upload chunking and verification: any order, QoS 1 duplicates, corrupt chunks, missing chunks, wrong totals.
import { describe, expect, it } from 'vitest';
import { UploadAssembly, chunkUpload, sha256 } from './upload';

const text = Array.from({ length: 5000 }, (_, i) => `G1X${i % 100}Y${i % 37} ; ü`).join('\n');

describe('job upload', () => {
  it('reassembles chunks in any order, with duplicates, and verifies the whole text', () => {
    const msgs = chunkUpload(text, { name: 'Sign' }, 10_000);
    const chunks = msgs.filter((m) => m.kind === 'chunk');
    const commit = msgs.at(-1)!;
    expect(chunks.length).toBeGreaterThan(5);
    expect(commit).toMatchObject({ kind: 'commit', total: chunks.length, sha256: sha256(text), name: 'Sign' });
    const asm = new UploadAssembly();
    for (const c of [...chunks].reverse()) expect(asm.addChunk(c)).toBeUndefined();
    expect(asm.addChunk(chunks[0])).toBeUndefined(); // redelivered
    expect(commit.kind === 'commit' && asm.commit(commit)).toEqual({ gcode: text });
  });

  it('rejects corrupt and missing chunks and a wrong checksum', () => {
    const msgs = chunkUpload(text, {}, 20_000);
    const chunks = msgs.filter((m) => m.kind === 'chunk');
    const commit = msgs.at(-1)!;
    if (commit.kind !== 'commit') throw new Error('no commit');
    const asm = new UploadAssembly();
    expect(asm.addChunk({ ...chunks[0], data: `${chunks[0].data}X` })).toMatch(/chunk 0 is corrupt/);
    expect(asm.addChunk({ ...chunks[1], index: 99 })).toMatch(/outside/);
    asm.addChunk(chunks[1]);
    expect(asm.commit(commit)).toEqual({ error: expect.stringMatching(/chunks missing \(first: 0\)/) });
    const full = new UploadAssembly();
    for (const c of chunks) full.addChunk(c);
    expect(full.commit({ ...commit, sha256: sha256('other') })).toEqual({ error: expect.stringMatching(/checksum mismatch/) });
    expect(full.commit({ ...commit, bytes: 1 })).toEqual({ error: expect.stringMatching(/sender said 1/) });
  });
});
