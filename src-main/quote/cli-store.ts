// The store the quoting CLI commands work on: the user's data folder when --data is given (its edited libraries,
// and saved quotes stay there), otherwise an in-memory store seeded from resources/ that vanishes on exit.
import { join } from 'node:path';
import { openDatabase, type Db } from '../store/database';
import { LibraryService } from './library-service';
import { QuoteService } from './quote-service';

export interface CliStore {
  db: Db;
  library: LibraryService;
  quotes: QuoteService;
  close(): void;
}

export function openCliStore(dataDir?: string): CliStore {
  const db = openDatabase(dataDir ? join(dataDir, 'acrylichub.db') : ':memory:');
  const library = new LibraryService(db);
  return { db, library, quotes: new QuoteService(db, library), close: () => db.close() };
}
