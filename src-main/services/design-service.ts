// The design library: every save of an existing design adds an immutable revision (designs are never
// overwritten, which is also what the sync protocol expects) and queues it for sync in the same transaction.
// Bodies are stored as JSON text.
import { v7 as uuidv7 } from 'uuid';
import { ContractError } from '../../src-shared/contract/define';
import {
  designBodySchema,
  type Design,
  type DesignSummary,
} from '../../src-shared/contract/channels/designs';
import { SyncStore } from '../sync/sync-store';
import type { Db } from '../store/database';
import type { z } from 'zod';

type DesignBody = z.output<typeof designBodySchema>;

interface RevisionRow {
  design_id: string;
  revision: number;
  body: string;
  created_at: string;
  design_created_at: string;
}

export class DesignService {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  list(search: string | undefined, limit: number): DesignSummary[] {
    const like = `%${(search ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = this.db
      .prepare(
        `SELECT d.id, d.name, d.latest_revision AS revision, d.created_at, d.updated_at, r.thumbnail, r.path_count, r.body
         FROM designs d JOIN design_revisions r ON r.design_id = d.id AND r.revision = d.latest_revision
         WHERE d.deleted_at IS NULL AND d.name LIKE ? ESCAPE '\\'
         ORDER BY d.updated_at DESC, d.id DESC LIMIT ?`,
      )
      .all(like, limit) as {
      id: string; name: string; revision: number; created_at: string; updated_at: string;
      thumbnail: string | null; path_count: number; body: string;
    }[];
    return rows.map((r) => {
      const body = JSON.parse(r.body) as DesignBody;
      return {
        id: r.id,
        name: r.name,
        revision: r.revision,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        thumbnail: r.thumbnail ?? undefined,
        thicknessMm: body.thicknessMm,
        materialId: body.materialId,
        pathCount: r.path_count,
      };
    });
  }

  get(id: string, revision?: number): Design {
    const row = this.db
      .prepare(
        `SELECT r.design_id, r.revision, r.body, r.created_at, d.created_at AS design_created_at
         FROM designs d JOIN design_revisions r ON r.design_id = d.id
         WHERE d.id = ? AND d.deleted_at IS NULL AND r.revision = COALESCE(?, d.latest_revision)`,
      )
      .get(id, revision ?? null) as RevisionRow | undefined;
    if (!row) throw new ContractError('NOT_FOUND', revision ? `Design ${id} has no revision ${revision}` : `No design ${id}`);
    return this.toDesign(row);
  }

  save(input: DesignBody & { id?: string }): Design {
    const { id: givenId, ...body } = input;
    const at = this.now().toISOString();
    return this.db.transaction((): Design => {
      let id = givenId;
      let revision = 1;
      if (id) {
        const existing = this.db.prepare('SELECT latest_revision FROM designs WHERE id = ? AND deleted_at IS NULL').get(id) as
          | { latest_revision: number }
          | undefined;
        if (!existing) throw new ContractError('NOT_FOUND', `No design ${id} to save a revision of`);
        revision = existing.latest_revision + 1;
        this.db.prepare('UPDATE designs SET name = ?, latest_revision = ?, updated_at = ? WHERE id = ?').run(body.name, revision, at, id);
      } else {
        id = uuidv7();
        this.db.prepare('INSERT INTO designs(id, name, latest_revision, created_at, updated_at) VALUES (?, ?, 1, ?, ?)').run(id, body.name, at, at);
      }
      this.db
        .prepare('INSERT INTO design_revisions(design_id, revision, name, body, path_count, thumbnail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, revision, body.name, JSON.stringify(body), body.paths.length, body.thumbnail ?? null, at);
      // Every revision also goes to the sync outbox in this transaction (designs sync as revisions, never overwritten).
      const { thumbnail: _thumbnail, ...syncBody } = body;
      new SyncStore(this.db, this.now).addDesignRevision({ designId: id, revisionId: uuidv7(), name: body.name, body: { ...syncBody, revision } });
      return this.get(id);
    })();
  }

  delete(id: string): boolean {
    const res = this.db.prepare('DELETE FROM designs WHERE id = ?').run(id);
    return res.changes > 0;
  }

  revisions(id: string): { revision: number; createdAt: string }[] {
    this.get(id);
    return (this.db.prepare('SELECT revision, created_at FROM design_revisions WHERE design_id = ? ORDER BY revision').all(id) as {
      revision: number; created_at: string;
    }[]).map((r) => ({ revision: r.revision, createdAt: r.created_at }));
  }

  private toDesign(row: RevisionRow): Design {
    const body = designBodySchema.parse(JSON.parse(row.body));
    return { ...body, id: row.design_id, revision: row.revision, createdAt: row.design_created_at, updatedAt: row.created_at };
  }
}
