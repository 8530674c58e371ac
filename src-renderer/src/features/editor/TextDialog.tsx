// The text tool: type text, pick a bundled font, height and letter spacing, see the outline preview live
// (computed by the text service with real font outlines and kerning), then add it to the drawing.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Path, Vec2 } from '../../../../src-shared/geometry/types';
import { designToSvg } from '../../../../src-shared/editor/svg-export';
import { useApp } from '../../app/app-context';

const previewLayers = [{ name: 'TEXT', operation: 'engrave' as const, visible: true, locked: false }];

export function TextDialog(props: { at: Vec2; onAdd(paths: Path[]): void; onCancel(): void }) {
  const { t } = useTranslation();
  const { client } = useApp();
  const [fonts, setFonts] = useState<{ id: string; label: string }[]>([]);
  const [missing, setMissing] = useState<string[]>([]);
  const [text, setText] = useState('AcrylicHub');
  const [font, setFont] = useState('LiberationSans-Regular');
  const [sizeMm, setSizeMm] = useState(10);
  const [spacing, setSpacing] = useState(0);
  const [paths, setPaths] = useState<Path[]>([]);
  const [error, setError] = useState('');

  useEffect(() => {
    void client.invoke('fonts.list', {}).then((list) => setFonts(list.map((f) => ({ id: f.name, label: `${f.family} ${f.style}` }))));
  }, [client]);

  useEffect(() => {
    if (!text.trim() || !(sizeMm > 0)) return setPaths([]);
    const stamp = Date.now().toString(36);
    const timer = setTimeout(() => {
      client
        .invoke('text.outline', { text, font, sizeMm, letterSpacingMm: spacing, origin: props.at, layer: 'TEXT' })
        .then((res) => {
          setPaths(res.paths.map((p, i) => ({ ...p, id: `text-${stamp}-${i}` })));
          setMissing(res.missing);
          setError('');
        })
        .catch((err: Error) => setError(err.message));
    }, 120);
    return () => clearTimeout(timer);
  }, [client, text, font, sizeMm, spacing, props.at]);

  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="text-dialog-title">
        <h3 id="text-dialog-title">{t('editor.text.add')}</h3>
        <div className="form-grid">
          <label htmlFor="text-input">{t('editor.text.prompt')}</label>
          <textarea id="text-input" data-testid="text-input" value={text} rows={2} onChange={(e) => setText(e.target.value)} autoFocus />
          <label htmlFor="text-font">{t('editor.text.font')}</label>
          <select id="text-font" value={font} onChange={(e) => setFont(e.target.value)}>
            {fonts.map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}
          </select>
          <label htmlFor="text-size">{t('editor.text.size')}</label>
          <input id="text-size" type="number" min={0.5} max={1000} step={0.5} value={sizeMm} onChange={(e) => setSizeMm(Number(e.target.value))} />
          <label htmlFor="text-spacing">{t('editor.text.spacing')}</label>
          <input id="text-spacing" type="number" min={-50} max={100} step={0.1} value={spacing} onChange={(e) => setSpacing(Number(e.target.value))} />
        </div>
        <div className="text-preview" data-testid="text-preview"
          dangerouslySetInnerHTML={{ __html: paths.length ? designToSvg(paths, previewLayers, { widthPx: 360 }) : '' }} />
        {missing.length > 0 && <p role="alert">{t('editor.text.missing', { chars: missing.join(' ') })}</p>}
        {error && <p role="alert">{t('editor.error', { message: error })}</p>}
        <p>
          <button type="button" className="primary" disabled={!paths.length} onClick={() => props.onAdd(paths)} data-testid="text-add">{t('editor.text.add')}</button>{' '}
          <button type="button" onClick={props.onCancel}>{t('common.cancel')}</button>
        </p>
      </div>
    </div>
  );
}
