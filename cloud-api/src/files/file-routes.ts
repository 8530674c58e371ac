// Design file upload (streamed, ≤ MAX_UPLOAD_BYTES, type checked from content, content-addressed), metadata,
// download, and links to orders and design revisions of the same organisation.
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { appendAudit } from '../audit/audit';
import type { AppDeps } from '../deps';
import { errors } from '../http/errors';
import { IdParams, errorResponses, type ZodApp } from '../http/zod-app';
import { auditActor, principalOf, requestContext } from '../rbac/principal';
import { receiveUpload } from './receive';
import { openStorage } from './open-storage';

const tags = ['files'];
const FileView = z.object({
  id: z.string().uuid(), sha256: z.string(), sizeBytes: z.number().int(), mediaType: z.string(), name: z.string(), createdAt: z.string(),
  links: z.array(z.object({ targetType: z.enum(['order', 'design']), targetId: z.string().uuid() })),
});
interface FileRow {
  id: string;
  sha256: string;
  size_bytes: number;
  media_type: string;
  original_name: string;
  created_at: Date;
}
const SafeName = z.string().min(1).max(255).regex(/^[^/\\\0]+$/, 'a file name without folders');

export function fileRoutes(app: ZodApp, deps: AppDeps): void {
  const storage = openStorage(deps.config.files);
  app.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));

  const view = async (r: FileRow) => {
    const links = await deps.db.query<{ target_type: 'order' | 'design'; target_id: string }>('SELECT target_type, target_id FROM file_links WHERE file_id = $1 ORDER BY created_at', [r.id]);
    return {
      id: r.id, sha256: r.sha256, sizeBytes: Number(r.size_bytes), mediaType: r.media_type, name: r.original_name,
      createdAt: new Date(r.created_at).toISOString(), links: links.map((l) => ({ targetType: l.target_type, targetId: l.target_id })),
    };
  };
  const byId = async (orgId: string, id: string) => {
    const [r] = await deps.db.query<FileRow>('SELECT * FROM files WHERE id = $1 AND org_id = $2', [id, orgId]);
    if (!r) throw errors.notFound('file');
    return r;
  };

  app.post('/api/v1/files', {
    config: { permission: 'file.upload' },
    bodyLimit: deps.config.files.maxBytes,
    schema: {
      tags, summary: 'Upload a design file as the raw request body (application/octet-stream)',
      consumes: ['application/octet-stream'],
      querystring: z.object({ name: SafeName }).strict(),
      body: z.any().describe('the file bytes'),
      response: { 201: FileView.extend({ deduplicated: z.boolean() }), 413: errorResponses[400], 415: errorResponses[400], ...errorResponses },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    if (!req.body || typeof (req.body as NodeJS.ReadableStream).pipe !== 'function') {
      throw errors.badInput('send the file as application/octet-stream', 'kirim berkas sebagai application/octet-stream');
    }
    // On refusal the rest of the body is never read: close the connection instead of draining up to 100 MB.
    const got = await receiveUpload(req.body as Readable, req.query.name, deps.config.files.maxBytes, storage).catch((err: unknown) => {
      reply.header('connection', 'close');
      throw err;
    });
    await got.temp.commit(got.sha256);
    const { row, fresh } = await deps.db.tx(async (q) => {
      const inserted = await q.query<FileRow>(
        `INSERT INTO files (org_id, sha256, size_bytes, media_type, original_name, uploaded_by) VALUES ($1,$2,$3,$4,$5,$6)
         ON CONFLICT (org_id, sha256) DO NOTHING RETURNING *`,
        [p.orgId, got.sha256, got.size, got.type.mediaType, req.query.name, p.userId]);
      if (inserted[0]) {
        await appendAudit(q, { orgId: p.orgId, ...auditActor(p), action: 'file.uploaded', targetType: 'file', targetId: inserted[0].id, after: { sha256: got.sha256, size: got.size, mediaType: got.type.mediaType }, ...requestContext(req) });
        return { row: inserted[0], fresh: true };
      }
      const [existing] = await q.query<FileRow>('SELECT * FROM files WHERE org_id = $1 AND sha256 = $2', [p.orgId, got.sha256]);
      return { row: existing, fresh: false };
    });
    return reply.code(201).send({ ...(await view(row)), deduplicated: !fresh });
  });

  app.get('/api/v1/files/:id', {
    config: { permission: 'file.read' },
    schema: { tags, summary: 'File metadata and links', params: IdParams, response: { 200: FileView, ...errorResponses } },
  }, async (req) => view(await byId(principalOf(req).orgId, req.params.id)));

  app.get('/api/v1/files/:id/content', {
    config: { permission: 'file.read' },
    schema: { tags, summary: 'Download the file', params: IdParams, produces: ['application/octet-stream'], response: { 200: z.any().describe('the file bytes'), ...errorResponses } },
  }, async (req, reply) => {
    const r = await byId(principalOf(req).orgId, req.params.id);
    return reply
      .type(r.media_type)
      .header('content-length', String(r.size_bytes))
      .header('content-disposition', `attachment; filename="${r.original_name.replace(/["\r\n]/g, '_')}"`)
      .header('x-content-type-options', 'nosniff')
      .serializer((x) => x as string)
      .send(await storage.read(r.sha256));
  });

  app.post('/api/v1/files/:id/links', {
    config: { permission: 'file.upload' },
    schema: {
      tags, summary: 'Link a file to an order or a design revision of the organisation', params: IdParams,
      body: z.object({ targetType: z.enum(['order', 'design']), targetId: z.string().uuid() }).strict(),
      response: { 200: FileView, ...errorResponses },
    },
  }, async (req) => {
    const p = principalOf(req);
    const f = await byId(p.orgId, req.params.id);
    const { targetType, targetId } = req.body;
    const exists = targetType === 'order'
      ? await deps.db.query('SELECT 1 FROM orders WHERE id = $1 AND org_id = $2 AND ($3::uuid IS NULL OR customer_user_id = $3)', [targetId, p.orgId, p.ownOrdersOnly ? p.userId : null])
      : await deps.db.query("SELECT 1 FROM sync_records WHERE kind = 'design_revision' AND id = $1 AND org_id = $2", [targetId, p.orgId]);
    if (!exists.length) throw errors.notFound(targetType);
    await deps.db.query('INSERT INTO file_links (file_id, org_id, target_type, target_id) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING', [f.id, p.orgId, targetType, targetId]);
    return view(f);
  });
}
