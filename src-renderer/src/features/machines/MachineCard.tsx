// One machine: connection, live state and position, alarms in words, jog pad, home/unlock/reset/frame,
// overrides, and the running job with pause/resume/abort and time left.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../src-shared/contract/error-text';
import type { MachineInfo, MachineSnapshotPayload } from '../../../../src-shared/contract/channels/machines';
import type { JobProgress } from '../../../../src-shared/grbl/mqtt-topics';
import { gcodeCutExtent } from '../../../../src-shared/gcode/extent';
import { useApp } from '../../app/app-context';
import { formatDuration } from '../quote/QuotePage';

export function MachineCard(props: { machine: MachineInfo; status: MachineSnapshotPayload; progress: JobProgress | null; gcode: string | null; gcodeName: string; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const { client } = useApp();
  const { machine, status, progress } = props;
  const [step, setStep] = useState(10);
  const [feed, setFeed] = useState(3000);
  const [message, setMessage] = useState('');
  const lang = i18n.language === 'id' ? 'id' : 'en';
  const online = status.connection === 'online';
  const running = progress && (progress.status === 'running' || progress.status === 'paused');

  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      setMessage('');
      props.onChanged();
    } catch (err) {
      setMessage(errorText(err, lang));
    }
  };
  const jog = (x: number, y: number) => act(() => client.invoke('machines.jog', { id: machine.id, x: x * step, y: y * step, feed }));
  const pos = status.wpos ?? status.mpos;
  const pct = progress && progress.totalLines ? Math.round((progress.ackedLines / progress.totalLines) * 1000) / 10 : 0;

  return (
    <article className="panel machine" aria-label={machine.name} data-testid="machine-card">
      <header className="toolbar-row">
        <strong>{machine.name}</strong>
        <span className="badge" data-testid="machine-connection">{t(`machines.connection.${status.connection}`)}</span>
        <span className="badge" data-testid="machine-state">{t('machines.state')}: {status.state ?? '—'}</span>
        {online ? (
          <button type="button" disabled={!!running} onClick={() => void act(() => client.invoke('machines.disconnect', { id: machine.id }))}>{t('machines.disconnect')}</button>
        ) : (
          <button type="button" className="primary" onClick={() => void act(() => client.invoke('machines.connect', { id: machine.id }))} data-testid="machine-connect">{t('machines.connect')}</button>
        )}
        <button type="button" disabled={!!running} onClick={() => void act(() => client.invoke('machines.remove', { id: machine.id }))}>{t('machines.remove')}</button>
      </header>
      {status.error && <p role="alert">{status.error}</p>}
      {status.alarm && <p role="alert" className="alarm">{t('machines.alarm', { code: status.alarm.code, message: status.alarm.message[lang] })}</p>}
      <p className="muted">
        {t('machines.position')}: {pos ? `X ${pos[0].toFixed(2)} · Y ${pos[1].toFixed(2)}` : '—'}
        {' · '}{t('machines.calibration', { factor: machine.calibration.factor.toFixed(2), samples: machine.calibration.samples })}
      </p>
      {online && (
        <div className="machine-controls">
          <div className="jog" role="group" aria-label={t('machines.jog')}>
            <span /><button type="button" aria-label="Y+" disabled={!!running} onClick={() => void jog(0, 1)}>▲</button><span />
            <button type="button" aria-label="X−" disabled={!!running} onClick={() => void jog(-1, 0)}>◀</button>
            <button type="button" aria-label={t('machines.home')} disabled={!!running} onClick={() => void act(() => client.invoke('machines.home', { id: machine.id }))}>⌂</button>
            <button type="button" aria-label="X+" disabled={!!running} onClick={() => void jog(1, 0)}>▶</button>
            <span /><button type="button" aria-label="Y−" disabled={!!running} onClick={() => void jog(0, -1)}>▼</button><span />
          </div>
          <div className="form-grid">
            <label>{t('machines.step')}</label>
            <select value={step} onChange={(e) => setStep(Number(e.target.value))}>{[0.1, 1, 10, 50, 100].map((s) => <option key={s} value={s}>{s}</option>)}</select>
            <label>{t('machines.feed')}</label>
            <input type="number" min={10} max={100000} value={feed} onChange={(e) => setFeed(Math.max(10, Number(e.target.value) || 10))} />
          </div>
          <div className="toolbar-row">
            <button type="button" onClick={() => void act(() => client.invoke('machines.unlock', { id: machine.id }))}>{t('machines.unlock')}</button>
            <button type="button" onClick={() => void act(() => client.invoke('machines.reset', { id: machine.id }))}>{t('machines.reset')}</button>
            <button type="button" disabled={!props.gcode || !!running} onClick={() => {
              const bbox = props.gcode ? gcodeCutExtent(props.gcode) : null;
              if (bbox) void act(() => client.invoke('machines.frameBox', { id: machine.id, bbox }));
            }}>{t('machines.frame')}</button>
          </div>
          <div className="overrides">
            <strong>{t('machines.overrides')}</strong>
            {(['feed', 'power'] as const).map((kind) => (
              <label key={kind}>{t(`machines.override.${kind}`)}{' '}
                <select defaultValue={100} onChange={(e) => void act(() => client.invoke('machines.override', { id: machine.id, kind, percent: Number(e.target.value) }))}>
                  {[10, 25, 50, 75, 90, 100, 110, 125, 150, 200].map((p) => <option key={p} value={p}>{p} %</option>)}
                </select>
              </label>
            ))}
            <label>{t('machines.override.rapid')}{' '}
              <select defaultValue={100} onChange={(e) => void act(() => client.invoke('machines.override', { id: machine.id, kind: 'rapid', percent: Number(e.target.value) }))}>
                {[25, 50, 100].map((p) => <option key={p} value={p}>{p} %</option>)}
              </select>
            </label>
          </div>
          <div className="toolbar-row">
            <strong>{t('machines.job')}:</strong> <span>{props.gcodeName}</span>
            <button type="button" disabled={!props.gcode || !!running} onClick={() => props.gcode && void act(async () => {
              const res = await client.invoke('jobs.check', { machineId: machine.id, gcode: props.gcode! });
              setMessage(res.problems.length ? res.problems.map((p) => `#${p.line}: ${p.message[lang]}`).join('; ') : t('machines.checkOk', { lines: res.lines }));
            })}>{t('machines.check')}</button>
            <button type="button" className="primary" disabled={!props.gcode || !!running} data-testid="job-start"
              onClick={() => props.gcode && void act(() => client.invoke('jobs.start', { machineId: machine.id, gcode: props.gcode!, name: props.gcodeName }))}>{t('machines.start')}</button>
            {progress?.status === 'running' && <button type="button" onClick={() => void act(() => client.invoke('jobs.pause', { jobId: progress.jobId }))} data-testid="job-pause">{t('machines.pause')}</button>}
            {progress?.status === 'paused' && <button type="button" onClick={() => void act(() => client.invoke('jobs.resume', { jobId: progress.jobId }))} data-testid="job-resume">{t('machines.resume')}</button>}
            {running && <button type="button" onClick={() => void act(() => client.invoke('jobs.abort', { jobId: progress!.jobId }))} data-testid="job-abort">{t('machines.abort')}</button>}
            {progress?.status === 'interrupted' && progress.resumeFrom !== undefined && (
              <button type="button" onClick={() => void act(() => client.invoke('jobs.resumeInterrupted', { jobId: progress.jobId }))}>{t('machines.resumeInterrupted', { line: progress.resumeFrom })}</button>
            )}
          </div>
        </div>
      )}
      {progress && (
        <div data-testid="job-progress">
          <progress max={100} value={pct} aria-label={t('machines.job')} />
          <span> {t(`machines.status.${progress.status}`)} · {t('machines.progress', {
            pct, acked: progress.ackedLines, total: progress.totalLines, left: progress.etaSeconds === null ? '—' : formatDuration(progress.etaSeconds),
          })}</span>
          {progress.error && <p role="alert">{progress.error.message[lang]} (#{progress.error.line})</p>}
        </div>
      )}
      {message && <p role="status">{message}</p>}
    </article>
  );
}
