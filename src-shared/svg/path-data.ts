// SVG path data ("d") → absolute commands M L C Q A Z (H/V become L, S/T become C/Q with the reflected control
// point, relative commands become absolute). Hand-written scanner because path data has quirks a generic number
// splitter gets wrong: "1.5.5" is two numbers, arc flags need no separator ("a1 1 0 01 10 10"), and on an error
// SVG renders everything up to the error — we keep those commands and report where parsing stopped.

export type PathCommand =
  | { c: 'M'; x: number; y: number }
  | { c: 'L'; x: number; y: number }
  | { c: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { c: 'Q'; x1: number; y1: number; x: number; y: number }
  | { c: 'A'; rx: number; ry: number; rotation: number; large: boolean; sweep: boolean; x: number; y: number }
  | { c: 'Z' };

export interface ParsedPathData {
  commands: PathCommand[];
  /** Set when the data is malformed: what went wrong and at which character. */
  error?: string;
}

const NUMBER = /[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const ARGS: Record<string, number> = { m: 2, l: 2, h: 1, v: 1, c: 6, s: 4, q: 4, t: 2, a: 7, z: 0 };

export function parsePathData(d: string): ParsedPathData {
  const out: PathCommand[] = [];
  let i = 0;
  const skip = () => {
    while (i < d.length && /[\s,]/.test(d[i])) i++;
  };
  const num = (): number | undefined => {
    skip();
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(d);
    if (!m) return undefined;
    i = NUMBER.lastIndex;
    return Number(m[0]);
  };
  const flag = (): number | undefined => {
    skip();
    if (d[i] === '0' || d[i] === '1') return Number(d[i++]);
    return undefined;
  };
  let x = 0, y = 0, sx = 0, sy = 0;
  let lastCtrl: { x: number; y: number; kind: 'C' | 'Q' } | undefined;
  let cmd = '';
  skip();
  while (i < d.length) {
    if (/[a-zA-Z]/.test(d[i])) {
      cmd = d[i++];
      if (!(cmd.toLowerCase() in ARGS)) return { commands: out, error: `unknown command "${cmd}" at character ${i}` };
    } else if (!cmd) {
      return { commands: out, error: `path data must start with a command, found "${d[i]}" at character ${i + 1}` };
    }
    const lower = cmd.toLowerCase();
    const rel = cmd !== cmd.toUpperCase();
    if (lower === 'z') {
      out.push({ c: 'Z' });
      x = sx;
      y = sy;
      lastCtrl = undefined;
      skip();
      // A number right after Z has no command: an error unless another command follows.
      if (i < d.length && !/[a-zA-Z]/.test(d[i])) return { commands: out, error: `number after "z" at character ${i + 1}` };
      continue;
    }
    const at = i;
    const v: number[] = [];
    for (let k = 0; k < ARGS[lower]; k++) {
      const n = lower === 'a' && (k === 3 || k === 4) ? flag() : num();
      if (n === undefined || !Number.isFinite(n)) return { commands: out, error: `"${cmd}" needs ${ARGS[lower]} numbers at character ${at + 1}` };
      v.push(n);
    }
    const ox = rel ? x : 0, oy = rel ? y : 0;
    let ctrl: typeof lastCtrl;
    switch (lower) {
      case 'm':
        x = v[0] + ox; y = v[1] + oy; sx = x; sy = y;
        out.push({ c: 'M', x, y });
        cmd = rel ? 'l' : 'L'; // further pairs are line-tos
        break;
      case 'l': x = v[0] + ox; y = v[1] + oy; out.push({ c: 'L', x, y }); break;
      case 'h': x = v[0] + (rel ? x : 0); out.push({ c: 'L', x, y }); break;
      case 'v': y = v[0] + (rel ? y : 0); out.push({ c: 'L', x, y }); break;
      case 'c':
      case 's': {
        let x1: number, y1: number;
        let k = 0;
        if (lower === 'c') { x1 = v[0] + ox; y1 = v[1] + oy; k = 2; }
        else if (lastCtrl?.kind === 'C') { x1 = 2 * x - lastCtrl.x; y1 = 2 * y - lastCtrl.y; }
        else { x1 = x; y1 = y; }
        const x2 = v[k] + ox, y2 = v[k + 1] + oy;
        x = v[k + 2] + ox; y = v[k + 3] + oy;
        out.push({ c: 'C', x1, y1, x2, y2, x, y });
        ctrl = { x: x2, y: y2, kind: 'C' };
        break;
      }
      case 'q':
      case 't': {
        let x1: number, y1: number;
        if (lower === 'q') { x1 = v[0] + ox; y1 = v[1] + oy; x = v[2] + ox; y = v[3] + oy; }
        else {
          if (lastCtrl?.kind === 'Q') { x1 = 2 * x - lastCtrl.x; y1 = 2 * y - lastCtrl.y; } else { x1 = x; y1 = y; }
          x = v[0] + ox; y = v[1] + oy;
        }
        out.push({ c: 'Q', x1, y1, x, y });
        ctrl = { x: x1, y: y1, kind: 'Q' };
        break;
      }
      case 'a':
        x = v[5] + ox; y = v[6] + oy;
        out.push({ c: 'A', rx: Math.abs(v[0]), ry: Math.abs(v[1]), rotation: v[2], large: v[3] === 1, sweep: v[4] === 1, x, y });
        break;
    }
    lastCtrl = ctrl;
    skip();
  }
  return { commands: out };
}
