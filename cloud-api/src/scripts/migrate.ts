// `npm run cloud:migrate`: applies pending migrations to DATABASE_URL (or the PGlite data folder) and exits.
import { ConfigError, loadConfig } from '../config';
import { migrate } from '../db/migrate';
import { openDb } from '../db/open-db';

try {
  const config = loadConfig();
  const db = await openDb(config.db);
  try {
    const applied = await migrate(db);
    console.log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database is up to date');
  } finally {
    await db.close();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `migration failed: ${(err as Error).message}`);
  process.exit(1);
}
