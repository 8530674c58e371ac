// The per-organisation sync version. Reserving versions takes the row lock on sync_versions, held until the
// writing transaction commits, so versions become visible in order and a pull cursor never skips a late commit.
import type { Queryable } from '../db/db';

/** Reserves `count` consecutive versions; returns the first. */
export async function reserveVersions(q: Queryable, orgId: string, count: number): Promise<number> {
  const [row] = await q.query<{ version: number }>(
    `INSERT INTO sync_versions AS v (org_id, version) VALUES ($1, $2)
     ON CONFLICT (org_id) DO UPDATE SET version = v.version + $2 RETURNING v.version`,
    [orgId, count],
  );
  return Number(row.version) - count + 1;
}
