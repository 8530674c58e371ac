// From a triangle soup (any mesh format) to panels: weld and clean, split into solids, classify each solid as a
// flat panel (or a flat drawing) or not, count identical panels, lay the outlines out as paths, and report what
// could not be used. Shared by the COLLADA, OBJ and STL importers.
import type { Finding } from '../geometry/types';
import { layoutPanels } from './layout';
import { vertexOf } from './planar-faces';
import { classifySolid, groupPanels, type SolidPanel } from './panels';
import type { MeshImportOptions, MeshImportResult, TriangleSoup } from './types';
import { connectedSolids, weld } from './weld';

const MAX_SOLID_FINDINGS = 50;

export function analyseMesh(soup: TriangleSoup, opts: MeshImportOptions = {}): Omit<MeshImportResult, 'units'> {
  const findings: Finding[] = [];
  const mesh = weld(soup);
  const solids = connectedSolids(mesh);
  const instances: SolidPanel[] = [];
  let faces = 0;
  let notPanels = 0;
  for (const solid of solids) {
    const verdict = classifySolid(mesh, solid);
    faces += verdict.faces;
    const src = mesh.source[solid[0]];
    const name = soup.objects[src] ?? 'model';
    if (verdict.kind === 'panels') {
      for (const p of verdict.panels) instances.push({ ...p, name, material: soup.materials[src] ?? 'default' });
      continue;
    }
    notPanels++;
    if (notPanels <= MAX_SOLID_FINDINGS) {
      const v = vertexOf(mesh, mesh.triangles[3 * solid[0]]);
      findings.push({
        code: 'MESH_NOT_PANEL',
        severity: 'warning',
        message: `"${name}" (${solid.length} triangles, ${verdict.faces} faces) is not a flat panel: ${verdict.reason}; left out / "${name}" bukan panel datar; tidak diikutkan`,
        handle: name,
        at: { x: v.x, y: v.y },
      });
    }
  }
  if (notPanels > MAX_SOLID_FINDINGS) {
    findings.push({ code: 'MESH_NOT_PANEL', severity: 'warning', message: `${notPanels - MAX_SOLID_FINDINGS} more solids are not flat panels / ${notPanels - MAX_SOLID_FINDINGS} benda lain bukan panel datar` });
  }
  if (mesh.triangles.length === 0) {
    findings.push({ code: 'MESH_EMPTY', severity: 'error', message: 'The model has no faces to read / Model tidak memiliki bidang untuk dibaca' });
  }
  const panels = groupPanels(instances);
  if (panels.some((p) => p.thicknessMm === null)) {
    findings.push({ code: 'PANEL_FLAT', severity: 'info', message: 'Some faces are flat drawings without thickness; choose the material thickness / Sebagian bidang adalah gambar datar tanpa ketebalan; pilih ketebalan bahan' });
  }
  return {
    panels,
    paths: layoutPanels(panels, opts.layoutGapMm ?? 10, opts.layoutInstances ?? 'all'),
    findings,
    meshStats: {
      trianglesRead: soup.materials.length,
      triangles: mesh.triangles.length / 3,
      backFacesDropped: mesh.backFacesDropped,
      duplicatesDropped: mesh.duplicatesDropped,
      degenerateDropped: mesh.degenerateDropped,
      solids: solids.length,
      faces,
      notPanels,
      instances: 0,
    },
  };
}
