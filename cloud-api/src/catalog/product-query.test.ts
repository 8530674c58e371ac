// isoFromUtcText must give exactly what the API returned before (to_char with milliseconds, UTC) for every
// fraction length PostgreSQL prints, even when the session time zone is not UTC.
import { afterAll, describe, expect, it } from 'vitest';
import { openPgliteDb } from '../db/pglite-db';
import { isoFromUtcText } from './product-query';

describe('isoFromUtcText', () => {
  const dbP = openPgliteDb('memory://');
  afterAll(async () => (await dbP).close());

  it('matches to_char milliseconds (truncated) and Date#toISOString for whole milliseconds', async () => {
    const db = await dbP;
    await db.query("SET TIME ZONE 'Asia/Jakarta'");
    const rows = await db.query<{ t: string; want: string }>(
      `SELECT (v AT TIME ZONE 'UTC')::text AS t, to_char(v AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS want
       FROM unnest($1::timestamptz[]) v`,
      [['2026-11-25 23:43:10+00', '2026-11-25 23:43:10.5+07', '2026-01-02 03:04:05.12+00', '2026-01-02 03:04:05.123999+00', '2024-02-29 00:00:00.000001+00']]);
    expect(rows).toHaveLength(5);
    for (const r of rows) expect(isoFromUtcText(r.t)).toBe(r.want);
    expect(isoFromUtcText('2026-11-25 16:43:10.5')).toBe(new Date('2026-11-25T23:43:10.5+07:00').toISOString());
  });
});
