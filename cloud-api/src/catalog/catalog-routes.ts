// Catalog: categories and products (acrylic sheets, services, finished designs) with attributes and IDR prices.
// GET /products filters and pages with opaque keyset cursors (limit ≤ 100, stable order).
import { z } from 'zod';
import { appendAudit } from '../audit/audit';
import type { AppDeps } from '../deps';
import { errors } from '../http/errors';
import { sendJson } from '../http/send-json';
import { IdParams, errorResponses, type ZodApp } from '../http/zod-app';
import { principalOf, requestContext } from '../rbac/principal';
import { decodeCursor, encodeCursor } from './cursor';
import { PRODUCT_COLUMNS, PRODUCT_SORTS, buildProductListQuery, isoFromUtcText, type ProductFilters, type ProductSort } from './product-query';

const tags = ['catalog'];
/** Migration 009 announces product writes as `catalog:<org id>` (deps.productPages). */
export const CATALOG_TOPIC = 'catalog';
const Kind = z.enum(['sheet', 'service', 'design']);
const AttrValue = z.union([z.string().max(200), z.number(), z.boolean()]);
const Attributes = z.record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), AttrValue).refine((a) => Object.keys(a).length <= 30, 'at most 30 attributes');
const Price = z.number().int().min(0).max(1_000_000_000_000);

const Product = z.object({
  id: z.string().uuid(),
  sku: z.string(),
  name: z.string(),
  kind: Kind,
  categoryId: z.string().uuid().nullable(),
  priceIdr: z.number().int(),
  attributes: z.record(AttrValue),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const Category = z.object({ id: z.string().uuid(), name: z.string(), slug: z.string(), parentId: z.string().uuid().nullable() });

interface ProductRow {
  id: string;
  sku: string;
  name: string;
  kind: 'sheet' | 'service' | 'design';
  category_id: string | null;
  price_idr: number;
  attributes: Record<string, string | number | boolean>;
  active: boolean;
  /** UTC timestamp text (PRODUCT_COLUMNS) */
  created_at: string;
  updated_at: string;
  sort_key?: string;
}
const productView = (r: ProductRow) => ({
  id: r.id, sku: r.sku, name: r.name, kind: r.kind, categoryId: r.category_id, priceIdr: Number(r.price_idr),
  attributes: r.attributes, active: r.active, createdAt: isoFromUtcText(r.created_at), updatedAt: isoFromUtcText(r.updated_at),
});

const ListQuery = z.object({
  q: z.string().max(200).optional(),
  kind: Kind.optional(),
  categoryId: z.string().uuid().optional(),
  minPrice: z.coerce.number().int().min(0).optional(),
  maxPrice: z.coerce.number().int().min(0).optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  attr: z.union([z.string(), z.array(z.string()).max(5)]).optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().regex(/^[a-z][a-z0-9_]{0,39}:.{1,200}$/, 'attr must be key:value'))),
  sort: z.enum(Object.keys(PRODUCT_SORTS) as [ProductSort, ...ProductSort[]]).default('created_at'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(1000).optional(),
}).strict();

export function catalogRoutes(app: ZodApp, deps: AppDeps): void {
  app.get('/api/v1/categories', {
    config: { permission: 'product.read' },
    schema: { tags, summary: 'List product categories', response: { 200: z.object({ items: z.array(Category) }), ...errorResponses } },
  }, async (req) => {
    const rows = await deps.db.query<{ id: string; name: string; slug: string; parent_id: string | null }>(
      'SELECT id, name, slug, parent_id FROM categories WHERE org_id = $1 ORDER BY name, id', [principalOf(req).orgId]);
    return { items: rows.map((r) => ({ id: r.id, name: r.name, slug: r.slug, parentId: r.parent_id })) };
  });

  app.post('/api/v1/categories', {
    config: { permission: 'product.manage' },
    schema: {
      tags, summary: 'Create a category',
      body: z.object({ name: z.string().min(1).max(200), slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/), parentId: z.string().uuid().nullable().optional() }).strict(),
      response: { 201: Category, ...errorResponses },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    if (req.body.parentId) {
      const parent = await deps.db.query('SELECT 1 FROM categories WHERE id = $1 AND org_id = $2', [req.body.parentId, p.orgId]);
      if (!parent.length) throw errors.notFound('parent category');
    }
    const [r] = await deps.db.query<{ id: string; name: string; slug: string; parent_id: string | null }>(
      'INSERT INTO categories (org_id, name, slug, parent_id) VALUES ($1,$2,$3,$4) RETURNING id, name, slug, parent_id',
      [p.orgId, req.body.name, req.body.slug, req.body.parentId ?? null]);
    return reply.code(201).send({ id: r.id, name: r.name, slug: r.slug, parentId: r.parent_id });
  });

  app.get('/api/v1/products', {
    config: { permission: 'product.read' },
    schema: {
      tags, summary: 'List products with filters and cursor pagination', querystring: ListQuery,
      response: { 200: z.object({ items: z.array(Product), nextCursor: z.string().nullable() }), ...errorResponses },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    // A page depends only on the organisation and the URL (filters, sort, limit, HMAC-checked cursor); every role
    // allowed to list products sees the same fields, and the guard has checked that permission already.
    const pageKey = `${p.orgId} ${req.url}`;
    const cached = await deps.productPages.lookup(pageKey);
    if (cached) return sendJson(reply, cached.body);
    const snapshot = deps.productPages.snapshot();
    const { sort, limit, cursor, attr, ...rest } = req.query;
    const filters: ProductFilters = { ...rest, attrs: attr.map((a) => { const i = a.indexOf(':'); return [a.slice(0, i), a.slice(i + 1)] as [string, string]; }) };
    const after = cursor ? decodeCursor(deps.config.tokenSecret, cursor, sort, filters) : null;
    const { sql, params } = buildProductListQuery(p.orgId, filters, sort, after, limit);
    const rows = await deps.db.query<ProductRow>(sql, params);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    // The route's compiled response serializer (http/serializer.ts) writes a string.
    const body = Buffer.from(reply.serialize({
      items: page.map(productView),
      nextCursor: rows.length > limit ? encodeCursor(deps.config.tokenSecret, { sort, value: last.sort_key!, id: last.id }, filters) : null,
    }) as string);
    deps.productPages.set(pageKey, { group: p.orgId, meta: null, body }, snapshot);
    return sendJson(reply, body);
  });

  const byId = async (orgId: string, id: string) => {
    const [r] = await deps.db.query<ProductRow>(`SELECT ${PRODUCT_COLUMNS} FROM products WHERE id = $1 AND org_id = $2`, [id, orgId]);
    if (!r) throw errors.notFound('product');
    return r;
  };
  const assertCategory = async (orgId: string, categoryId: string | null | undefined) => {
    if (!categoryId) return;
    const c = await deps.db.query('SELECT 1 FROM categories WHERE id = $1 AND org_id = $2', [categoryId, orgId]);
    if (!c.length) throw errors.notFound('category');
  };

  app.get('/api/v1/products/:id', {
    config: { permission: 'product.read' },
    schema: { tags, summary: 'One product', params: IdParams, response: { 200: Product, ...errorResponses } },
  }, async (req) => productView(await byId(principalOf(req).orgId, req.params.id)));

  app.post('/api/v1/products', {
    config: { permission: 'product.create' },
    schema: {
      tags, summary: 'Create a product',
      body: z.object({
        sku: z.string().min(1).max(64), name: z.string().min(1).max(300), kind: Kind, categoryId: z.string().uuid().nullable().optional(),
        priceIdr: Price, attributes: Attributes.default({}), active: z.boolean().default(true),
      }).strict(),
      response: { 201: Product, ...errorResponses },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const b = req.body;
    await assertCategory(p.orgId, b.categoryId);
    const r = await deps.db.tx(async (q) => {
      const [row] = await q.query<ProductRow>(
        `INSERT INTO products (org_id, sku, name, kind, category_id, price_idr, attributes, active)
         VALUES ($1,$2,$3,$4,$5,$6,$7::jsonb,$8) RETURNING ${PRODUCT_COLUMNS}`,
        [p.orgId, b.sku, b.name, b.kind, b.categoryId ?? null, b.priceIdr, JSON.stringify(b.attributes), b.active]);
      await appendAudit(q, { orgId: p.orgId, actorId: p.userId, actorKind: p.kind, action: 'product.created', targetType: 'product', targetId: row.id, after: { sku: row.sku, priceIdr: b.priceIdr }, ...requestContext(req) });
      return row;
    });
    deps.productPages.forget(p.orgId);
    return reply.code(201).send(productView(r));
  });

  app.patch('/api/v1/products/:id', {
    config: { permission: 'product.manage' },
    schema: {
      tags, summary: 'Change a product (price changes are audited)', params: IdParams,
      body: z.object({
        name: z.string().min(1).max(300).optional(), categoryId: z.string().uuid().nullable().optional(), priceIdr: Price.optional(),
        attributes: Attributes.optional(), active: z.boolean().optional(),
      }).strict(),
      response: { 200: Product, ...errorResponses },
    },
  }, async (req) => {
    const p = principalOf(req);
    const b = req.body;
    const before = await byId(p.orgId, req.params.id);
    await assertCategory(p.orgId, b.categoryId);
    const updated = await deps.db.tx(async (q) => {
      const [row] = await q.query<ProductRow>(
        `UPDATE products SET name = coalesce($3, name), category_id = CASE WHEN $4::boolean THEN $5::uuid ELSE category_id END,
           price_idr = coalesce($6, price_idr), attributes = coalesce($7::jsonb, attributes), active = coalesce($8, active), updated_at = now()
         WHERE id = $1 AND org_id = $2 RETURNING ${PRODUCT_COLUMNS}`,
        [before.id, p.orgId, b.name ?? null, b.categoryId !== undefined, b.categoryId ?? null, b.priceIdr ?? null,
          b.attributes ? JSON.stringify(b.attributes) : null, b.active ?? null]);
      if (b.priceIdr !== undefined && b.priceIdr !== Number(before.price_idr)) {
        await appendAudit(q, { orgId: p.orgId, actorId: p.userId, actorKind: p.kind, action: 'product.price_changed', targetType: 'product', targetId: row.id, before: { priceIdr: Number(before.price_idr) }, after: { priceIdr: b.priceIdr }, ...requestContext(req) });
      }
      return productView(row);
    });
    deps.productPages.forget(p.orgId);
    return updated;
  });
}
