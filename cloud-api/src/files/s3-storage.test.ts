// File uploads on the S3-compatible backend (FILE_STORAGE=s3) against a real local S3 server (s3rver): the real
// DXF fixture in one request, a 20 MiB upload through multipart parts, content addressing and deduplication,
// download, and no temporary objects left after a success, a 413 cut mid-stream or a 415 refusal.
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteDb } from '../db/pglite-db';
import { migrate } from '../db/migrate';
import type { Db } from '../db/db';
import type { ZodApp } from '../http/zod-app';
import { bearer, endlessDxf, login, seedOrg, seedUser, startApp, type Tokens } from '../../test/helpers';
import { startTestS3, type TestS3 } from '../../test/s3-server';

const FIXTURE = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'dxf', 'discipline_plate_acad.dxf');
const UPLOAD_LIMIT = 40 * 1024 * 1024;
const PREFIX = 'designs/';
let db: Db;
let app: ZodApp;
let base: string;
let s3: TestS3;
let client: S3Client;

beforeAll(async () => {
  s3 = await startTestS3();
  db = await openPgliteDb('memory://');
  await migrate(db);
  app = await startApp(db, { ...s3.env, S3_PREFIX: PREFIX, MAX_UPLOAD_BYTES: String(UPLOAD_LIMIT) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
  await s3?.stop();
});

const keys = async (prefix: string) =>
  ((await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key);
const upload = (t: Tokens, name: string, body: BodyInit, extra: RequestInit = {}) =>
  fetch(`${base}/api/v1/files?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { ...bearer(t), 'content-type': 'application/octet-stream' }, body, ...extra });
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('file uploads on S3-compatible storage', () => {
  it('stores the real DXF and a 20 MiB multipart upload under their SHA-256, once each, and serves them back', async () => {
    const t = await login(app, db, (await seedUser(db, await seedOrg(db), 'company_admin')).email);
    const small = readFileSync(FIXTURE);
    // A DXF of 20 MiB: the fixture's header followed by comment groups (code 999), larger than two 8 MiB parts.
    const large = Buffer.concat([small.subarray(0, 4096), Buffer.from('999\npadding comment line for a large drawing\n'.repeat(470_000))]);
    for (const [name, bytes] of [['plate.dxf', small], ['large.dxf', large]] as const) {
      const sha = sha256(bytes);
      const r = await upload(t, name, bytes);
      expect(r.status, await r.clone().text()).toBe(201);
      const f = await r.json();
      expect(f).toMatchObject({ sha256: sha, sizeBytes: bytes.length, mediaType: 'image/vnd.dxf', deduplicated: false });
      expect(await keys(`${PREFIX}${sha.slice(0, 2)}/`)).toEqual([`${PREFIX}${sha.slice(0, 2)}/${sha}`]);
      expect((await upload(t, `again-${name}`, bytes).then((x) => x.json())).deduplicated).toBe(true);
      const dl = await fetch(`${base}/api/v1/files/${f.id}/content`, { headers: bearer(t) });
      expect(dl.status).toBe(200);
      expect(sha256(Buffer.from(await dl.arrayBuffer()))).toBe(sha);
    }
    expect(await keys(`${PREFIX}tmp/`)).toEqual([]);
  });

  it('leaves no temporary object after a 413 cut mid-stream or a 415 refusal', async () => {
    const t = await login(app, db, (await seedUser(db, await seedOrg(db), 'designer')).email);
    const endless = endlessDxf(256 * 1024, 4 * UPLOAD_LIMIT);
    expect((await upload(t, 'huge.dxf', endless.body, { duplex: 'half' } as RequestInit)).status).toBe(413);
    expect(endless.sent()).toBeLessThan(2 * UPLOAD_LIMIT);
    expect((await upload(t, 'design.dxf', Buffer.from('MZ\x90\x00 this is a windows executable'))).status).toBe(415);
    // The aborted multipart upload is cleaned up asynchronously by the SDK: give it a moment.
    await new Promise((r) => setTimeout(r, 300));
    expect(await keys(`${PREFIX}tmp/`)).toEqual([]);
  });
});
