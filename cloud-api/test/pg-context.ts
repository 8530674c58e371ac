// Opens a fresh database on a real PostgreSQL for one test file and drops it afterwards.
import { openPgDb } from '../src/db/pg-db';
import type { Db } from '../src/db/db';
import { startTestPostgres } from './services';

export async function openTestPg(): Promise<{ db: Db; url: string; cleanup: () => Promise<void> }> {
  const pg = await startTestPostgres();
  const db = await openPgDb(pg.url, 10);
  return {
    db,
    url: pg.url,
    async cleanup() {
      await db.close();
      await pg.stop();
    },
  };
}
