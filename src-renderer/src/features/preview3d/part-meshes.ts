// Builds the 3D geometry of a design: each cut part (outer contour with its holes, islands as parts of their
// own) extruded to the sheet thickness, and engrave/score paths as lines just above the top face.
import * as THREE from 'three';
import { allParts, buildContours, type Contour } from '../../../../src-shared/geometry/contours';
import { flattenSegments } from '../../../../src-shared/geometry/segments';
import type { LayerInfo, Path } from '../../../../src-shared/geometry/types';

const displayTolerance = 0.1;

function ringPoints(c: Contour): THREE.Vector2[] {
  const pts = flattenSegments(c.segments, displayTolerance).map((p) => new THREE.Vector2(p.x, p.y));
  if (pts.length > 1 && pts[0].distanceTo(pts[pts.length - 1]) < 1e-9) pts.pop();
  return pts;
}

export interface DesignMeshes {
  parts: THREE.ExtrudeGeometry[];
  engraving: Float32Array;
  center: THREE.Vector3;
  size: number;
}

export function designMeshes(paths: readonly Path[], layers: readonly LayerInfo[], thicknessMm: number): DesignMeshes {
  const ops = new Map(layers.map((l) => [l.name, l]));
  const visible = paths.filter((p) => ops.get(p.layer)?.visible !== false);
  const cutPaths = visible.filter((p) => (ops.get(p.layer)?.operation ?? 'cut') === 'cut');
  const markPaths = visible.filter((p) => ['engrave', 'score'].includes(ops.get(p.layer)?.operation ?? 'cut'));
  const { parts } = buildContours(cutPaths);
  const geometries: THREE.ExtrudeGeometry[] = [];
  for (const part of allParts(parts)) {
    const outer = ringPoints(part.outer);
    if (outer.length < 3) continue;
    const shape = new THREE.Shape(outer);
    for (const hole of part.holes) {
      const pts = ringPoints(hole);
      if (pts.length >= 3) shape.holes.push(new THREE.Path(pts));
    }
    geometries.push(new THREE.ExtrudeGeometry(shape, { depth: thicknessMm, bevelEnabled: false, curveSegments: 1 }));
  }
  const marks: number[] = [];
  for (const p of markPaths) {
    const pts = flattenSegments(p.segments, displayTolerance);
    for (let i = 1; i < pts.length; i++) marks.push(pts[i - 1].x, pts[i - 1].y, thicknessMm + 0.05, pts[i].x, pts[i].y, thicknessMm + 0.05);
  }
  const box = new THREE.Box3();
  for (const g of geometries) {
    g.computeBoundingBox();
    box.union(g.boundingBox!);
  }
  const center = box.isEmpty() ? new THREE.Vector3() : box.getCenter(new THREE.Vector3());
  const size = box.isEmpty() ? 100 : box.getSize(new THREE.Vector3()).length();
  return { parts: geometries, engraving: new Float32Array(marks), center, size };
}
