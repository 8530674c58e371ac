// Reads the ESICUP / sparrow strip-packing instance format ({name, strip_height, items:[{id, demand,
// allowed_orientations, shape:{type:"simple_polygon", data:[[x,y]...]}}]}) into a strip-mode NestJob.
import type { NestJob } from './types';
import { NestInputError } from './validate';

export interface EsicupInstance {
  name: string;
  job: NestJob;
}

export function isEsicup(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'strip_height' in json && 'items' in json;
}

export function parseEsicup(json: unknown, source = 'instance'): EsicupInstance {
  if (!isEsicup(json)) throw new NestInputError(`${source}: not an ESICUP instance (needs strip_height and items)`);
  const j = json as { name?: unknown; strip_height: unknown; items: unknown };
  const height = Number(j.strip_height);
  if (!(height > 0)) throw new NestInputError(`${source}: strip_height must be a positive number`);
  if (!Array.isArray(j.items) || j.items.length === 0) throw new NestInputError(`${source}: items must be a non-empty list`);
  const parts = j.items.map((raw, i) => {
    const it = raw as { id?: unknown; demand?: unknown; allowed_orientations?: unknown; shape?: { type?: unknown; data?: unknown } };
    const where = `${source}: item ${i} (id ${String(it.id)})`;
    if (it.shape?.type !== 'simple_polygon' || !Array.isArray(it.shape.data)) throw new NestInputError(`${where}: shape must be a simple_polygon with data`);
    const outer = it.shape.data.map((pt, k) => {
      if (!Array.isArray(pt) || pt.length < 2 || !Number.isFinite(pt[0]) || !Number.isFinite(pt[1])) throw new NestInputError(`${where}: point ${k} is not [x, y]`);
      return { x: pt[0] as number, y: pt[1] as number };
    });
    const degrees = Array.isArray(it.allowed_orientations) ? it.allowed_orientations.map(Number) : [0];
    return { id: String(it.id ?? i), quantity: Number(it.demand ?? 1), shape: { outer, holes: [] }, rotations: { kind: 'list' as const, degrees } };
  });
  return { name: typeof j.name === 'string' ? j.name : source, job: { parts, sheets: [], strip: { height } } };
}
