// The design library and the way into the editor: import a file (button, drag and drop, or the OS opening a
// .dxf), start a blank design, or open a saved one. Search, revisions and delete.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesignSummary } from '../../../../src-shared/contract/channels/designs';
import { useApp } from '../../app/app-context';
import { EditorPage } from '../editor/EditorPage';
import { clearDraft, draftToState, readDraft } from '../editor/autosave';
import { emptyEditor, type EditorState } from '../editor/editor-state';
import { ImportPanel } from './ImportPanel';
import { noteOpened, recentDesignIds } from './recent';

export function DesignsPage() {
  const { t, i18n } = useTranslation();
  const { client } = useApp();
  const [search, setSearch] = useState('');
  const [designs, setDesigns] = useState<DesignSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<EditorState | null>(null);
  const [draft, setDraft] = useState(() => readDraft());

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

  async function openDesign(id: string) {
    try {
      const d = await client.invoke('designs.get', { id });
      noteOpened(id);
      setOpen({
        ...emptyEditor,
        designId: d.id,
        revision: d.revision,
        name: d.name,
        history: { past: [], present: { paths: d.paths, layers: d.layers }, future: [] },
        findings: d.findings,
        units: d.units,
        source: d.source,
        thicknessMm: d.thicknessMm,
        materialId: d.materialId,
        panels: d.panels,
      });
    } catch (err) {
      setError((err as Error).message);
    }
  }

  async function remove(d: DesignSummary) {
    if (!window.confirm(t('designs.confirmDelete', { name: d.name }))) return;
    await client.invoke('designs.delete', { id: d.id });
    await load();
  }

  if (open) {
    return <EditorPage initial={open} onClose={() => { setOpen(null); void load(); }} />;
  }

  return (
    <section className="page designs" aria-labelledby="designs-title">
      <h2 id="designs-title">{t('designs.title')}</h2>
      <div className="toolbar-row">
        <button type="button" onClick={() => setOpen({ ...emptyEditor, name: '', history: { past: [], present: { paths: [], layers: [{ name: 'CUT', operation: 'cut', visible: true, locked: false }, { name: 'ENGRAVE', operation: 'engrave', visible: true, locked: false }] }, future: [] } })} data-testid="design-new">
          {t('designs.new')}
        </button>
        <input type="search" aria-label={t('common.search')} placeholder={t('designs.searchPlaceholder')} value={search}
          onChange={(e) => setSearch(e.target.value)} />
      </div>
      {draft && (
        <div className="panel" role="alert" data-testid="draft-restore">
          {t('designs.draftFound', { name: draft.name || t('editor.untitled'), date: new Date(draft.savedAt).toLocaleString(i18n.language === 'id' ? 'id-ID' : 'en-GB') })}{' '}
          <button type="button" className="primary" onClick={() => { setOpen(draftToState(draft, emptyEditor)); setDraft(null); }}>{t('designs.draftRestore')}</button>{' '}
          <button type="button" onClick={() => { clearDraft(); setDraft(null); }}>{t('designs.draftDiscard')}</button>
        </div>
      )}
      <ImportPanel onImported={(state) => setOpen(state)} />
      {designs && !search && (() => {
        const byId = new Map(designs.map((d) => [d.id, d]));
        const recent = recentDesignIds().map((id) => byId.get(id)).filter((d): d is DesignSummary => Boolean(d));
        return recent.length > 0 && (
          <p className="toolbar-row" data-testid="recent-designs">
            <strong>{t('designs.recent')}:</strong>
            {recent.map((d) => <button key={d.id} type="button" onClick={() => void openDesign(d.id)}>{d.name}</button>)}
          </p>
        );
      })()}
      {error && <p role="alert">{t('shell.error', { message: error })}</p>}
      {designs === null ? (
        <p>{t('common.loading')}</p>
      ) : designs.length === 0 ? (
        <div className="empty-state" data-testid="designs-empty"><p>{t('designs.empty')}</p></div>
      ) : (
        <ul className="card-list" data-testid="designs-list">
          {designs.map((d) => (
            <li key={d.id} className="card">
              {d.thumbnail && <img src={d.thumbnail} alt="" width={96} height={64} style={{ objectFit: 'contain' }} />}
              <div>
                <strong>{d.name}</strong>
                <div className="muted">
                  {t('designs.revision', { n: d.revision })} · {t('designs.paths', { count: d.pathCount })} ·{' '}
                  {t('designs.updated', { date: new Date(d.updatedAt).toLocaleString(i18n.language === 'id' ? 'id-ID' : 'en-GB') })}
                </div>
              </div>
              <button type="button" className="primary" onClick={() => void openDesign(d.id)} data-testid="design-open">{t('designs.open')}</button>
              <button type="button" onClick={() => void remove(d)}>{t('common.delete')}</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
