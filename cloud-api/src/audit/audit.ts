// Appends security and money events to the hash-chained audit log inside the caller's transaction, so an event
// is recorded exactly when its change commits. Each row's hash covers its content and the previous row's hash.
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/db';

export interface AuditEvent {
  orgId: string | null;
  actorId: string | null;
  actorKind: 'user' | 'api_key' | 'system' | 'anonymous';
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  requestId?: string | null;
}

export interface AuditRow {
  seq: number;
  org_id: string | null;
  actor_id: string | null;
  actor_kind: string;
  action: string;
  target_type: string;
  target_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  request_id: string | null;
  created_at: Date;
  prev_hash: string;
  hash: string;
}

/** JSON with object keys sorted at every level, so jsonb's own key order cannot change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function auditHash(row: Omit<AuditRow, 'hash'>): string {
  const content = canonicalJson([
    row.seq,
    row.org_id,
    row.actor_id,
    row.actor_kind,
    row.action,
    row.target_type,
    row.target_id,
    row.before,
    row.after,
    row.ip,
    row.request_id,
    new Date(row.created_at).toISOString(),
  ]);
  return createHash('sha256').update(row.prev_hash).update('\n').update(content).digest('hex');
}

/** Strips values that do not survive a jsonb round trip unchanged (undefined, functions) before hashing. */
function jsonSafe(v: unknown): unknown {
  return v === undefined ? null : JSON.parse(JSON.stringify(v));
}

export async function appendAudit(q: Queryable, e: AuditEvent): Promise<AuditRow> {
  const [head] = await q.query<{ last_seq: number; last_hash: string }>(
    'SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE',
  );
  const base: Omit<AuditRow, 'hash'> = {
    seq: Number(head.last_seq) + 1,
    org_id: e.orgId,
    actor_id: e.actorId,
    actor_kind: e.actorKind,
    action: e.action,
    target_type: e.targetType,
    target_id: e.targetId ?? null,
    before: jsonSafe(e.before),
    after: jsonSafe(e.after),
    ip: e.ip ?? null,
    request_id: e.requestId ?? null,
    created_at: new Date(),
    prev_hash: head.last_hash,
  };
  const row: AuditRow = { ...base, hash: auditHash(base) };
  await q.query(
    `INSERT INTO audit_log (seq, org_id, actor_id, actor_kind, action, target_type, target_id, before, after, ip,
       request_id, created_at, prev_hash, hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8::jsonb,$9::jsonb,$10,$11,$12,$13,$14)`,
    [row.seq, row.org_id, row.actor_id, row.actor_kind, row.action, row.target_type, row.target_id,
      JSON.stringify(row.before), JSON.stringify(row.after), row.ip, row.request_id, row.created_at, row.prev_hash, row.hash],
  );
  await q.query('UPDATE audit_head SET last_seq = $1, last_hash = $2 WHERE id = 1', [row.seq, row.hash]);
  return row;
}
