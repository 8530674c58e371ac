// A deterministic synthetic design of a given size, for the quote benchmark and tests: a grid of rectangular
// plates (four LINE entities each) with a row of round holes (CIRCLE entities), an engraved label (a filled
// rectangle) and a score line on each plate — the shape of a typical acrylic name-plate or panel order.
import type { LayerInfo, Path, Segment } from '../geometry/types';

export interface SyntheticDesign {
  paths: Path[];
  layers: LayerInfo[];
  entities: number;
}

const line = (ax: number, ay: number, bx: number, by: number): Segment => ({ kind: 'line', a: { x: ax, y: ay }, b: { x: bx, y: by } });

/** About `entities` entities: plates of 4 lines + `holesPerPlate` circles + 1 score line + 1 engrave fill. */
export function syntheticDesign(entities: number, holesPerPlate = 14): SyntheticDesign {
  const perPlate = 4 + holesPerPlate + 2;
  const plates = Math.max(1, Math.round(entities / perPlate));
  const cols = Math.ceil(Math.sqrt(plates));
  const w = 20 + holesPerPlate * 8;
  const h = 50;
  const paths: Path[] = [];
  let id = 0;
  const add = (layer: string, entity: string, segments: Segment[], closed: boolean, fill?: boolean) =>
    paths.push({ id: `e${id++}`, layer, entity, segments, closed, ...(fill ? { fill } : {}) });
  for (let i = 0; i < plates; i++) {
    const x = (i % cols) * (w + 10);
    const y = Math.floor(i / cols) * (h + 10);
    add('CUT', 'LINE', [line(x, y, x + w, y)], false);
    add('CUT', 'LINE', [line(x + w, y, x + w, y + h)], false);
    add('CUT', 'LINE', [line(x + w, y + h, x, y + h)], false);
    add('CUT', 'LINE', [line(x, y + h, x, y)], false);
    for (let k = 0; k < holesPerPlate; k++) {
      add('CUT', 'CIRCLE', [{ kind: 'arc', center: { x: x + 14 + k * 8, y: y + 10 }, radius: 2.5, startAngle: 0, sweep: 2 * Math.PI }], true);
    }
    add('SCORE', 'LINE', [line(x + 5, y + 20, x + w - 5, y + 20)], false);
    add('ENGRAVE', 'HATCH', [line(x + 10, y + 30, x + 60, y + 30), line(x + 60, y + 30, x + 60, y + 42), line(x + 60, y + 42, x + 10, y + 42), line(x + 10, y + 42, x + 10, y + 30)], true, true);
  }
  const layers: LayerInfo[] = [
    { name: 'CUT', operation: 'cut', visible: true, locked: false },
    { name: 'SCORE', operation: 'score', visible: true, locked: false },
    { name: 'ENGRAVE', operation: 'engrave', visible: true, locked: false },
  ];
  return { paths, layers, entities: paths.length };
}
