// Import and manufacturability warnings; choosing one zooms the plan to where it is. After an edit the list says
// it is being checked again (use-findings-check.ts) until the rechecked findings arrive.
import { useTranslation } from 'react-i18next';
import type { Finding, Vec2 } from '../../../../src-shared/geometry/types';

export function FindingsPanel(props: { findings: Finding[]; checking: boolean; onFocus(at: Vec2): void }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="findings-title">
      <h3 id="findings-title">{t('editor.findings')} ({props.findings.length})</h3>
      {props.checking && <p className="muted" data-testid="findings-checking">{t('editor.findingsChecking')}</p>}
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
