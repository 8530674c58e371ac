// The design library: search, list with revision and size, delete. Import and editing plug in here.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesignSummary } from '../../../../src-shared/contract/channels/designs';
import { useApp } from '../../app/app-context';

export function DesignsPage() {
  const { t, i18n } = useTranslation();
  const { client } = useApp();
  const [search, setSearch] = useState('');
  const [designs, setDesigns] = useState<DesignSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setDesigns(await client.invoke('designs.list', { search: search || undefined, limit: 100 }));
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  }, [client, search]);

  useEffect(() => {
    void load();
  }, [load]);

  async function remove(d: DesignSummary) {
    if (!window.confirm(t('designs.confirmDelete', { name: d.name }))) return;
    await client.invoke('designs.delete', { id: d.id });
    await load();
  }

  return (
    <section className="page designs" aria-labelledby="designs-title">
      <h2 id="designs-title">{t('designs.title')}</h2>
      <input type="search" aria-label={t('common.search')} placeholder={t('designs.searchPlaceholder')} value={search}
        onChange={(e) => setSearch(e.target.value)} />
      {error && <p role="alert">{t('shell.error', { message: error })}</p>}
      {designs === null ? (
        <p>{t('common.loading')}</p>
      ) : designs.length === 0 ? (
        <div className="empty-state" data-testid="designs-empty"><p>{t('designs.empty')}</p></div>
      ) : (
        <ul className="card-list" data-testid="designs-list">
          {designs.map((d) => (
            <li key={d.id} className="card">
              {d.thumbnail && <img src={d.thumbnail} alt="" width={96} height={96} />}
              <div>
                <strong>{d.name}</strong>
                <div className="muted">
                  {t('designs.revision', { n: d.revision })} · {t('designs.paths', { count: d.pathCount })} ·{' '}
                  {t('designs.updated', { date: new Date(d.updatedAt).toLocaleString(i18n.language === 'id' ? 'id-ID' : 'en-GB') })}
                </div>
              </div>
              <button type="button" onClick={() => void remove(d)}>{t('common.delete')}</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
