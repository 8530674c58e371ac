// `npm run cloud:audit-verify [-- --json]`: recomputes the audit hash chain and exits 1 when any row was altered,
// removed or inserted out of chain.
import { ConfigError, loadConfig } from '../config';
import { openDb } from '../db/open-db';
import { verifyAuditChain } from '../audit/verify';

try {
  const config = loadConfig();
  const db = await openDb(config.db);
  try {
    const result = await verifyAuditChain(db);
    if (process.argv.includes('--json')) console.log(JSON.stringify(result));
    else if (result.ok) console.log(`audit chain intact: ${result.rows} rows`);
    else for (const p of result.problems) console.error(`audit row ${p.seq}: ${p.problem.replace('_', ' ')}`);
    process.exitCode = result.ok ? 0 : 1;
  } finally {
    await db.close();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `audit verification failed: ${(err as Error).message}`);
  process.exit(2);
}
