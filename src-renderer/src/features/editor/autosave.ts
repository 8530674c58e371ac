// Autosave and crash recovery: the open design is written to local storage a moment after each edit; a clean
// save or close removes it. When the app starts and finds one, the designs page offers to restore it.
import type { EditorDoc } from '../../../../src-shared/editor/document';
import type { EditorState } from './editor-state';

const KEY = 'acrylichub.autosave.v1';

interface Draft {
  savedAt: string;
  designId?: string;
  name: string;
  doc: EditorDoc;
  units: EditorState['units'];
  findings: EditorState['findings'];
  source?: EditorState['source'];
  thicknessMm?: number;
}

export function writeDraft(state: EditorState): void {
  const draft: Draft = {
    savedAt: new Date().toISOString(),
    designId: state.designId,
    name: state.name,
    doc: state.history.present,
    units: state.units,
    findings: state.findings,
    source: state.source,
    thicknessMm: state.thicknessMm,
  };
  try {
    localStorage.setItem(KEY, JSON.stringify(draft));
  } catch {
    // Storage full (a huge drawing): autosave is best effort; the user still has Save.
  }
}

export function clearDraft(): void {
  localStorage.removeItem(KEY);
}

export function readDraft(): Draft | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

export function draftToState(d: Draft, base: EditorState): EditorState {
  return {
    ...base,
    designId: d.designId,
    name: d.name,
    history: { past: [], present: d.doc, future: [] },
    units: d.units,
    findings: d.findings,
    source: d.source,
    thicknessMm: d.thicknessMm,
    dirty: true,
  };
}
