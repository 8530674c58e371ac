// Pulled quotes and design revisions in the app's own lists. `quote_list` is what the quotes list reads: every
// local quote with its replicated fields merged last-writer-wins (quote_replicas.fields is the server's copy
// with this device's pending edits replayed on top), plus the quotes made on other devices that this device only
// knows from a pull; deleted quotes are left out. `local_revision` links a replicated design revision to its row
// in design_revisions: set for the device's own revisions when they are saved, and for revisions pulled from
// other devices when they are added to the design's history. Own revisions synced before this migration are
// linked here by design, revision number and name.
import type { Migration } from './types';

const field = (name: string) => `json_extract(r.fields, '$.${name}')`;

export const migration005: Migration = {
  version: 5,
  name: 'sync_merge',
  up: `
    ALTER TABLE design_revision_replicas ADD COLUMN local_revision INTEGER;
    UPDATE design_revision_replicas SET local_revision = json_extract(body, '$.revision')
    WHERE EXISTS (SELECT 1 FROM design_revisions d WHERE d.design_id = design_revision_replicas.design_id
      AND d.revision = json_extract(design_revision_replicas.body, '$.revision') AND d.name = design_revision_replicas.name);

    CREATE VIEW quote_list AS
    SELECT q.id, coalesce(${field('number')}, q.number) AS number, coalesce(${field('customerName')}, q.customer_name) AS customer_name,
      coalesce(${field('designName')}, q.design_name) AS design_name, coalesce(${field('materialId')}, q.material_id) AS material_id,
      coalesce(${field('quantity')}, q.quantity) AS quantity, coalesce(${field('currency')}, q.currency) AS currency,
      coalesce(${field('totalIdr')}, q.total_idr) AS total_idr, q.manual_review,
      coalesce(substr(${field('validUntil')}, 1, 10), q.valid_until) AS valid_until, q.created_at, q.seq, 1 AS local
    FROM quotes q LEFT JOIN quote_replicas r ON r.quote_id = q.id
    WHERE coalesce(r.deleted, 0) = 0
    UNION ALL
    SELECT r.quote_id, coalesce(${field('number')}, ''), coalesce(${field('customerName')}, ''), coalesce(${field('designName')}, ${field('title')}, ''),
      coalesce(${field('materialId')}, ''), coalesce(${field('quantity')}, 1), coalesce(${field('currency')}, 'IDR'),
      coalesce(${field('totalIdr')}, 0), coalesce(${field('manualReview')}, 0), coalesce(substr(${field('validUntil')}, 1, 10), ''),
      coalesce(${field('createdAt')}, r.updated_at), 0, 0
    FROM quote_replicas r
    WHERE r.deleted = 0 AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.id = r.quote_id);
  `,
};
