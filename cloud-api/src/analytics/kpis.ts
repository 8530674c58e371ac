// KPI series per period for one organisation: revenue (orders paid minus refunded, IDR), orders created, active
// users (distinct users who signed in), production throughput (orders that reached `ready`) and on-time rate
// (reached `ready` by their due date). Buckets are local calendar periods in the chosen Indonesian time zone,
// computed on timestamps without time zone so the session TimeZone (pgbouncer) never matters.
import type { Queryable } from '../db/db';

export const KPI_TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'UTC'] as const;
export const KPI_BUCKETS = ['day', 'week', 'month'] as const;
export const MAX_BUCKETS = 400;

export interface KpiQuery {
  from: Date;
  to: Date;
  bucket: (typeof KPI_BUCKETS)[number];
  tz: (typeof KPI_TIME_ZONES)[number];
}

export interface KpiRow {
  period: string;
  revenueIdr: number;
  ordersCreated: number;
  activeUsers: number;
  produced: number;
  producedOnTime: number;
  onTimeRate: number | null;
}

const BUCKET_DAYS = { day: 1, week: 7, month: 28 } as const;

export function bucketCount(q: KpiQuery): number {
  return Math.ceil((q.to.getTime() - q.from.getTime()) / (BUCKET_DAYS[q.bucket] * 86_400_000));
}

export async function kpiSeries(db: Queryable, orgId: string, q: KpiQuery): Promise<KpiRow[]> {
  const rows = await db.query<{ period: string; revenue: number; created: number; active: number; produced: number; on_time: number; with_due: number }>(
    `WITH b AS (
       SELECT generate_series(date_trunc($2, $3::timestamptz AT TIME ZONE $5), ($4::timestamptz AT TIME ZONE $5) - interval '1 microsecond',
                              ('1 ' || $2)::interval) AS period),
     ev AS (
       SELECT date_trunc($2, e.created_at AT TIME ZONE $5) AS period, e.to_state, e.created_at, o.total_idr, o.due_at
       FROM order_events e JOIN orders o ON o.id = e.order_id
       WHERE e.org_id = $1 AND e.kind = 'transition' AND e.created_at >= $3 AND e.created_at < $4),
     created AS (
       SELECT date_trunc($2, created_at AT TIME ZONE $5) AS period, count(*)::int AS n
       FROM orders WHERE org_id = $1 AND created_at >= $3 AND created_at < $4 GROUP BY 1),
     active AS (
       SELECT date_trunc($2, created_at AT TIME ZONE $5) AS period, count(DISTINCT actor_id)::int AS n
       FROM audit_log WHERE org_id = $1 AND action = 'auth.login' AND created_at >= $3 AND created_at < $4 GROUP BY 1)
     SELECT to_char(b.period, 'YYYY-MM-DD') AS period,
       coalesce((SELECT sum(CASE WHEN to_state = 'paid' THEN total_idr ELSE -total_idr END) FROM ev
                 WHERE ev.period = b.period AND to_state IN ('paid', 'refunded')), 0)::bigint AS revenue,
       coalesce((SELECT n FROM created WHERE created.period = b.period), 0) AS created,
       coalesce((SELECT n FROM active WHERE active.period = b.period), 0) AS active,
       (SELECT count(*) FROM ev WHERE ev.period = b.period AND to_state = 'ready')::int AS produced,
       (SELECT count(*) FROM ev WHERE ev.period = b.period AND to_state = 'ready' AND due_at IS NOT NULL AND created_at <= due_at)::int AS on_time,
       (SELECT count(*) FROM ev WHERE ev.period = b.period AND to_state = 'ready' AND due_at IS NOT NULL)::int AS with_due
     FROM b ORDER BY b.period`,
    [orgId, q.bucket, q.from, q.to, q.tz],
  );
  return rows.map((r) => ({
    period: r.period,
    revenueIdr: Number(r.revenue),
    ordersCreated: r.created,
    activeUsers: r.active,
    produced: r.produced,
    producedOnTime: r.on_time,
    onTimeRate: r.with_due > 0 ? Math.round((r.on_time / r.with_due) * 1000) / 1000 : null,
  }));
}
