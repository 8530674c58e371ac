// Bringing a file in: a button (native dialog in the desktop app, the browser's picker otherwise), drag and drop
// onto the panel, or the OS opening a file with the app. Reads it through the import service, asks the user to
// confirm the units when the file did not state them, and opens the result in the editor.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, ChannelOutput } from '../../../../src-shared/contract/index';
import { useApp } from '../../app/app-context';
import { emptyEditor, type EditorState } from '../editor/editor-state';
import { bytesToBase64 } from '../../util/download';

type ImportOutput = ChannelOutput<'files.import'>;
type Source = { name: string; dataBase64: string } | { path: string };
const unitChoices = ['mm', 'cm', 'm', 'in', 'ft'] as const;
const accept = '.dxf,.svg,.dae,.obj,.stl,.skp';

function toEditor(res: ImportOutput): EditorState {
  const name = res.file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return {
    ...emptyEditor,
    name,
    history: { past: [], present: { paths: res.paths, layers: res.layers }, future: [] },
    findings: res.findings,
    units: res.units,
    source: { file: res.file, format: res.format },
    panels: res.panels,
  };
}

export function ImportPanel(props: { onImported(state: EditorState): void }) {
  const { t } = useTranslation();
  const { client } = useApp();
  const fileInput = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [status, setStatus] = useState('');
  const [confirm, setConfirm] = useState<{ source: Source; result: ImportOutput } | null>(null);

  async function run(source: Source, unitsOverride?: (typeof unitChoices)[number]) {
    const label = 'path' in source ? source.path : source.name;
    setStatus(t('designs.importing', { name: label }));
    try {
      const input = { ...source, unitsOverride } as ChannelInput<'files.import'>;
      const result = await client.invoke('files.import', input);
      setStatus('');
      if (result.units.source === 'inferred' && !unitsOverride) setConfirm({ source, result });
      else props.onImported(toEditor(result));
    } catch (err) {
      setStatus(t('designs.importFailed', { name: label, message: (err as Error).message }));
    }
  }

  async function readFile(file: File) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    await run({ name: file.name, dataBase64: bytesToBase64(bytes) });
  }

  async function pick() {
    try {
      const res = await client.invoke('dialog.open', { filters: [{ name: 'Drawings', extensions: accept.replace(/\./g, '').split(',') }] });
      if (res.path) await run({ path: res.path });
    } catch {
      fileInput.current?.click();
    }
  }

  useEffect(() => client.on('app.openFile', ({ path }) => void run({ path })));

  const box = confirm?.result.bbox;
  return (
    <div className={`drop-zone${over ? ' over' : ''}`} data-testid="import-zone"
      onDragOver={(e) => { e.preventDefault(); setOver(true); }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (file) void readFile(file);
      }}>
      {t('designs.drop')}{' '}
      <button type="button" className="primary" onClick={() => void pick()} data-testid="import-button">{t('designs.import')}</button>
      <input ref={fileInput} type="file" accept={accept} hidden data-testid="import-file"
        onChange={(e) => { const f = e.target.files?.[0]; if (f) void readFile(f); e.target.value = ''; }} />
      {status && <p role="status" data-testid="import-status">{status}</p>}
      {confirm && (
        <div role="alertdialog" aria-labelledby="units-q" className="units-confirm" data-testid="units-confirm">
          <p id="units-q">{t('designs.unitsInferred', {
            unit: confirm.result.units.unit,
            w: box ? Math.round(box.maxX - box.minX) : 0,
            h: box ? Math.round(box.maxY - box.minY) : 0,
          })}</p>
          <button type="button" className="primary" onClick={() => { props.onImported(toEditor(confirm.result)); setConfirm(null); }} data-testid="units-ok">
            {t('designs.unitsConfirm', { unit: confirm.result.units.unit })}
          </button>{' '}
          {t('designs.unitsOther')}{' '}
          {unitChoices.filter((u) => u !== confirm.result.units.unit).map((u) => (
            <button key={u} type="button" onClick={() => { const src = confirm.source; setConfirm(null); void run(src, u); }}>{u}</button>
          ))}
        </div>
      )}
    </div>
  );
}
