// Import and manufacturability warnings; choosing one zooms the plan to where it is. Once the drawing has been
// edited the locations are those of the imported file, so the markers are hidden and the list says so.
import { useTranslation } from 'react-i18next';
import type { Finding, Vec2 } from '../../../../src-shared/geometry/types';

export function FindingsPanel(props: { findings: Finding[]; edited: boolean; onFocus(at: Vec2): void }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="findings-title">
      <h3 id="findings-title">{t('editor.findings')} ({props.findings.length})</h3>
      {props.edited && props.findings.length > 0 && <p className="muted">{t('editor.findingsStale')}</p>}
      {props.findings.length === 0 ? (
        <p className="muted">{t('editor.noFindings')}</p>
      ) : (
        <ul className="finding-list" data-testid="findings">
          {props.findings.slice(0, 500).map((f, i) => (
            <li key={i} className={`finding ${f.severity}`}>
              <button type="button" className="link" disabled={!f.at} onClick={() => f.at && props.onFocus(f.at)}>
                <strong>{f.code}</strong> {f.message}
                {f.layer !== undefined && <span className="muted"> · {f.layer}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
