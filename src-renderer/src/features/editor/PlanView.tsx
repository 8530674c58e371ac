// The interactive 2D plan with rulers in mm or inches: wheel zoom at the cursor, pan with the middle/right button or Space+drag, click and
// box selection, drag to move the selection (one undo step), measure, and drawing rectangles/circles, with
// snapping to endpoints, midpoints, centres and the grid. Geometry is GPU-drawn by PlanScene.
import { useEffect, useRef, useState } from 'react';
import type { BBox, Finding, Path, Vec2 } from '../../../../src-shared/geometry/types';
import { pathsBBox, type EditorDoc } from '../../../../src-shared/editor/document';
import { segmentsBBox } from '../../../../src-shared/geometry/segments';
import { distanceToPath } from './plan-geometry';
import { PlanScene } from './plan-scene';
import { drawRulers } from './rulers';
import { snapPoint, type SnapKind } from './snapping';

export type Tool = 'select' | 'measure' | 'rect' | 'circle' | 'text';

export interface PlanViewProps {
  doc: EditorDoc;
  selection: Set<string>;
  findings: Finding[];
  tool: Tool;
  dark: boolean;
  fitSignal: number;
  focus: Vec2 | null;
  formatLength: (mm: number) => string;
  units: 'mm' | 'in';
  snapLabel: (kind: Exclude<SnapKind, 'none'>) => string;
  onSelect(ids: Set<string>, mode: 'replace' | 'add' | 'toggle'): void;
  onMove(dx: number, dy: number): void;
  onShape(kind: 'rect' | 'circle', a: Vec2, b: Vec2): void;
  onPlaceText(at: Vec2): void;
}

type Drag =
  | { kind: 'pan'; lastX: number; lastY: number }
  | { kind: 'band'; start: Vec2; end: Vec2; additive: boolean }
  | { kind: 'move'; start: Vec2; end: Vec2 }
  | { kind: 'measure' | 'rect' | 'circle'; start: Vec2; end: Vec2 };

export function PlanView(props: PlanViewProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const topRulerRef = useRef<HTMLCanvasElement>(null);
  const leftRulerRef = useRef<HTMLCanvasElement>(null);
  const sceneRef = useRef<PlanScene | null>(null);
  const dragRef = useRef<Drag | null>(null);
  const spaceRef = useRef(false);
  const propsRef = useRef(props);
  propsRef.current = props;
  const [cursor, setCursor] = useState<{ p: Vec2; snap: SnapKind } | null>(null);
  const [readout, setReadout] = useState<string>('');

  useEffect(() => {
    const canvas = canvasRef.current!;
    const scene = new PlanScene(canvas, propsRef.current.dark);
    sceneRef.current = scene;
    let drawn = '';
    scene.onFrame = () => {
      const { width, height } = scene.size;
      const key = `${scene.view.cx},${scene.view.cy},${scene.view.scale},${width},${height},${propsRef.current.units},${propsRef.current.dark}`;
      if (key === drawn || !topRulerRef.current || !leftRulerRef.current) return;
      drawn = key;
      drawRulers(topRulerRef.current, leftRulerRef.current, scene.view, width, height, propsRef.current.units, propsRef.current.dark);
    };
    const resize = () => {
      const r = canvas.parentElement!.getBoundingClientRect();
      scene.resize(r.width, r.height);
    };
    resize();
    scene.fit(propsRef.current.doc.paths.length ? pathsBBox(propsRef.current.doc.paths) : null);
    const observer = new ResizeObserver(resize);
    observer.observe(canvas.parentElement!);
    const onKey = (e: KeyboardEvent) => {
      if (e.code === 'Space') spaceRef.current = e.type === 'keydown';
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKey);
    (window as unknown as { __acrylichubPlan?: PlanScene }).__acrylichubPlan = scene;
    return () => {
      observer.disconnect();
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKey);
      scene.dispose();
      sceneRef.current = null;
    };
  }, []);

  useEffect(() => sceneRef.current?.setDark(props.dark), [props.dark]);
  useEffect(() => sceneRef.current?.setDrawing(props.doc.paths, props.doc.layers), [props.doc]);
  useEffect(() => {
    sceneRef.current?.setSelection(props.doc.paths.filter((p) => props.selection.has(p.id)));
  }, [props.doc, props.selection]);
  useEffect(() => {
    if (props.fitSignal) sceneRef.current?.fit(props.doc.paths.length ? pathsBBox(props.doc.paths) : null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.fitSignal]);
  useEffect(() => {
    const s = sceneRef.current;
    if (s && props.focus) s.setView({ cx: props.focus.x, cy: props.focus.y, scale: Math.min(s.view.scale, 0.2) });
  }, [props.focus]);

  const refreshOverlay = () => {
    const s = sceneRef.current;
    const d = dragRef.current;
    if (!s) return;
    const band = d?.kind === 'band' ? boxOf(d.start, d.end) : d?.kind === 'rect' ? boxOf(d.start, d.end) : null;
    const measure = d && (d.kind === 'measure' || d.kind === 'circle' || d.kind === 'move') ? ([d.start, d.end] as [Vec2, Vec2]) : null;
    s.setOverlay(propsRef.current.findings, band, measure);
  };
  useEffect(refreshOverlay, [props.findings]);

  function local(e: React.PointerEvent | React.WheelEvent): [number, number] {
    const r = canvasRef.current!.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  function snapped(px: number, py: number): { p: Vec2; snap: SnapKind } {
    const s = sceneRef.current!;
    const raw = s.toWorld(px, py);
    const res = snapPoint(propsRef.current.doc.paths, raw, 8 * s.view.scale, s.gridStep());
    return { p: res.point, snap: res.kind };
  }

  function pick(px: number, py: number): Path | null {
    const s = sceneRef.current!;
    const p = s.toWorld(px, py);
    const tol = 6 * s.view.scale;
    const hidden = new Set(propsRef.current.doc.layers.filter((l) => !l.visible).map((l) => l.name));
    let best: Path | null = null;
    let bestD = tol;
    for (const path of propsRef.current.doc.paths) {
      if (hidden.has(path.layer)) continue;
      const b = segmentsBBox(path.segments);
      if (p.x < b.minX - tol || p.x > b.maxX + tol || p.y < b.minY - tol || p.y > b.maxY + tol) continue;
      const d = distanceToPath(path, p.x, p.y, s.view.scale);
      if (d <= bestD) {
        bestD = d;
        best = path;
      }
    }
    return best;
  }

  function onPointerDown(e: React.PointerEvent) {
    canvasRef.current!.setPointerCapture(e.pointerId);
    const [px, py] = local(e);
    if (e.button === 1 || e.button === 2 || spaceRef.current) {
      dragRef.current = { kind: 'pan', lastX: px, lastY: py };
      return;
    }
    const { p } = snapped(px, py);
    const tool = propsRef.current.tool;
    if (tool === 'text') {
      propsRef.current.onPlaceText(p);
      return;
    }
    if (tool !== 'select') {
      dragRef.current = { kind: tool, start: p, end: p };
      return;
    }
    const hit = pick(px, py);
    if (hit) {
      const sel = propsRef.current.selection;
      if (e.shiftKey || e.ctrlKey || e.metaKey) propsRef.current.onSelect(new Set([hit.id]), 'toggle');
      else if (!sel.has(hit.id)) propsRef.current.onSelect(new Set([hit.id]), 'replace');
      dragRef.current = { kind: 'move', start: p, end: p };
    } else {
      const start = sceneRef.current!.toWorld(px, py);
      dragRef.current = { kind: 'band', start, end: start, additive: e.shiftKey };
    }
  }

  function onPointerMove(e: React.PointerEvent) {
    const [px, py] = local(e);
    const s = sceneRef.current!;
    const d = dragRef.current;
    if (d?.kind === 'pan') {
      // Panning only moves the camera: no snapping or React state per event.
      s.panBy(px - d.lastX, py - d.lastY);
      d.lastX = px;
      d.lastY = py;
      return;
    }
    const here = snapped(px, py);
    setCursor(here);
    if (!d) return;
    d.end = d.kind === 'band' ? s.toWorld(px, py) : here.p;
    const f = propsRef.current.formatLength;
    const dx = d.end.x - d.start.x;
    const dy = d.end.y - d.start.y;
    if (d.kind === 'measure' || d.kind === 'move') setReadout(`Δ ${f(Math.hypot(dx, dy))} (${f(dx)}, ${f(dy)})`);
    if (d.kind === 'rect') setReadout(`${f(Math.abs(dx))} × ${f(Math.abs(dy))}`);
    if (d.kind === 'circle') setReadout(`R ${f(Math.hypot(dx, dy))}`);
    refreshOverlay();
  }

  function onPointerUp() {
    const d = dragRef.current;
    dragRef.current = null;
    if (!d) return;
    const p = propsRef.current;
    if (d.kind === 'band') {
      const band = boxOf(d.start, d.end);
      const ids = new Set(
        p.doc.paths
          .filter((path) => {
            const b = segmentsBBox(path.segments);
            return b.minX >= band.minX && b.maxX <= band.maxX && b.minY >= band.minY && b.maxY <= band.maxY;
          })
          .map((path) => path.id),
      );
      p.onSelect(ids, d.additive ? 'add' : 'replace');
    } else if (d.kind === 'move') {
      const dx = d.end.x - d.start.x;
      const dy = d.end.y - d.start.y;
      if (dx || dy) p.onMove(dx, dy);
    } else if (d.kind === 'rect' || d.kind === 'circle') {
      if (d.end.x !== d.start.x || d.end.y !== d.start.y) p.onShape(d.kind, d.start, d.end);
    }
    if (d.kind !== 'measure') setReadout('');
    refreshOverlay();
  }

  return (
    <div className="plan-view" data-testid="plan-view">
      <canvas
        ref={canvasRef}
        role="img"
        aria-label="2D plan"
        onWheel={(e) => {
          const [px, py] = local(e);
          sceneRef.current?.zoomAt(px, py, Math.exp(e.deltaY * 0.0015));
          refreshOverlay();
        }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onContextMenu={(e) => e.preventDefault()}
      />
      <canvas ref={topRulerRef} className="ruler ruler-top" aria-hidden />
      <canvas ref={leftRulerRef} className="ruler ruler-left" aria-hidden />
      <div className="plan-status" aria-live="polite">
        {cursor && `${props.formatLength(cursor.p.x)}, ${props.formatLength(cursor.p.y)}${cursor.snap !== 'none' ? ` · ${props.snapLabel(cursor.snap)}` : ''}`}
        {readout && ` · ${readout}`}
      </div>
    </div>
  );
}

function boxOf(a: Vec2, b: Vec2): BBox {
  return { minX: Math.min(a.x, b.x), minY: Math.min(a.y, b.y), maxX: Math.max(a.x, b.x), maxY: Math.max(a.y, b.y) };
}
