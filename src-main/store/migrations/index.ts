// Every migration of the local store, in order. Add one line per migration (numbers are pre-assigned per area).
import { migration001 } from './001_foundation';
import { migration002 } from './002_quote';
import { migration003 } from './003_machines';
import { migration004 } from './004_sync';
import { migration005 } from './005_sync_merge';
import { migration006 } from './006_outbox_creates';
import type { Migration } from './types';

export const migrations: Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
];
