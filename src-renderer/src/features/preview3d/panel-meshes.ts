// The assembled view of a 3D model import: each flat panel's outline extruded to its thickness once, then one
// mesh per copy placed by its matrix (panel coordinates → model millimetres, Z up), as the SketchUp model has it.
import * as THREE from 'three';
import type { PanelView } from '../../../../src-shared/contract/channels/files';

export interface AssembledPanels {
  meshes: { geometry: THREE.ExtrudeGeometry; matrix: THREE.Matrix4; panel: string }[];
  center: THREE.Vector3;
  size: number;
}

export function assemblePanels(panels: readonly PanelView[], fallbackThicknessMm: number): AssembledPanels {
  const meshes: AssembledPanels['meshes'] = [];
  const box = new THREE.Box3();
  for (const panel of panels) {
    if (panel.outline.outer.length < 3) continue;
    const shape = new THREE.Shape(panel.outline.outer.map((p) => new THREE.Vector2(p.x, p.y)));
    for (const hole of panel.outline.holes) if (hole.length >= 3) shape.holes.push(new THREE.Path(hole.map((p) => new THREE.Vector2(p.x, p.y))));
    const geometry = new THREE.ExtrudeGeometry(shape, { depth: panel.thicknessMm ?? fallbackThicknessMm, bevelEnabled: false, curveSegments: 1 });
    geometry.computeBoundingBox();
    for (const m of panel.placements) {
      const matrix = new THREE.Matrix4().fromArray(m);
      meshes.push({ geometry, matrix, panel: panel.id });
      box.union(geometry.boundingBox!.clone().applyMatrix4(matrix));
    }
  }
  return {
    meshes,
    center: box.isEmpty() ? new THREE.Vector3() : box.getCenter(new THREE.Vector3()),
    size: box.isEmpty() ? 100 : box.getSize(new THREE.Vector3()).length(),
  };
}
