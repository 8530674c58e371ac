// Keyboard shortcuts of the editor (LightBurn/CAD habits). Ignored while typing in a field.
import { useEffect } from 'react';
import type { Tool } from './PlanView';

export interface EditorKeyActions {
  undo(): void;
  redo(): void;
  selectAll(): void;
  clearSelection(): void;
  deleteSelection(): void;
  duplicate(): void;
  rotate(): void;
  mirror(axis: 'horizontal' | 'vertical'): void;
  nudge(dx: number, dy: number): void;
  fit(): void;
  save(): void;
  setTool(tool: Tool): void;
}

export function useEditorKeys(actions: EditorKeyActions): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest('input, textarea, select, [contenteditable]')) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const run = (fn: () => void) => {
        e.preventDefault();
        fn();
      };
      if (mod && key === 'z') return run(e.shiftKey ? actions.redo : actions.undo);
      if (mod && key === 'y') return run(actions.redo);
      if (mod && key === 'a') return run(actions.selectAll);
      if (mod && key === 'd') return run(actions.duplicate);
      if (mod && key === 'r') return run(actions.rotate);
      if (mod && key === 's') return run(actions.save);
      if (mod || e.altKey) return;
      const step = e.shiftKey ? 10 : 1;
      const moves: Record<string, [number, number]> = { arrowleft: [-step, 0], arrowright: [step, 0], arrowup: [0, step], arrowdown: [0, -step] };
      if (moves[key]) return run(() => actions.nudge(...moves[key]));
      if (key === 'delete' || key === 'backspace') return run(actions.deleteSelection);
      if (key === 'escape') return run(actions.clearSelection);
      if (key === 'h') return run(() => actions.mirror(e.shiftKey ? 'vertical' : 'horizontal'));
      if (key === 'f') return run(actions.fit);
      const tools: Record<string, Tool> = { v: 'select', m: 'measure', r: 'rect', c: 'circle', t: 'text' };
      if (tools[key]) return run(() => actions.setTool(tools[key]));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
