// Rulers along the top and left edge of the 2D plan, in the user's units (mm or inch), redrawn after every frame
// of the plan from its camera: labelled ticks every 1/2/5×10ⁿ units at least 60 px apart, minor ticks between.
import type { View } from './plan-scene';

const RULER_PX = 20;

function niceStep(unitsPerPx: number, minPx: number): number {
  const target = unitsPerPx * minPx;
  const pow = 10 ** Math.floor(Math.log10(target));
  return [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= target) ?? pow * 10;
}

function label(v: number, step: number): string {
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  return v.toFixed(digits);
}

export function drawRulers(top: HTMLCanvasElement, left: HTMLCanvasElement, view: View, width: number, height: number, units: 'mm' | 'in', dark: boolean): void {
  const mmPerUnit = units === 'in' ? 25.4 : 1;
  const unitsPerPx = view.scale / mmPerUnit;
  const major = niceStep(unitsPerPx, 60);
  const minor = major / 5;
  const colours = { bg: dark ? '#1e2227' : '#f6f7f9', fg: dark ? '#a9b1bb' : '#545d68' };
  const ratio = Math.min(window.devicePixelRatio || 1, 2);
  const draw = (canvas: HTMLCanvasElement, length: number, horizontal: boolean) => {
    const w = Math.round((horizontal ? length : RULER_PX) * ratio);
    const h = Math.round((horizontal ? RULER_PX : length) * ratio);
    // Resizing a canvas reallocates it: only when the plan's size changed.
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = colours.bg;
    ctx.fillRect(0, 0, horizontal ? length : RULER_PX, horizontal ? RULER_PX : length);
    ctx.strokeStyle = colours.fg;
    ctx.fillStyle = colours.fg;
    ctx.font = '10px system-ui, sans-serif';
    ctx.lineWidth = 1;
    // World coordinate (in units) at screen pixel 0 and per pixel, along this ruler.
    const centre = (horizontal ? view.cx : view.cy) / mmPerUnit;
    const half = (horizontal ? width : height) / 2;
    const at = (px: number) => (horizontal ? centre + (px - half) * unitsPerPx : centre - (px - half) * unitsPerPx);
    const toPx = (v: number) => (horizontal ? half + (v - centre) / unitsPerPx : half - (v - centre) / unitsPerPx);
    const lo = Math.min(at(0), at(length));
    const hi = Math.max(at(0), at(length));
    ctx.beginPath();
    for (let v = Math.floor(lo / minor) * minor; v <= hi; v += minor) {
      const p = Math.round(toPx(v)) + 0.5;
      const isMajor = Math.abs(v / major - Math.round(v / major)) < 1e-6;
      const len = isMajor ? RULER_PX : RULER_PX / 3;
      if (horizontal) {
        ctx.moveTo(p, RULER_PX);
        ctx.lineTo(p, RULER_PX - len);
      } else {
        ctx.moveTo(RULER_PX, p);
        ctx.lineTo(RULER_PX - len, p);
      }
      if (isMajor) {
        const text = label(Math.round(v / major) * major, major);
        if (horizontal) ctx.fillText(text, p + 2, 9);
        else {
          ctx.save();
          ctx.translate(9, p - 2);
          ctx.rotate(-Math.PI / 2);
          ctx.fillText(text, 0, 0);
          ctx.restore();
        }
      }
    }
    ctx.stroke();
  };
  draw(top, width, true);
  draw(left, height, false);
}

export { RULER_PX };
