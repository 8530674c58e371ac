// How a shared suite reaches the app under test: the wrapper file (PGlite unit test or PostgreSQL integration
// test) opens the database, starts the app and fills this in before the suite's tests run.
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../src/db/db';
import { migrate } from '../../src/db/migrate';
import type { ZodApp } from '../../src/http/zod-app';
import { startApp } from '../helpers';

export interface SuiteContext {
  db: Db;
  app: ZodApp;
  /** Starts another app instance on the same database with extra environment (closed after the file). */
  extraApp(env: Record<string, string>): Promise<ZodApp>;
}

/** Registers beforeAll/afterAll that open the database with `open`, migrate it and start the app. */
export function useSuiteContext(open: () => Promise<{ db: Db; cleanup: () => Promise<void> }>): SuiteContext {
  const extras: ZodApp[] = [];
  let cleanup: () => Promise<void> = async () => undefined;
  const ctx = {
    async extraApp(env: Record<string, string>) {
      const a = await startApp(ctx.db, env);
      extras.push(a);
      return a;
    },
  } as SuiteContext;
  beforeAll(async () => {
    const opened = await open();
    cleanup = opened.cleanup;
    ctx.db = opened.db;
    await migrate(ctx.db);
    ctx.app = await startApp(ctx.db);
  });
  afterAll(async () => {
    for (const a of extras) await a.close();
    await ctx.app?.close();
    await cleanup();
  });
  return ctx;
}
