// Layer list: colour → operation (cut, score, engrave, ignore), visibility and lock, path counts.
import { useTranslation } from 'react-i18next';
import type { LayerInfo, Operation, Path } from '../../../../src-shared/geometry/types';
import { operationColors } from './plan-geometry';

const operations: Operation[] = ['cut', 'score', 'engrave', 'ignore'];

export function LayersPanel(props: {
  layers: LayerInfo[];
  paths: Path[];
  onChange(name: string, change: Partial<Pick<LayerInfo, 'operation' | 'visible' | 'locked'>>): void;
  onSelectLayer(name: string): void;
}) {
  const { t } = useTranslation();
  const counts = new Map<string, number>();
  for (const p of props.paths) counts.set(p.layer, (counts.get(p.layer) ?? 0) + 1);
  return (
    <section className="panel" aria-labelledby="layers-title">
      <h3 id="layers-title">{t('editor.layers')}</h3>
      <ul className="layer-list" data-testid="layers">
        {props.layers.map((l) => (
          <li key={l.name}>
            <span className="swatch" style={{ background: `#${operationColors[l.operation].toString(16).padStart(6, '0')}` }} aria-hidden />
            <button type="button" className="link" title={t('editor.selection', { count: counts.get(l.name) ?? 0 })} onClick={() => props.onSelectLayer(l.name)}>
              {l.name || '0'} <span className="muted">({counts.get(l.name) ?? 0})</span>
            </button>
            <select aria-label={`${l.name}: operation`} value={l.operation} onChange={(e) => props.onChange(l.name, { operation: e.target.value as Operation })}>
              {operations.map((op) => (
                <option key={op} value={op}>{t(`editor.op.${op}`)}</option>
              ))}
            </select>
            <label className="check">
              <input type="checkbox" checked={l.visible} onChange={(e) => props.onChange(l.name, { visible: e.target.checked })} />
              {t('editor.layer.visible')}
            </label>
            <label className="check">
              <input type="checkbox" checked={l.locked} onChange={(e) => props.onChange(l.name, { locked: e.target.checked })} />
              {t('editor.layer.locked')}
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
