// `npm run cloud:retention`: applies the retention policy once (schedule it daily) and prints what it removed.
import { ConfigError, loadConfig } from '../config';
import { openDb } from '../db/open-db';
import { runRetention } from '../privacy/retention';

try {
  const db = await openDb(loadConfig().db);
  try {
    console.log(JSON.stringify(await runRetention(db)));
  } finally {
    await db.close();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `retention failed: ${(err as Error).message}`);
  process.exit(1);
}
