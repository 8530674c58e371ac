// Shape of one versioned migration of the local SQLite store.
export interface Migration {
  /** Strictly increasing, starting at 1; stored in PRAGMA user_version after it runs. */
  version: number;
  name: string;
  /** SQL run inside one transaction. */
  up: string;
}
