// Builds the whole service layer for one app instance (Electron or browser mode): opens the store in the data
// folder, creates every area's handlers and closes everything in reverse order on shutdown.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventName, EventPayload, Handlers } from '../../src-shared/contract/index';
import { openDatabase } from '../store/database';
import type { CoreDeps } from './core-deps';
import { createHandlers } from './handlers';
import { guardPaths, type PathAccess } from './path-guard';
import { TaskRegistry } from './task-registry';

export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface AppServices {
  handlers: Handlers;
  deps: CoreDeps;
  /** Connect a transport's broadcast (browser-mode host, Electron windows) to background events. */
  addEventSink(sink: EventSink): () => void;
  close(): Promise<void>;
}

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export interface AppServicesOptions {
  dataDir: string;
  shell: 'electron' | 'browser';
  version?: string;
  now?: () => Date;
  /** Shell-specific handlers (the Electron shell's native dialogs) replacing the defaults. */
  overrides?: Partial<Handlers>;
  /** Which file paths channels may read or write (default: any, for the CLI and tests). */
  pathAccess?: PathAccess;
}

export function createAppServices(opts: AppServicesOptions): AppServices {
  const db = openDatabase(join(opts.dataDir, 'acrylichub.db'));
  const sinks = new Set<EventSink>();
  const closers: (() => void | Promise<void>)[] = [() => {
    db.close();
  }];
  const deps: CoreDeps = {
    db,
    dataDir: opts.dataDir,
    shell: opts.shell,
    appVersion: opts.version ?? appVersion(),
    now: opts.now ?? (() => new Date()),
    tasks: new TaskRegistry(),
    broadcast: (event, payload) => {
      for (const sink of sinks) sink(event, payload);
    },
    onClose: (fn) => closers.push(fn),
  };
  const all = { ...createHandlers(deps), ...opts.overrides };
  const handlers = opts.pathAccess ? guardPaths(all, opts.pathAccess) : all;
  return {
    handlers,
    deps,
    addEventSink(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    async close() {
      for (const fn of closers.reverse()) await fn();
    },
  };
}
