import { describe, expect, it } from 'vitest';
import { moveBy } from '../../../../src-shared/editor/document';
import { rectanglePath } from '../../../../src-shared/editor/shapes';
import { editorReducer, emptyEditor } from './editor-state';

const loaded = editorReducer(emptyEditor, {
  type: 'load',
  state: {
    name: 'plate',
    findings: [],
    units: { source: 'header', unit: 'mm', scaleToMm: 1 },
    doc: { layers: [{ name: '0', operation: 'cut', visible: true, locked: false }], paths: [rectanglePath({ id: 'a', layer: '0', x: 0, y: 0, width: 1, height: 1 })] },
  },
});

describe('editor state', () => {
  it('records edits, undoes and redoes them, and tracks unsaved changes', () => {
    expect(loaded.dirty).toBe(false);
    const moved = editorReducer(loaded, { type: 'edit', apply: (d) => moveBy(d, new Set(['a']), 5, 0) });
    expect(moved.dirty).toBe(true);
    expect(moved.history.past).toHaveLength(1);
    const back = editorReducer(moved, { type: 'undo' });
    expect(back.history.present).toBe(loaded.history.present);
    expect(editorReducer(back, { type: 'redo' }).history.present).toBe(moved.history.present);
    expect(editorReducer(moved, { type: 'saved', designId: 'x', revision: 2 }).dirty).toBe(false);
  });

  it('selects by replace, add and toggle, and drops deleted ids', () => {
    const s1 = editorReducer(loaded, { type: 'select', ids: new Set(['a']), mode: 'replace' });
    expect([...editorReducer(s1, { type: 'select', ids: new Set(['a']), mode: 'toggle' }).selection]).toEqual([]);
    const deleted = editorReducer(s1, { type: 'edit', apply: (d) => ({ ...d, paths: [] }) });
    expect(deleted.selection.size).toBe(0);
  });
});
