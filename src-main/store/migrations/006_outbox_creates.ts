// Outbox rows remember whether their mutation is the first change of a record this device made (`creates`), so a
// push can tell the server it need not look the record up: see the `creates` hint of the push protocol.
import type { Migration } from './types';

export const migration006: Migration = {
  version: 6,
  name: 'outbox_creates',
  up: `ALTER TABLE outbox ADD COLUMN creates INTEGER NOT NULL DEFAULT 0;`,
};
