// Cloud account and sync: sign in (password, then the emailed code or authenticator code), sync now, where the
// token is kept, and the changes the cloud refused with a retry for each.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../src-shared/contract/index';
import { useApp } from '../../app/app-context';
import { useSyncStatus } from './use-sync-status';

type Rejection = ChannelOutput<'sync.rejections'>[number];

export function SyncPanel() {
  const { t, i18n } = useTranslation();
  const { client, settings } = useApp();
  const [status, setStatus] = useSyncStatus();
  const [cloudUrl, setCloudUrl] = useState(settings.cloudUrl || 'http://127.0.0.1:8080');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<{ id: string; factors: string[] } | null>(null);
  const [emailCode, setEmailCode] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [rejections, setRejections] = useState<Rejection[]>([]);
  const [message, setMessage] = useState('');
  const lang = i18n.language === 'id' ? 'id' : 'en';

  useEffect(() => {
    void client.invoke('sync.rejections', {}).then(setRejections).catch(() => {});
  }, [client, status?.rejections]);

  const run = async (fn: () => Promise<void>) => {
    try {
      await fn();
      setMessage('');
    } catch (err) {
      setMessage((err as Error).message);
    }
  };

  async function signIn() {
    if (!challenge) {
      const res = await client.invoke('sync.login', { cloudUrl, email, password });
      if (!res.signedIn && res.challengeId) setChallenge({ id: res.challengeId, factors: res.factors ?? [] });
    } else {
      await client.invoke('sync.login', { cloudUrl, email, challengeId: challenge.id, emailCode, totpCode: totpCode || undefined });
      setChallenge(null);
    }
    setStatus(await client.invoke('sync.status', {}));
  }

  if (!status) return null;
  return (
    <section className="panel" aria-labelledby="sync-title">
      <h3 id="sync-title">{t('sync.title')}</h3>
      {status.secretStore.warning && <p className="muted">{status.secretStore.warning[lang]}</p>}
      {status.signedIn ? (
        <p>
          {t('sync.signedInAs', { email: status.account?.email ?? '' })}{' '}
          <button type="button" onClick={() => void run(async () => { setStatus(await client.invoke('sync.now', {})); })} data-testid="sync-now">{t('sync.now')}</button>{' '}
          <button type="button" onClick={() => void run(async () => { await client.invoke('sync.logout', {}); setStatus(await client.invoke('sync.status', {})); })}>{t('sync.signOut')}</button>
        </p>
      ) : (
        <div className="form-grid">
          <label htmlFor="s-url">{t('sync.cloudUrl')}</label>
          <input id="s-url" value={cloudUrl} onChange={(e) => setCloudUrl(e.target.value)} data-testid="sync-url" />
          <label htmlFor="s-email">{t('sync.email')}</label>
          <input id="s-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} data-testid="sync-email" />
          {!challenge ? (
            <>
              <label htmlFor="s-pass">{t('sync.password')}</label>
              <input id="s-pass" type="password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="sync-password" />
            </>
          ) : (
            <>
              <label htmlFor="s-code">{t('sync.code')}</label>
              <input id="s-code" inputMode="numeric" value={emailCode} onChange={(e) => setEmailCode(e.target.value)} data-testid="sync-code" />
              {challenge.factors.includes('totp') && (
                <>
                  <label htmlFor="s-totp">{t('sync.totp')}</label>
                  <input id="s-totp" inputMode="numeric" value={totpCode} onChange={(e) => setTotpCode(e.target.value)} />
                </>
              )}
            </>
          )}
          <span />
          <button type="button" className="primary" onClick={() => void run(signIn)} data-testid="sync-signin">{t('sync.signIn')}</button>
        </div>
      )}
      {message && <p role="alert">{message}</p>}
      {rejections.length > 0 && (
        <>
          <h3>{t('sync.rejections')}</h3>
          <ul data-testid="sync-rejections">
            {rejections.map((r) => (
              <li key={r.mutationId}>
                {r.type} {r.recordId?.slice(0, 8)}: {r.message[lang]}{' '}
                <button type="button" onClick={() => void run(async () => { await client.invoke('sync.retry', { mutationId: r.mutationId }); setRejections(await client.invoke('sync.rejections', {})); })}>{t('sync.retry')}</button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
