// Keeps the editor's findings true to the drawing on screen: a moment after an edit (or a thickness change) the
// checks rerun in a worker; until they answer, the findings are marked as being checked and their markers hidden.
import { useEffect, useRef, useState, type Dispatch } from 'react';
import type { EditorDoc } from '../../../../src-shared/editor/document';
import { RecheckCancelled, recheckFindings } from './dfm-check-client';
import type { EditorAction, EditorState } from './editor-state';

const SETTLE_MS = 300;

/** True when the findings describe the current drawing; `onError` hears a check that failed. */
export function useFindingsCheck(state: EditorState, dispatch: Dispatch<EditorAction>, initialDoc: EditorDoc, onError: (message: string) => void): boolean {
  const doc = state.history.present;
  const thicknessMm = state.thicknessMm;
  const [checked, setChecked] = useState({ doc: initialDoc, thicknessMm });
  const current = checked.doc === doc && checked.thicknessMm === thicknessMm;
  const findings = useRef(state.findings);
  findings.current = state.findings;
  const report = useRef(onError);
  report.current = onError;

  useEffect(() => {
    if (current) return;
    let live = true;
    const timer = setTimeout(() => {
      recheckFindings({ paths: doc.paths, layers: doc.layers, previous: findings.current, opts: { thicknessMm } })
        .then((next) => {
          if (!live) return;
          dispatch({ type: 'findings', findings: next });
          setChecked({ doc, thicknessMm });
        })
        .catch((err: Error) => {
          if (live && !(err instanceof RecheckCancelled)) report.current(err.message);
        });
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [doc, thicknessMm, current, dispatch]);
  return current;
}
