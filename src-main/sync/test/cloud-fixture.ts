// A real cloud API for sync tests: a fresh uniquely named PostgreSQL database, the cloud's migrations, an
// organisation with staff users, and signed-in tokens through the real two-step login.
import { migrate } from '../../../cloud-api/src/db/migrate';
import { openPgDb } from '../../../cloud-api/src/db/pg-db';
import type { Db } from '../../../cloud-api/src/db/db';
import type { ZodApp } from '../../../cloud-api/src/http/zod-app';
import type { Role } from '../../../cloud-api/src/rbac/matrix';
import { login, seedOrg, seedUser, startApp, type SeededUser, type Tokens } from '../../../cloud-api/test/helpers';
import { startTestPostgres, type TestPostgres } from '../../../cloud-api/test/services';

export interface CloudFixture {
  pg: TestPostgres;
  db: Db;
  app: ZodApp;
  orgId: string;
  /** The HTTP address when started with `listen` (kept across restarts). */
  url: string;
  /** Stops the API and starts a new instance on the same database and port. */
  restart(): Promise<void>;
  user(role: Role, orgId?: string): Promise<SeededUser & { tokens: Tokens }>;
  close(): Promise<void>;
}

export async function startCloud(opts: { listen?: boolean } = {}): Promise<CloudFixture> {
  const pg = await startTestPostgres();
  const db = await openPgDb(pg.url, 10);
  await migrate(db);
  const app = await startApp(db);
  const orgId = await seedOrg(db);
  const url = opts.listen ? await app.listen({ host: '127.0.0.1', port: 0 }) : '';
  const fixture: CloudFixture = {
    pg, db, app, orgId, url,
    async restart() {
      await fixture.app.close();
      fixture.app = await startApp(db);
      if (url) await fixture.app.listen({ host: '127.0.0.1', port: Number(new URL(url).port) });
    },
    async user(role, org = orgId) {
      const u = await seedUser(db, org, role);
      return { ...u, tokens: await login(fixture.app, db, u.email) };
    },
    async close() {
      await fixture.app.close();
      await db.close();
      await pg.stop();
    },
  };
  return fixture;
}
