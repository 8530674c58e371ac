// KPI endpoints: JSON series under analytics.view, the same series as CSV under analytics.export.
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { errors } from '../http/errors';
import { errorResponses, type ZodApp } from '../http/zod-app';
import { principalOf } from '../rbac/principal';
import { toCsv } from './csv';
import { KPI_BUCKETS, KPI_TIME_ZONES, MAX_BUCKETS, bucketCount, kpiSeries, type KpiQuery } from './kpis';

const tags = ['analytics'];
const Query = z.object({
  from: z.string().datetime({ offset: true }),
  to: z.string().datetime({ offset: true }),
  bucket: z.enum(KPI_BUCKETS).default('day'),
  tz: z.enum(KPI_TIME_ZONES).default('Asia/Jakarta'),
}).strict();
const KpiRow = z.object({
  period: z.string(), revenueIdr: z.number().int(), ordersCreated: z.number().int(), activeUsers: z.number().int(),
  produced: z.number().int(), producedOnTime: z.number().int(), onTimeRate: z.number().nullable(),
});

function parse(q: z.infer<typeof Query>): KpiQuery {
  const out = { from: new Date(q.from), to: new Date(q.to), bucket: q.bucket, tz: q.tz };
  if (out.to <= out.from) throw errors.badInput('`to` must be after `from`', '`to` harus setelah `from`');
  if (bucketCount(out) > MAX_BUCKETS) throw errors.badInput(`at most ${MAX_BUCKETS} periods`, `paling banyak ${MAX_BUCKETS} periode`);
  return out;
}

export function analyticsRoutes(app: ZodApp, deps: AppDeps): void {
  app.get('/api/v1/analytics/kpis', {
    config: { permission: 'analytics.view' },
    schema: {
      tags, summary: 'Revenue, orders, active users, production throughput and on-time rate per period', querystring: Query,
      response: { 200: z.object({ bucket: z.enum(KPI_BUCKETS), tz: z.string(), currency: z.literal('IDR'), items: z.array(KpiRow) }), ...errorResponses },
    },
  }, async (req) => {
    const q = parse(req.query);
    return { bucket: q.bucket, tz: q.tz, currency: 'IDR' as const, items: await kpiSeries(deps.db, principalOf(req).orgId, q) };
  });

  app.get('/api/v1/analytics/kpis.csv', {
    config: { permission: 'analytics.export' },
    schema: {
      tags, summary: 'The KPI series as CSV (RFC 4180)', querystring: Query,
      produces: ['text/csv'],
      response: { 200: z.string().describe('RFC 4180 CSV with a header row'), ...errorResponses },
    },
  }, async (req, reply) => {
    const q = parse(req.query);
    const rows = await kpiSeries(deps.db, principalOf(req).orgId, q);
    const csv = toCsv(
      ['period', 'revenue_idr', 'orders_created', 'active_users', 'produced', 'produced_on_time', 'on_time_rate'],
      rows.map((r) => [r.period, r.revenueIdr, r.ordersCreated, r.activeUsers, r.produced, r.producedOnTime, r.onTimeRate]),
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="kpis-${q.bucket}.csv"`)
      .serializer((s) => s as string)
      .send(csv);
  });
}
