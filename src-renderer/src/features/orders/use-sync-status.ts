// The sync status, loaded once and then kept current by the services' `sync.status` events.
import { useEffect, useState } from 'react';
import type { SyncStatusView } from '../../../../src-shared/contract/channels/sync';
import { useApp } from '../../app/app-context';

export function useSyncStatus(): [SyncStatusView | null, (s: SyncStatusView) => void] {
  const { client } = useApp();
  const [status, setStatus] = useState<SyncStatusView | null>(null);
  useEffect(() => {
    let live = true;
    void client.invoke('sync.status', {}).then((s) => live && setStatus(s)).catch(() => {});
    const off = client.on('sync.status', (s) => setStatus(s));
    return () => {
      live = false;
      off();
    };
  }, [client]);
  return [status, setStatus];
}
