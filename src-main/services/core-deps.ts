// What every area's handlers may depend on: the open store, the data folder, the shell kind, a clock, the task
// registry, an app-wide event broadcast and a way to register cleanup when the app closes.
import type { EventName, EventPayload } from '../../src-shared/contract/index';
import type { Db } from '../store/database';
import type { TaskRegistry } from './task-registry';

export interface CoreDeps {
  db: Db;
  dataDir: string;
  shell: 'electron' | 'browser';
  appVersion: string;
  now: () => Date;
  tasks: TaskRegistry;
  /** Push an event to every connected UI (Electron windows, browser-mode sockets), e.g. background status. */
  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Register cleanup (close ports, stop workers) run when the app shuts down, last registered first. */
  onClose(fn: () => void | Promise<void>): void;
}
