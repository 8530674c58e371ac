// The design editor: toolbar, layers, the GPU 2D plan or the 3D preview, warnings, and save as a new revision.
// Every edit goes through the editor reducer, so undo/redo covers all of them.
import { lazy, Suspense, useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Path, Vec2 } from '../../../../src-shared/geometry/types';
import {
  addPaths, alignPaths, arrayPaths, deletePaths, duplicatePaths, mirror, moveBy, pathsBBox, rotateBy, updateLayer, type Alignment, type EditorDoc,
} from '../../../../src-shared/editor/document';
import { booleanPaths } from '../../../../src-shared/editor/boolean';
import { circlePath, rectanglePath } from '../../../../src-shared/editor/shapes';
import { designThumbnail } from '../../../../src-shared/editor/svg-export';
import { canRedo, canUndo } from '../../../../src-shared/editor/history';
import { buildContours } from '../../../../src-shared/geometry/contours';
import { useApp } from '../../app/app-context';
import { formatLength } from '../../i18n/setup';
import { clearDraft, writeDraft } from './autosave';
import { editorReducer, type EditorState } from './editor-state';
import { exportDesign, type ExportFormat } from './exports';
import { FindingsPanel } from './FindingsPanel';
import { LayersPanel } from './LayersPanel';
import { PlanView, type Tool } from './PlanView';
import { TextDialog } from './TextDialog';
import { useEditorKeys } from './use-editor-keys';
import { useFindingsCheck } from './use-findings-check';

const Preview3D = lazy(() => import('../preview3d/Preview3D').then((m) => ({ default: m.Preview3D })));

let shapeCounter = 0;
const newId = (kind: string) => `${kind}-${Date.now().toString(36)}-${(shapeCounter++).toString(36)}`;

export function EditorPage(props: { initial: EditorState; onClose(): void; onSaved?(designId: string): void }) {
  const { t } = useTranslation();
  const { client, settings } = useApp();
  const [state, dispatch] = useReducer(editorReducer, props.initial);
  const [tool, setTool] = useState<Tool>('select');
  const [view, setView] = useState<'2d' | '3d'>('2d');
  const [fitSignal, setFitSignal] = useState(0);
  const [focus, setFocus] = useState<Vec2 | null>(null);
  const [status, setStatus] = useState('');
  const [textAt, setTextAt] = useState<Vec2 | null>(null);
  const [look, setLook] = useState({ color: '#cfe8ff', finish: 'polished' as 'polished' | 'frosted', opacity: 0.85 });
  const [arrayGrid, setArrayGrid] = useState({ rows: 2, cols: 2, gap: 5 });
  const [assembled, setAssembled] = useState(Boolean(props.initial.panels?.length));
  const doc = state.history.present;
  const sel = state.selection;
  const findingsCurrent = useFindingsCheck(state, dispatch, props.initial.history.present, (message) => setStatus(t('editor.error', { message })));
  const fmt = useCallback((mm: number) => formatLength(mm, settings.units, settings.language), [settings.units, settings.language]);
  const dark = document.documentElement.dataset.theme === 'dark';
  const structure = useMemo(() => {
    const cut = new Set(doc.layers.filter((l) => l.operation === 'cut' && l.visible).map((l) => l.name));
    const { contours, parts } = buildContours(doc.paths.filter((p) => cut.has(p.layer) || !doc.layers.some((l) => l.name === p.layer)));
    return { parts: parts.length, open: contours.filter((c) => !c.closed).length };
  }, [doc]);

  const edit = useCallback((apply: (d: EditorDoc) => EditorDoc, select?: Set<string>) => {
    try {
      dispatch({ type: 'edit', apply, select });
    } catch (err) {
      setStatus(t('editor.error', { message: (err as Error).message }));
    }
  }, [t]);

  const withResult = (fn: () => { doc: EditorDoc; ids: Set<string> }) => {
    try {
      const res = fn();
      dispatch({ type: 'edit', apply: () => res.doc, select: res.ids });
    } catch (err) {
      setStatus(t('editor.error', { message: (err as Error).message }));
    }
  };

  const save = useCallback(async () => {
    setStatus(t('editor.saving'));
    try {
      const saved = await client.invoke('designs.save', {
        id: state.designId,
        name: state.name.trim() || t('editor.untitled'),
        paths: doc.paths,
        layers: doc.layers,
        units: state.units,
        findings: state.findings,
        thicknessMm: state.thicknessMm,
        materialId: state.materialId,
        source: state.source,
        panels: state.panels,
        thumbnail: designThumbnail(doc.paths, doc.layers),
      });
      dispatch({ type: 'saved', designId: saved.id, revision: saved.revision });
      clearDraft();
      setStatus(t('editor.savedRevision', { n: saved.revision }));
      props.onSaved?.(saved.id);
    } catch (err) {
      setStatus(t('editor.error', { message: (err as Error).message }));
    }
  }, [client, doc, state, t, props]);

  // Autosave a moment after each change; a save or a close clears the draft.
  useEffect(() => {
    if (!state.dirty) return;
    const timer = setTimeout(() => writeDraft(state), 1500);
    return () => clearTimeout(timer);
  }, [state]);

  const keyActions = useMemo(
    () => ({
      undo: () => dispatch({ type: 'undo' }),
      redo: () => dispatch({ type: 'redo' }),
      selectAll: () => dispatch({ type: 'select', ids: new Set(doc.paths.map((p) => p.id)), mode: 'replace' }),
      clearSelection: () => dispatch({ type: 'select', ids: new Set(), mode: 'replace' }),
      deleteSelection: () => edit((d) => deletePaths(d, sel)),
      duplicate: () => withResult(() => duplicatePaths(doc, sel, 10, -10)),
      rotate: () => edit((d) => rotateBy(d, sel, 90)),
      mirror: (axis: 'horizontal' | 'vertical') => edit((d) => mirror(d, sel, axis)),
      nudge: (dx: number, dy: number) => edit((d) => moveBy(d, sel, dx, dy)),
      fit: () => setFitSignal((n) => n + 1),
      save: () => void save(),
      setTool,
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [doc, sel, edit, save],
  );
  useEditorKeys(keyActions);

  function onShape(kind: 'rect' | 'circle', a: Vec2, b: Vec2) {
    const layer = doc.layers.find((l) => !l.locked && l.visible && l.operation === 'cut')?.name ?? 'CUT';
    const path: Path =
      kind === 'rect'
        ? rectanglePath({ id: newId('rect'), layer, x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) })
        : circlePath({ id: newId('circle'), layer, cx: a.x, cy: a.y, radius: Math.hypot(b.x - a.x, b.y - a.y) });
    edit((d) => addPaths(d, [path]), new Set([path.id]));
  }

  const align = (how: Alignment) => edit((d) => alignPaths(d, sel, how));
  const box = sel.size ? pathsBBox(doc.paths.filter((p) => sel.has(p.id))) : null;

  return (
    <section className="editor" aria-label={state.name || t('editor.untitled')}>
      <div className="toolbar" role="toolbar" aria-label="Editor">
        <input aria-label={t('editor.name')} className="name" value={state.name} placeholder={t('editor.untitled')}
          onChange={(e) => dispatch({ type: 'rename', name: e.target.value })} data-testid="design-name" />
        <button type="button" className="primary" onClick={() => void save()} data-testid="editor-save">{t('editor.save')}</button>
        <button type="button" onClick={() => {
          if (state.dirty && !window.confirm(t('editor.confirmClose'))) return;
          clearDraft();
          props.onClose();
        }}>{t('editor.close')}</button>
        <select aria-label={t('editor.export')} value="" data-testid="editor-export"
          onChange={(e) => {
            const format = e.target.value as ExportFormat;
            if (format) void exportDesign(doc, state.name, format).catch((err: Error) => setStatus(t('editor.error', { message: err.message })));
          }}>
          <option value="">{t('editor.export')}</option>
          <option value="dxf">DXF</option>
          <option value="svg">SVG</option>
          <option value="png">PNG</option>
        </select>
        <span className="sep" />
        <button type="button" title={t('editor.undo')} aria-label={t('editor.undo')} disabled={!canUndo(state.history)} onClick={keyActions.undo} data-testid="undo">↶</button>
        <button type="button" title={t('editor.redo')} aria-label={t('editor.redo')} disabled={!canRedo(state.history)} onClick={keyActions.redo} data-testid="redo">↷</button>
        <span className="sep" />
        {(['select', 'measure', 'rect', 'circle', 'text'] as Tool[]).map((k) => (
          <button key={k} type="button" aria-pressed={tool === k} className={tool === k ? 'active' : ''} onClick={() => setTool(k)} data-testid={`tool-${k}`}>
            {t(`editor.tool.${k}`)}
          </button>
        ))}
        <span className="sep" />
        <button type="button" disabled={!sel.size} onClick={keyActions.rotate} data-testid="rotate">{t('editor.rotate')}</button>
        <button type="button" disabled={!sel.size} onClick={() => keyActions.mirror('horizontal')}>{t('editor.mirrorH')}</button>
        <button type="button" disabled={!sel.size} onClick={() => keyActions.mirror('vertical')}>{t('editor.mirrorV')}</button>
        <button type="button" disabled={!sel.size} onClick={keyActions.duplicate}>{t('editor.duplicate')}</button>
        <button type="button" disabled={!sel.size} onClick={keyActions.deleteSelection} data-testid="delete">{t('editor.delete')}</button>
        <button type="button" disabled={sel.size < 2} onClick={() => withResult(() => booleanPaths(doc, sel, 'union'))}>{t('editor.union')}</button>
        <button type="button" disabled={sel.size < 2} onClick={() => withResult(() => booleanPaths(doc, sel, 'difference'))}>{t('editor.difference')}</button>
        <select aria-label={t('editor.align')} value="" disabled={sel.size < 2} onChange={(e) => e.target.value && align(e.target.value as Alignment)}>
          <option value="">{t('editor.align')}</option>
          {(['left', 'right', 'top', 'bottom', 'centerX', 'centerY'] as Alignment[]).map((a) => <option key={a} value={a}>{t(`editor.align.${a}`)}</option>)}
        </select>
        <span className="sep" />
        <button type="button" onClick={keyActions.fit}>{t('editor.fit')}</button>
        <button type="button" aria-pressed={view === '3d'} onClick={() => setView(view === '2d' ? '3d' : '2d')} data-testid="toggle-3d">
          {view === '2d' ? t('editor.view3d') : t('editor.view2d')}
        </button>
      </div>
      <div className="editor-body">
        <aside className="side">
          <LayersPanel layers={doc.layers} paths={doc.paths}
            onChange={(name, change) => edit((d) => updateLayer(d, name, change))}
            onSelectLayer={(name) => dispatch({ type: 'select', ids: new Set(doc.paths.filter((p) => p.layer === name).map((p) => p.id)), mode: 'replace' })} />
          <section className="panel">
            <h3>{t('editor.array')}</h3>
            <div className="inline-fields">
              <label>{t('editor.array.rows')} <input type="number" min={1} max={100} value={arrayGrid.rows} onChange={(e) => setArrayGrid({ ...arrayGrid, rows: Number(e.target.value) })} /></label>
              <label>{t('editor.array.cols')} <input type="number" min={1} max={100} value={arrayGrid.cols} onChange={(e) => setArrayGrid({ ...arrayGrid, cols: Number(e.target.value) })} /></label>
              <label>{t('editor.array.gap')} <input type="number" min={0} value={arrayGrid.gap} onChange={(e) => setArrayGrid({ ...arrayGrid, gap: Number(e.target.value) })} /></label>
            </div>
            <button type="button" disabled={!box} onClick={() => box && withResult(() => arrayPaths(doc, sel, {
              rows: arrayGrid.rows, cols: arrayGrid.cols, dx: box.maxX - box.minX + arrayGrid.gap, dy: 0, rowDy: -(box.maxY - box.minY + arrayGrid.gap),
            }))}>{t('editor.array')}</button>
          </section>
          {view === '3d' && (
            <section className="panel">
              {Boolean(state.panels?.length) && (
                <label className="check"><input type="checkbox" checked={assembled} onChange={(e) => setAssembled(e.target.checked)} data-testid="assembled" /> {t('editor.assembled')}</label>
              )}
              <label>{t('editor.thickness')} <input type="number" min={1} max={50} step={0.5} value={state.thicknessMm ?? 3}
                onChange={(e) => dispatch({ type: 'meta', thicknessMm: Number(e.target.value) })} /></label>
              <label>{t('editor.colour')} <input type="color" value={look.color} onChange={(e) => setLook({ ...look, color: e.target.value })} /></label>
              <label>{t('editor.finish')}{' '}
                <select value={look.finish} onChange={(e) => setLook({ ...look, finish: e.target.value as 'polished' | 'frosted' })}>
                  <option value="polished">{t('editor.finish.polished')}</option>
                  <option value="frosted">{t('editor.finish.frosted')}</option>
                </select>
              </label>
            </section>
          )}
        </aside>
        <div className="canvas-area">
          {view === '2d' ? (
            <PlanView doc={doc} selection={sel} findings={findingsCurrent ? state.findings : []} tool={tool} dark={dark} fitSignal={fitSignal} focus={focus}
              formatLength={fmt} units={settings.units} snapLabel={(k) => t(`editor.snap.${k}`)}
              onSelect={(ids, mode) => dispatch({ type: 'select', ids, mode })}
              onMove={(dx, dy) => edit((d) => moveBy(d, sel, dx, dy))}
              onShape={onShape}
              onPlaceText={(at) => setTextAt(at)} />
          ) : (
            <Suspense fallback={<p>{t('common.loading')}</p>}>
              <Preview3D paths={doc.paths} layers={doc.layers} thicknessMm={state.thicknessMm ?? 3} look={look}
                panels={assembled ? state.panels : undefined} />
            </Suspense>
          )}
        </div>
        <aside className="side">
          <p className="muted" data-testid="editor-counts">
            <span data-testid="editor-parts">{t('editor.partsCount', { count: structure.parts })}</span>
            {structure.open > 0 && <> · <span className="finding warning">{t('editor.openCount', { count: structure.open })}</span></>}
            {' · '}{t('editor.pathsCount', { count: doc.paths.length })} · {t('editor.selection', { count: sel.size })}
            {box && ` · ${fmt(box.maxX - box.minX)} × ${fmt(box.maxY - box.minY)}`}
          </p>
          <p role="status" data-testid="editor-status">{status || (state.dirty ? t('editor.unsaved') : '')}</p>
          <FindingsPanel findings={state.findings} checking={!findingsCurrent} onFocus={(at) => { setView('2d'); setFocus({ ...at }); }} />
          <details className="panel">
            <summary>{t('editor.shortcuts')}</summary>
            <p className="muted">{t('editor.shortcutsHelp')}</p>
          </details>
        </aside>
      </div>
      {textAt && (
        <TextDialog at={textAt} onCancel={() => setTextAt(null)}
          onAdd={(paths) => {
            setTextAt(null);
            edit((d) => addPaths(d, paths, 'engrave'), new Set(paths.map((p) => p.id)));
          }} />
      )}
    </section>
  );
}
