// The nest area: choose designs and copies, the sheet and the rules, run the nester as a long task with live
// progress (best utilisation so far, polled from the task), stop at any time keeping the best layout, nudge or rotate a placed part with
// overlap feedback from the independent checker, and accept the nest for the quote and the cutting job.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesignSummary } from '../../../../src-shared/contract/channels/designs';
import { designParts, type DesignPart } from '../../../../src-shared/editor/design-parts';
import type { LayerInfo, PolygonWithHoles } from '../../../../src-shared/geometry/types';
import type { NestJob, NestResult, Placement } from '../../../../src-shared/nest/types';
import { verifyNest } from '../../../../src-shared/nest/verify';
import { useApp } from '../../app/app-context';
import { useWorkspace } from '../../app/workspace';
import { SheetView } from './SheetView';

type Rotations = 'locked' | '2' | '4' | '8';

export function NestPage() {
  const { t } = useTranslation();
  const { client } = useApp();
  const { nest: accepted, setNest } = useWorkspace();
  const [designs, setDesigns] = useState<DesignSummary[]>([]);
  const [qty, setQty] = useState<Record<string, number>>({});
  const [sheet, setSheet] = useState({ width: 1220, height: 2440, count: 10, margin: 5 });
  const [spacing, setSpacing] = useState(3);
  const [rotations, setRotations] = useState<Rotations>('4');
  const [partInPart, setPartInPart] = useState(true);
  const [seconds, setSeconds] = useState(10);
  const [taskId, setTaskId] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ pct: number; placed: number; total: number; seconds: number } | null>(null);
  const [run, setRun] = useState<{ job: NestJob; parts: DesignPart[]; layers: LayerInfo[]; designIds: string[] } | null>(null);
  const [result, setResult] = useState<NestResult | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const pollRef = useRef<ReturnType<typeof setInterval> | null>(null);

  useEffect(() => {
    void client.invoke('designs.list', { limit: 500 }).then(setDesigns);
  }, [client]);

  useEffect(() => () => {
    if (pollRef.current) clearInterval(pollRef.current);
  }, []);

  async function start() {
    setMessage('');
    setResult(null);
    const chosen = designs.filter((d) => (qty[d.id] ?? 0) > 0);
    const parts: DesignPart[] = [];
    const layers: LayerInfo[] = [];
    const jobParts: NestJob['parts'] = [];
    for (const d of chosen) {
      const full = await client.invoke('designs.get', { id: d.id });
      const ps = designParts(d.id, full.paths, full.layers);
      layers.push(...full.layers.filter((l) => !layers.some((x) => x.name === l.name)));
      for (const p of ps) {
        parts.push(p);
        jobParts.push({ id: p.id, name: `${d.name} ${p.id.split('#')[1]}`, shape: p.shape, quantity: qty[d.id] });
      }
    }
    if (!jobParts.length) {
      setMessage(t('nest.noParts'));
      return;
    }
    const job: NestJob = {
      parts: jobParts,
      sheets: [{ width: sheet.width, height: sheet.height, count: sheet.count, margin: sheet.margin }],
      spacing,
      rotations: rotations === 'locked' ? { kind: 'locked' } : { kind: 'steps', steps: Number(rotations) },
      partInPart,
      seconds,
      seed: 1,
    };
    setRun({ job, parts, layers, designIds: chosen.map((d) => d.id) });
    const { taskId: id } = await client.invoke('nest.start', { job });
    setTaskId(id);
    setProgress({ pct: 0, placed: 0, total: jobParts.reduce((s, p) => s + p.quantity, 0), seconds: 0 });
    pollRef.current = setInterval(() => void poll(id), 400);
  }

  async function poll(id: string) {
    const state = await client.invoke('nest.get', { taskId: id });
    if (state.progress) {
      const p = state.progress;
      setProgress({ pct: Math.round(p.bestUtilisation * 1000) / 10, placed: p.placed, total: p.total, seconds: Math.round(p.seconds) });
    }
    if (state.best) setResult(state.best);
    if (state.state !== 'running') {
      if (pollRef.current) clearInterval(pollRef.current);
      pollRef.current = null;
      setTaskId(null);
      if (state.error) setMessage(state.error);
    }
  }

  async function stop() {
    if (!taskId) return;
    const best = await client.invoke('nest.stop', { taskId });
    setResult(best);
  }

  const shapes = useMemo(() => new Map<string, PolygonWithHoles>(run?.parts.map((p) => [p.id, p.shape]) ?? []), [run]);
  const designIndex = useMemo(() => new Map(run?.designIds.map((id, i) => [id, i]) ?? []), [run]);
  const problems = useMemo(() => (run && result ? verifyNest(run.job, result) : []), [run, result]);

  function nudge(dx: number, dy: number, rotate = 0) {
    if (!result || !selected) return;
    const [part, inst] = selected.split(':');
    const move = (p: Placement) => (p.part === part && p.instance === Number(inst) ? { ...p, x: p.x + dx, y: p.y + dy, rotation: (p.rotation + rotate) % 360 } : p);
    setResult({ ...result, placements: result.placements.map(move), sheets: result.sheets.map((s) => ({ ...s, placements: s.placements.map(move) })) });
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!selected || (e.target as HTMLElement).closest('input, select, textarea')) return;
      const step = e.shiftKey ? 10 : 1;
      const moves: Record<string, [number, number, number]> = { ArrowLeft: [-step, 0, 0], ArrowRight: [step, 0, 0], ArrowUp: [0, step, 0], ArrowDown: [0, -step, 0], r: [0, 0, 90], R: [0, 0, 90] };
      const m = moves[e.key];
      if (m) {
        e.preventDefault();
        nudge(...m);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const num = (v: string, min = 0) => Math.max(min, Number(v) || 0);

  return (
    <section className="page nest" aria-labelledby="nest-title">
      <h2 id="nest-title">{t('nest.title')}</h2>
      <div className="quote-grid">
        <div className="panel">
          <h3>{t('nest.parts')}</h3>
          {designs.length === 0 && <p className="muted">{t('empty.nest')}</p>}
          <ul className="card-list">
            {designs.map((d) => (
              <li key={d.id} className="card">
                <div>{d.name}</div>
                <label>{t('nest.qty')} <input type="number" min={0} max={10000} value={qty[d.id] ?? 0} data-testid="nest-qty"
                  onChange={(e) => setQty({ ...qty, [d.id]: num(e.target.value) })} style={{ width: 80 }} /></label>
              </li>
            ))}
          </ul>
          <h3>{t('nest.sheet')}</h3>
          <div className="form-grid">
            <label>{t('nest.width')}</label><input type="number" value={sheet.width} onChange={(e) => setSheet({ ...sheet, width: num(e.target.value, 1) })} data-testid="nest-width" />
            <label>{t('nest.height')}</label><input type="number" value={sheet.height} onChange={(e) => setSheet({ ...sheet, height: num(e.target.value, 1) })} data-testid="nest-height" />
            <label>{t('nest.count')}</label><input type="number" min={1} value={sheet.count} onChange={(e) => setSheet({ ...sheet, count: num(e.target.value, 1) })} />
            <label>{t('nest.margin')}</label><input type="number" min={0} value={sheet.margin} onChange={(e) => setSheet({ ...sheet, margin: num(e.target.value) })} />
            <label>{t('nest.spacing')}</label><input type="number" min={0} step={0.1} value={spacing} onChange={(e) => setSpacing(num(e.target.value))} />
            <label>{t('nest.rotations')}</label>
            <select value={rotations} onChange={(e) => setRotations(e.target.value as Rotations)}>
              {(['locked', '2', '4', '8'] as Rotations[]).map((r) => <option key={r} value={r}>{t(`nest.rotations.${r}`)}</option>)}
            </select>
            <label>{t('nest.seconds')}</label><input type="number" min={1} max={3600} value={seconds} onChange={(e) => setSeconds(num(e.target.value, 1))} data-testid="nest-seconds" />
          </div>
          <label className="check"><input type="checkbox" checked={partInPart} onChange={(e) => setPartInPart(e.target.checked)} /> {t('nest.partInPart')}</label>
          <p>
            <button type="button" className="primary" disabled={!!taskId || !Object.values(qty).some((q) => q > 0)} onClick={() => void start().catch((e: Error) => setMessage(e.message))} data-testid="nest-start">{t('nest.start')}</button>{' '}
            <button type="button" disabled={!taskId} onClick={() => void stop()}>{t('nest.stop')}</button>
          </p>
          <p role="status" data-testid="nest-status">
            {taskId && progress && t('nest.running', progress)}
            {!taskId && result && t('nest.done', { pct: (result.utilisation * 100).toFixed(1), sheets: result.sheets.length, seconds: result.seconds.toFixed(1) })}
          </p>
          {message && <p role="alert">{message}</p>}
        </div>
        <div className="panel">
          {result && run && (
            <>
              <p className="muted">{t('nest.nudgeHelp')}</p>
              <p role="status" data-testid="nest-check">{problems.length ? t('nest.collision', { problem: problems[0] }) : t('nest.noCollision')}</p>
              <div className="sheets">
                {result.sheets.map((s) => (
                  <SheetView key={s.index} sheet={s} shapes={shapes} selected={selected} onSelect={setSelected}
                    colourOf={(partId) => designIndex.get(partId.split('#')[0]) ?? 0}
                    label={t('nest.sheetLabel', { n: s.index + 1, pct: (s.utilisation * 100).toFixed(1) })} />
                ))}
              </div>
              {result.offcut && <p>{t('nest.offcut', { w: Math.round(result.offcut.width), h: Math.round(result.offcut.height) })}</p>}
              {result.unplaced.length > 0 && (
                <div role="alert"><h3>{t('nest.unplaced')}</h3><ul>{result.unplaced.map((u) => <li key={`${u.part}:${u.instance}`}>{u.part} #{u.instance + 1}: {t(`nest.reason.${u.reason}`)}</li>)}</ul></div>
              )}
              <button type="button" className="primary" disabled={problems.length > 0 || !!taskId} data-testid="nest-use"
                onClick={() => setNest({ job: run.job, result, parts: run.parts, layers: run.layers, designIds: run.designIds })}>{t('nest.use')}</button>
              {accepted?.result === result && <p role="status">{t('nest.used')}</p>}
            </>
          )}
        </div>
      </div>
    </section>
  );
}
