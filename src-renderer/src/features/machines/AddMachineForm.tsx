// Adding a machine: pick a serial port found on this computer, or name the MQTT broker and the machine's id at
// its bridge.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../../src-shared/contract/error-text';
import { useApp } from '../../app/app-context';

export function AddMachineForm(props: { onAdded(): void }) {
  const { t, i18n } = useTranslation();
  const { client } = useApp();
  const [kind, setKind] = useState<'serial' | 'mqtt'>('serial');
  const [name, setName] = useState('Laser 1');
  const [ports, setPorts] = useState<{ path: string; manufacturer?: string }[]>([]);
  const [port, setPort] = useState('');
  const [baud, setBaud] = useState(115200);
  const [url, setUrl] = useState('mqtt://127.0.0.1:1883');
  const [remoteId, setRemoteId] = useState('laser-1');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');

  useEffect(() => {
    client
      .invoke('machines.ports', {})
      .then((p) => {
        setPorts(p);
        if (p[0]) setPort((x) => x || p[0].path);
      })
      .catch(() => setPorts([]));
  }, [client]);

  async function add() {
    try {
      await client.invoke(
        'machines.add',
        kind === 'serial'
          ? { kind, name, port, baud }
          : { kind, name, url, remoteId, username: username || undefined, password: password || undefined },
      );
      setError('');
      props.onAdded();
    } catch (err) {
      setError(errorText(err, i18n.language === 'id' ? 'id' : 'en'));
    }
  }

  return (
    <details className="panel">
      <summary>{t('machines.add')}</summary>
      <div className="form-grid">
        <label htmlFor="m-name">{t('machines.name')}</label>
        <input id="m-name" value={name} onChange={(e) => setName(e.target.value)} />
        <span />
        <div>
          <label className="check"><input type="radio" checked={kind === 'serial'} onChange={() => setKind('serial')} /> {t('machines.kind.serial')}</label>{' '}
          <label className="check"><input type="radio" checked={kind === 'mqtt'} onChange={() => setKind('mqtt')} /> {t('machines.kind.mqtt')}</label>
        </div>
        {kind === 'serial' ? (
          <>
            <label htmlFor="m-port">{t('machines.port')}</label>
            <input id="m-port" list="m-ports" value={port} onChange={(e) => setPort(e.target.value)} data-testid="machine-port" />
            <datalist id="m-ports">{ports.map((p) => <option key={p.path} value={p.path}>{p.manufacturer}</option>)}</datalist>
            <label htmlFor="m-baud">{t('machines.baud')}</label>
            <select id="m-baud" value={baud} onChange={(e) => setBaud(Number(e.target.value))}>
              {[9600, 57600, 115200, 230400, 250000].map((b) => <option key={b} value={b}>{b}</option>)}
            </select>
          </>
        ) : (
          <>
            <label htmlFor="m-url">{t('machines.url')}</label>
            <input id="m-url" value={url} onChange={(e) => setUrl(e.target.value)} />
            <label htmlFor="m-remote">{t('machines.remoteId')}</label>
            <input id="m-remote" value={remoteId} onChange={(e) => setRemoteId(e.target.value)} />
            <label htmlFor="m-user">{t('machines.username')}</label>
            <input id="m-user" value={username} autoComplete="off" onChange={(e) => setUsername(e.target.value)} />
            <label htmlFor="m-pass">{t('machines.password')}</label>
            <input id="m-pass" type="password" value={password} autoComplete="new-password" onChange={(e) => setPassword(e.target.value)} />
          </>
        )}
      </div>
      <p><button type="button" className="primary" onClick={() => void add()} data-testid="machine-add">{t('machines.add')}</button></p>
      {error && <p role="alert">{error}</p>}
    </details>
  );
}
