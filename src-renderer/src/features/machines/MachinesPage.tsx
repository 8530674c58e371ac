// The machines area: every laser (serial or through an MQTT bridge) with live status pushed by the services,
// the G-code to cut (a file, or generated from the accepted nest), and the job queue and history.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobRecord, MachineInfo, MachineSnapshotPayload } from '../../../../src-shared/contract/channels/machines';
import type { JobProgress } from '../../../../src-shared/grbl/mqtt-topics';
import { useApp } from '../../app/app-context';
import { AddMachineForm } from './AddMachineForm';
import { MachineCard } from './MachineCard';
import { JobSource } from './JobSource';

export function MachinesPage() {
  const { t, i18n } = useTranslation();
  const { client } = useApp();
  const [machines, setMachines] = useState<MachineInfo[]>([]);
  const [live, setLive] = useState<Record<string, MachineSnapshotPayload>>({});
  const [progress, setProgress] = useState<Record<string, JobProgress>>({});
  const [history, setHistory] = useState<JobRecord[]>([]);
  const [queue, setQueue] = useState<JobRecord[]>([]);
  const [gcode, setGcode] = useState<{ text: string; name: string } | null>(null);

  const refresh = useCallback(async () => {
    const [m, h, q] = await Promise.all([
      client.invoke('machines.list', {}),
      client.invoke('jobs.history', { limit: 50 }),
      client.invoke('jobs.queue', {}),
    ]);
    setMachines(m);
    setHistory(h);
    setQueue(q);
  }, [client]);

  useEffect(() => {
    void refresh();
    const offStatus = client.on('machine.status', (s) => setLive((old) => ({ ...old, [s.id]: s })));
    const offProgress = client.on('job.progress', (p) => {
      setProgress((old) => ({ ...old, [p.machineId]: p }));
      if (!['running', 'paused'].includes(p.status)) void refresh();
    });
    return () => {
      offStatus();
      offProgress();
    };
  }, [client, refresh]);

  const lang = i18n.language === 'id' ? 'id-ID' : 'en-GB';
  return (
    <section className="page machines" aria-labelledby="machines-title">
      <h2 id="machines-title">{t('machines.title')}</h2>
      {machines.length === 0 && <div className="empty-state"><p>{t('empty.machines')}</p></div>}
      <AddMachineForm onAdded={() => void refresh()} />
      <JobSource value={gcode} onChange={setGcode} />
      {machines.map((m) => (
        <MachineCard key={m.id} machine={m} status={live[m.id] ?? m.status} progress={progress[m.id] ?? live[m.id]?.job ?? m.status.job ?? null}
          gcode={gcode?.text ?? null} gcodeName={gcode?.name ?? ''} onChanged={() => void refresh()} />
      ))}
      <h3>{t('machines.queue')}</h3>
      {queue.length === 0 ? <p className="muted">{t('machines.noJobs')}</p> : <JobTable jobs={queue} lang={lang} />}
      <h3>{t('machines.history')}</h3>
      {history.length === 0 ? <p className="muted">{t('machines.noJobs')}</p> : <JobTable jobs={history} lang={lang} />}
    </section>
  );
}

function JobTable({ jobs, lang }: { jobs: JobRecord[]; lang: string }) {
  const { t } = useTranslation();
  return (
    <table className="lines" data-testid="jobs-table">
      <tbody>
        {jobs.map((j) => (
          <tr key={j.id}>
            <td>{j.name}</td>
            <td>{t(`machines.status.${j.status}`)}</td>
            <td>{j.ackedLines}/{j.totalLines}</td>
            <td>{j.actualSeconds !== undefined ? `${Math.round(j.actualSeconds)} s` : ''}{j.estimateSeconds !== undefined ? ` (≈${Math.round(j.calibratedEstimateSeconds ?? j.estimateSeconds)} s)` : ''}</td>
            <td>{new Date(j.finishedAt ?? j.createdAt).toLocaleString(lang)}</td>
            <td>{j.error ? `${j.error.kind}:${j.error.code}` : j.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
