// The sync indicator in the top bar: online or offline, changes waiting, and when the last sync was; it also
// asks for a sync as soon as the browser or desktop reports the network is back.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/app-context';
import { useSyncStatus } from './use-sync-status';

export function SyncIndicator() {
  const { t, i18n } = useTranslation();
  const { client } = useApp();
  const [status] = useSyncStatus();
  // When the computer gets its connection back, sync at once instead of waiting for the next retry.
  useEffect(() => {
    const onOnline = () => void client.invoke('sync.now', {}).catch(() => {});
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [client]);
  if (!status) return null;
  const state = !status.signedIn ? t('sync.signedOut') : status.syncing ? t('sync.syncing') : status.online ? t('sync.online') : t('sync.offline');
  const last = status.lastSyncAt ? t('sync.last', { date: new Date(status.lastSyncAt).toLocaleString(i18n.language === 'id' ? 'id-ID' : 'en-GB') }) : t('sync.never');
  return (
    <span className={`badge sync ${status.online ? 'ok' : 'off'}`} role="status" data-testid="sync-indicator" title={`${last}${status.lastError ? ` · ${status.lastError}` : ''}`}>
      {state}{status.pending > 0 && ` · ${t('sync.pending', { count: status.pending })}`}
    </span>
  );
}
