// Adds a design revision pulled from another device to the design's own history (designs + design_revisions),
// so the design library lists it and opens it like a local save: the design is created if this device does not
// have it yet, the revision gets the next local revision number and becomes the latest. Revisions are applied in
// the server's order (pull order), so every device sees the same sequence of saves. A revision already linked
// (this device's own, or added before) is left alone; a body the design library cannot read stays only in
// design_revision_replicas.
import { designBodySchema } from '../../src-shared/contract/channels/designs';
import type { Db } from '../store/database';
import { stmt } from './statements';

interface Replica {
  design_id: string;
  name: string;
  body: string;
  local_revision: number | null;
}

export function addPulledRevision(db: Db, revisionId: string, at: string): void {
  const r = stmt(db, 'SELECT design_id, name, body, local_revision FROM design_revision_replicas WHERE revision_id = ?').get(revisionId) as Replica | undefined;
  if (!r || r.local_revision !== null) return;
  const { revision: _sourceRevision, ...raw } = JSON.parse(r.body) as Record<string, unknown>;
  const body = designBodySchema.safeParse(raw);
  if (!body.success) return;
  const design = stmt(db, 'SELECT latest_revision, deleted_at FROM designs WHERE id = ?').get(r.design_id) as { latest_revision: number; deleted_at: string | null } | undefined;
  if (design?.deleted_at) return;
  const revision = (design?.latest_revision ?? 0) + 1;
  if (design) stmt(db, 'UPDATE designs SET name = ?, latest_revision = ?, updated_at = ? WHERE id = ?').run(body.data.name, revision, at, r.design_id);
  else stmt(db, 'INSERT INTO designs(id, name, latest_revision, created_at, updated_at) VALUES (?, ?, 1, ?, ?)').run(r.design_id, body.data.name, at, at);
  stmt(db, 'INSERT INTO design_revisions(design_id, revision, name, body, path_count, thumbnail, created_at) VALUES (?, ?, ?, ?, ?, NULL, ?)')
    .run(r.design_id, revision, body.data.name, JSON.stringify(body.data), body.data.paths.length, at);
  stmt(db, 'UPDATE design_revision_replicas SET local_revision = ? WHERE revision_id = ?').run(revision, revisionId);
}
