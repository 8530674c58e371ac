// Handlers of the sync channels (src-shared/contract/channels/sync.ts) over one SyncService per app instance.
// Status changes are pushed to every window as `sync.status` events through the app-wide broadcast.
import { ContractError, type Handlers } from '../../src-shared/contract/index';
import type { CoreDeps } from '../services/core-deps';
import { listOrders } from './order-queries';
import { SyncService } from './sync-service';

type SyncChannelNames = 'sync.status' | 'sync.now' | 'sync.login' | 'sync.logout' | 'sync.rejections' | 'sync.retry' | 'orders.list' | 'orders.create' | 'orders.get' | 'orders.transition';

export function createSyncHandlers(deps: CoreDeps, service = new SyncService(deps.db, deps.dataDir, deps.now)): Pick<Handlers, SyncChannelNames> {
  service.engine.onStatus(() => {
    void service.status().then((s) => deps.broadcast('sync.status', s));
  });
  deps.onClose(() => service.close());
  return {
    'sync.status': (_i) => service.status(),
    'sync.now': (_i) => service.syncNow(),
    'sync.login': (input) => service.login(input),
    'sync.logout': (_i) => service.logout(),
    'sync.rejections': (input) =>
      service.store.rejections(input.includeRetried).map((r) => ({
        mutationId: r.mutation_id, type: r.type, recordKind: r.record_kind, recordId: r.record_id, code: r.code,
        message: { en: r.message_en, id: r.message_id }, at: r.at, retriedAs: r.retried_as,
      })),
    'sync.retry': (input) => {
      try {
        const mutationId = service.store.retry(input.mutationId);
        service.engine.trigger();
        return { mutationId };
      } catch (err) {
        throw new ContractError('CONFLICT', (err as Error).message);
      }
    },
    'orders.list': (input) => listOrders(deps.db, input.state, input.limit),
    'orders.create': (input) => service.createOrder(input),
    'orders.get': (input) => service.order(input.id),
    'orders.transition': (input) => service.transition(input.id, input.to, input.note),
  };
}
