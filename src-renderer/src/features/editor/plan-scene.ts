// The GPU side of the 2D plan: a three.js orthographic scene with the drawing as line buffers (one per
// operation colour), the selection highlighted on top, an adaptive grid, warning markers and a rubber band.
// Camera state is (centre, mm-per-pixel); panning and zooming only change the camera, never the buffers.
import * as THREE from 'three';
import type { BBox, Finding, LayerInfo, Path, Vec2 } from '../../../../src-shared/geometry/types';
import { groupByOperation, linePositions, operationColors } from './plan-geometry';

export interface View {
  cx: number;
  cy: number;
  /** millimetres per CSS pixel */
  scale: number;
}

export class PlanScene {
  readonly renderer: THREE.WebGLRenderer;
  private readonly scene = new THREE.Scene();
  private readonly camera = new THREE.OrthographicCamera(-1, 1, 1, -1, -10, 10);
  private readonly drawing = new THREE.Group();
  private readonly selection = new THREE.Group();
  private readonly overlay = new THREE.Group();
  private readonly grid = new THREE.Group();
  private width = 1;
  private height = 1;
  /** Area and step the current grid lines were built for; panning inside it reuses them. */
  private gridCover: { step: number; minX: number; minY: number; maxX: number; maxY: number; dark: boolean } | null = null;
  view: View = { cx: 0, cy: 0, scale: 1 };
  private frameRequested = false;
  onFrame?: () => void;

  constructor(canvas: HTMLCanvasElement, private dark: boolean) {
    // No MSAA and at most 1.5× pixels: hairlines stay crisp enough, and software GL (SwiftShader, old laptops)
    // keeps up while panning large drawings.
    this.renderer = new THREE.WebGLRenderer({ canvas, antialias: false, depth: false, stencil: false, preserveDrawingBuffer: false, powerPreference: 'high-performance' });
    this.renderer.sortObjects = false;
    this.renderer.setPixelRatio(Math.min(window.devicePixelRatio, 1.5));
    this.scene.add(this.grid, this.drawing, this.selection, this.overlay);
    this.setDark(dark);
  }

  setDark(dark: boolean): void {
    this.dark = dark;
    this.scene.background = new THREE.Color(dark ? 0x15181c : 0xffffff);
    this.updateGrid();
    this.requestFrame();
  }

  /** Canvas size in CSS pixels. */
  get size(): { width: number; height: number } {
    return { width: this.width, height: this.height };
  }

  resize(width: number, height: number): void {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    this.renderer.setSize(this.width, this.height, false);
    this.applyView();
  }

  setView(view: View): void {
    this.view = view;
    this.applyView();
  }

  fit(box: BBox | null): void {
    if (!box || !Number.isFinite(box.minX)) {
      this.setView({ cx: 150, cy: 100, scale: 400 / Math.max(1, this.width) });
      return;
    }
    const w = Math.max(box.maxX - box.minX, 1e-3);
    const h = Math.max(box.maxY - box.minY, 1e-3);
    const scale = Math.max(w / (this.width * 0.9), h / (this.height * 0.9));
    this.setView({ cx: (box.minX + box.maxX) / 2, cy: (box.minY + box.maxY) / 2, scale });
  }

  /** Screen pixel (from the canvas' top-left) → drawing millimetres. */
  toWorld(px: number, py: number): Vec2 {
    return { x: this.view.cx + (px - this.width / 2) * this.view.scale, y: this.view.cy - (py - this.height / 2) * this.view.scale };
  }

  zoomAt(px: number, py: number, factor: number): void {
    const before = this.toWorld(px, py);
    const scale = Math.min(1e4, Math.max(1e-5, this.view.scale * factor));
    this.view = { ...this.view, scale };
    const after = this.toWorld(px, py);
    this.setView({ cx: this.view.cx + before.x - after.x, cy: this.view.cy + before.y - after.y, scale });
  }

  panBy(dxPx: number, dyPx: number): void {
    this.setView({ ...this.view, cx: this.view.cx - dxPx * this.view.scale, cy: this.view.cy + dyPx * this.view.scale });
  }

  setDrawing(paths: readonly Path[], layers: readonly LayerInfo[]): void {
    clear(this.drawing);
    const tolerance = 0.05;
    for (const [op, group] of groupByOperation(paths, layers)) {
      this.drawing.add(lines(linePositions(group, tolerance), operationColors[op], 1));
    }
    this.requestFrame();
  }

  setSelection(paths: readonly Path[]): void {
    clear(this.selection);
    if (paths.length) this.selection.add(lines(linePositions(paths, 0.05), this.dark ? 0xffcc4d : 0xff8f00, 1));
    this.requestFrame();
  }

  /** Warning markers (rings) and the rubber band, in world units sized from the current zoom. */
  setOverlay(findings: readonly Finding[], band: BBox | null, measure: [Vec2, Vec2] | null): void {
    clear(this.overlay);
    const r = 8 * this.view.scale;
    const ring: number[] = [];
    for (const f of findings) {
      if (!f.at) continue;
      for (let i = 0; i < 24; i++) {
        const a0 = (i / 24) * Math.PI * 2;
        const a1 = ((i + 1) / 24) * Math.PI * 2;
        ring.push(f.at.x + r * Math.cos(a0), f.at.y + r * Math.sin(a0), 0, f.at.x + r * Math.cos(a1), f.at.y + r * Math.sin(a1), 0);
      }
    }
    if (ring.length) this.overlay.add(lines(new Float32Array(ring), 0xff6d00, 1));
    if (band) {
      const { minX, minY, maxX, maxY } = band;
      this.overlay.add(lines(new Float32Array([minX, minY, 0, maxX, minY, 0, maxX, minY, 0, maxX, maxY, 0, maxX, maxY, 0, minX, maxY, 0, minX, maxY, 0, minX, minY, 0]), 0x5aa2f0, 1));
    }
    if (measure) {
      const [a, b] = measure;
      this.overlay.add(lines(new Float32Array([a.x, a.y, 0, b.x, b.y, 0]), 0xaa00ff, 1));
    }
    this.requestFrame();
  }

  private applyView(): void {
    const { cx, cy, scale } = this.view;
    const hw = (this.width / 2) * scale;
    const hh = (this.height / 2) * scale;
    Object.assign(this.camera, { left: cx - hw, right: cx + hw, top: cy + hh, bottom: cy - hh });
    this.camera.updateProjectionMatrix();
    this.updateGrid();
    this.requestFrame();
  }

  /** Grid lines every 1/2/5×10^n mm so that cells are at least 12 px; every 10th line darker. */
  gridStep(): number {
    const target = 12 * this.view.scale;
    const pow = 10 ** Math.floor(Math.log10(target));
    return [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= target) ?? pow * 10;
  }

  private updateGrid(): void {
    const step = this.gridStep();
    const cam = this.camera;
    const c = this.gridCover;
    if (c && c.step === step && c.dark === this.dark && cam.left >= c.minX && cam.right <= c.maxX && cam.bottom >= c.minY && cam.top <= c.maxY) return;
    clear(this.grid);
    // Build the grid for three viewports in each direction so panning rarely rebuilds it.
    const w = cam.right - cam.left;
    const h = cam.top - cam.bottom;
    const left = cam.left - w;
    const right = cam.right + w;
    const bottom = cam.bottom - h;
    const top = cam.top + h;
    this.gridCover = { step, minX: left, minY: bottom, maxX: right, maxY: top, dark: this.dark };
    if (!Number.isFinite(left) || (right - left) / step > 1200) return;
    const minor: number[] = [];
    const major: number[] = [];
    for (let x = Math.floor(left / step) * step; x <= right; x += step) {
      (Math.round(x / step) % 10 === 0 ? major : minor).push(x, bottom, -1, x, top, -1);
    }
    for (let y = Math.floor(bottom / step) * step; y <= top; y += step) {
      (Math.round(y / step) % 10 === 0 ? major : minor).push(left, y, -1, right, y, -1);
    }
    this.grid.add(lines(new Float32Array(minor), this.dark ? 0x23282e : 0xf0f2f4, 1));
    this.grid.add(lines(new Float32Array(major), this.dark ? 0x343a42 : 0xd5dae0, 1));
    this.grid.add(lines(new Float32Array([left, 0, -0.5, right, 0, -0.5, 0, bottom, -0.5, 0, top, -0.5]), this.dark ? 0x5f6670 : 0x9aa0a6, 1));
  }

  requestFrame(): void {
    if (this.frameRequested) return;
    this.frameRequested = true;
    requestAnimationFrame(() => {
      this.frameRequested = false;
      this.renderer.render(this.scene, this.camera);
      this.onFrame?.();
    });
  }

  dispose(): void {
    for (const g of [this.drawing, this.selection, this.overlay, this.grid]) clear(g);
    this.renderer.dispose();
  }
}

function lines(positions: Float32Array, color: number, opacity: number): THREE.LineSegments {
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.BufferAttribute(positions, 3));
  // Flat 2D drawing in layer order: no depth buffer work per fragment.
  return new THREE.LineSegments(geometry, new THREE.LineBasicMaterial({ color, transparent: opacity < 1, opacity, depthTest: false, depthWrite: false }));
}

function clear(group: THREE.Group): void {
  for (const child of [...group.children]) {
    group.remove(child);
    if (child instanceof THREE.LineSegments) {
      child.geometry.dispose();
      (child.material as THREE.Material).dispose();
    }
  }
}
