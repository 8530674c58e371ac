// The bridge from the quote service's saved quotes (table `quotes`, migration 002) to replication: the fields of
// a saved quote that other devices and the cloud need, queued as one quote.upsert in the caller's transaction
// (better-sqlite3 nests it as a savepoint), so saving a quote and queueing its sync are atomic. The quote service
// calls recordSavedQuote() inside its save transaction (see the sync report: one line in quote-service.ts).
// Quotes pulled from other devices are listed through the quote_list view (store migration 005); their priced
// details (inputs, lines, PDF) stay on the device that made them, which remoteQuoteMessage() explains.
import type { QuoteSummary } from '../../src-shared/contract/channels/quote';
import type { QuoteFields } from '../../src-shared/sync/mutations';
import type { Db } from '../store/database';
import { stmt } from './statements';
import type { SyncStore } from './sync-store';

export function savedQuoteFields(q: QuoteSummary & { designId?: string | null; machineId?: string | null }): QuoteFields {
  return {
    number: q.number,
    title: `${q.number} ${q.designName}`.trim().slice(0, 200),
    customerName: q.customerName.slice(0, 200),
    designName: q.designName.slice(0, 200),
    designId: q.designId ?? null,
    materialId: q.materialId.slice(0, 100),
    machineId: q.machineId?.slice(0, 100) ?? null,
    quantity: q.quantity,
    currency: q.currency,
    totalIdr: q.totalIdr,
    validUntil: new Date(q.validUntil).toISOString(),
    createdAt: new Date(q.createdAt).toISOString(),
    manualReview: q.manualReview,
    status: 'draft',
  };
}

export function recordSavedQuote(store: SyncStore, q: Parameters<typeof savedQuoteFields>[0]): void {
  store.upsertQuote(q.id, savedQuoteFields(q));
}

/** Why a quote known only from a pull cannot be opened here (null when this device has no copy of it at all). */
export function remoteQuoteMessage(db: Db, id: string): string | null {
  const r = stmt(db, "SELECT json_extract(fields, '$.number') AS number FROM quote_replicas WHERE quote_id = ? AND deleted = 0").get(id) as { number: string | null } | undefined;
  if (!r) return null;
  const n = r.number ?? id;
  return `Quote ${n} was made on another device: its priced details and PDF are on that device / Penawaran ${n} dibuat di perangkat lain: rincian harga dan PDF-nya ada di perangkat tersebut`;
}
