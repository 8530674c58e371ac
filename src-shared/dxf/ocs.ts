// DXF object coordinate systems (the "arbitrary axis algorithm" of the DXF reference): 2D entities store points
// in a plane whose normal is the extrusion direction (codes 210/220/230). We project that plane onto the world XY
// plane as a 2D affine map: extrusion (0,0,1) is the identity, (0,0,-1) mirrors X (AutoCAD's "mirrored arcs"),
// anything else is an oblique projection (arcs then become ellipses and are flattened by the transform).
import type { Affine } from '../geometry/transform';

const ARBITRARY_AXIS_LIMIT = 1 / 64;

/** The OCS → WCS map projected on XY, with `elevation` as the OCS z of the points. Null for the identity. */
export function ocsToWorld(nx: number, ny: number, nz: number, elevation = 0): Affine | null {
  const len = Math.hypot(nx, ny, nz);
  if (!(len > 0) || !Number.isFinite(len)) return null;
  nx /= len;
  ny /= len;
  nz /= len;
  if (nx === 0 && ny === 0 && nz === 1) return null; // the elevation only moves along Z
  // Ax = (|Nx| < 1/64 and |Ny| < 1/64) ? Wy × N : Wz × N
  let ax: number;
  let ay: number;
  let az: number;
  if (Math.abs(nx) < ARBITRARY_AXIS_LIMIT && Math.abs(ny) < ARBITRARY_AXIS_LIMIT) {
    ax = nz;
    ay = 0;
    az = -nx;
  } else {
    ax = -ny;
    ay = nx;
    az = 0;
  }
  const al = Math.hypot(ax, ay, az);
  ax /= al;
  ay /= al;
  az /= al;
  // Ay = N × Ax
  const bx = ny * az - nz * ay;
  const by = nz * ax - nx * az;
  return { a: ax, b: ay, c: bx, d: by, e: nx * elevation, f: ny * elevation };
}
