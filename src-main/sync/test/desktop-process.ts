// A desktop sync process for the kill tests, run with tsx: opens the device folder given as argv[2], optionally
// queues argv[4] offline orders (argv[3] = "create"), then syncs until the outbox is empty, printing progress.
// The test kills it with SIGKILL mid-push and starts it again with "resume".
import { join } from 'node:path';
import { openDatabase } from '../../store/database';
import { CloudClient } from '../cloud-client';
import { FileSecretStore } from '../secret-store';
import { SyncEngine } from '../sync-engine';
import { SyncStore } from '../sync-store';

const [dir, mode, countArg, cloudUrl] = process.argv.slice(2);
const db = openDatabase(join(dir, 'acrylichub.db'));
const store = new SyncStore(db);
if (mode === 'create') {
  for (let i = 0; i < Number(countArg); i++) {
    store.createOrder({ customer: { name: `Kill test ${i}` }, lines: [{ description: 'Acrylic 5 mm', quantity: 1 + (i % 7), unitPriceIdr: 99_000 }], customerId: null, quoteId: null, shippingAddress: null, dueAt: null });
  }
  console.log(`queued ${store.outbox.count()}`);
}
const client = new CloudClient(cloudUrl, new FileSecretStore(join(dir, 'sync-secrets.json'), { en: 'test', id: 'tes' }), 'sync');
const engine = new SyncEngine(store, { background: false, batchSize: 5 });
engine.setTransport(client);
for (let i = 0; i < 100 && store.outbox.count() > 0; i++) {
  const s = await engine.syncNow();
  if (s.lastError) console.log(`error ${s.lastError}`);
}
console.log(`done pending=${store.outbox.count()}`);
db.close();
