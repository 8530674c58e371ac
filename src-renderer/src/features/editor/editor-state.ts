// State of the open design in the editor: the document with undo history, the selection, findings from the
// import, and what is needed to save it as a design revision. A reducer so every edit is one history entry.
import type { PanelView } from '../../../../src-shared/contract/channels/files';
import type { Finding, UnitsInfo } from '../../../../src-shared/geometry/types';
import type { EditorDoc } from '../../../../src-shared/editor/document';
import { commit, redo, startHistory, undo, type History } from '../../../../src-shared/editor/history';

export interface EditorState {
  designId?: string;
  revision?: number;
  name: string;
  history: History<EditorDoc>;
  selection: Set<string>;
  findings: Finding[];
  units: UnitsInfo;
  source?: { file: string; format: string };
  thicknessMm?: number;
  materialId?: string;
  /** Panels of a 3D model import, shown assembled in the 3D preview. */
  panels?: PanelView[];
  dirty: boolean;
}

export type EditorAction =
  | { type: 'load'; state: Omit<EditorState, 'history' | 'selection' | 'dirty'> & { doc: EditorDoc } }
  | { type: 'edit'; apply: (doc: EditorDoc) => EditorDoc; select?: Set<string> }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'select'; ids: Set<string>; mode: 'replace' | 'add' | 'toggle' }
  | { type: 'rename'; name: string }
  | { type: 'meta'; thicknessMm?: number; materialId?: string }
  | { type: 'saved'; designId: string; revision: number }
  /** The findings rechecked after an edit (derived data: not an edit of its own, no history entry). */
  | { type: 'findings'; findings: Finding[] };

export const emptyEditor: EditorState = {
  name: '',
  history: startHistory({ paths: [], layers: [] }),
  selection: new Set(),
  findings: [],
  units: { source: 'default', unit: 'mm', scaleToMm: 1 },
  dirty: false,
};

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'load': {
      const { doc, ...rest } = action.state;
      return { ...rest, history: startHistory(doc), selection: new Set(), dirty: false };
    }
    case 'edit': {
      const next = action.apply(state.history.present);
      if (next === state.history.present && !action.select) return state;
      return {
        ...state,
        history: commit(state.history, next),
        selection: action.select ?? pruneSelection(state.selection, next),
        dirty: state.dirty || next !== state.history.present,
      };
    }
    case 'undo':
    case 'redo': {
      const history = action.type === 'undo' ? undo(state.history) : redo(state.history);
      return history === state.history ? state : { ...state, history, selection: pruneSelection(state.selection, history.present), dirty: true };
    }
    case 'select': {
      if (action.mode === 'replace') return { ...state, selection: action.ids };
      const next = new Set(state.selection);
      for (const id of action.ids) {
        if (action.mode === 'toggle' && next.has(id)) next.delete(id);
        else next.add(id);
      }
      return { ...state, selection: next };
    }
    case 'rename':
      return { ...state, name: action.name, dirty: true };
    case 'meta': {
      const { type: _type, ...change } = action;
      return { ...state, ...change, dirty: true };
    }
    case 'saved':
      return { ...state, designId: action.designId, revision: action.revision, dirty: false };
    case 'findings':
      return { ...state, findings: action.findings };
  }
}

function pruneSelection(selection: Set<string>, doc: EditorDoc): Set<string> {
  if (!selection.size) return selection;
  const ids = new Set(doc.paths.map((p) => p.id));
  const kept = new Set([...selection].filter((id) => ids.has(id)));
  return kept.size === selection.size ? selection : kept;
}
