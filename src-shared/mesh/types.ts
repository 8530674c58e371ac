// What the mesh importers (COLLADA from SketchUp, OBJ, STL) return: flat panels with their outline in the panel's
// own plane, thickness, how many of them the model has and where each sits in 3D, plus the outlines laid out flat
// as ordinary paths so the rest of the pipeline (contours, checks, quote, nest) treats them like a DXF.
import type { Finding, Path, PolygonWithHoles, UnitsInfo } from '../geometry/types';

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/** A 4×4 affine matrix, column-major (the order of three.js Matrix4.elements and of WebGL). */
export type Mat4 = number[];

/** Triangles in millimetres, Z up, with the material and the source object of each. */
export interface TriangleSoup {
  /** 9 numbers per triangle: ax ay az bx by bz cx cy cz. */
  positions: number[];
  /** Material name per triangle. */
  materials: string[];
  /** Name of the scene object (node, OBJ group) each triangle came from. */
  objects: string[];
  /**
   * Scene object instance of each triangle. Solids are only looked for within one part, so components that touch
   * (stacked blocks, a shelf on its sides) stay separate panels; raw geometry in one part is split by connectivity.
   */
  parts: number[];
}

export interface Panel {
  id: string;
  /** Scene object name of the first instance (SketchUp component/group name). */
  name: string;
  material: string;
  /**
   * Outline in the panel's own plane, millimetres: the face's longest edge runs along +X and the bounding box
   * starts at (0, 0). Outer ring counter-clockwise, holes clockwise.
   */
  outline: PolygonWithHoles;
  /** Distance between the two faces; null for a flat face that has no thickness in the model. */
  thicknessMm: number | null;
  areaMm2: number;
  /** How many identical panels the model has (same outline up to rotation/mirroring, same thickness). */
  count: number;
  /**
   * One matrix per instance mapping panel coordinates (x, y in the outline, z from 0 to thickness) to model
   * millimetres (Z up). Extrude `outline` by `thicknessMm` along +Z and apply it to show the assembly.
   */
  placements: Mat4[];
}

export interface MeshStats {
  trianglesRead: number;
  /** Triangles left after dropping back faces and exact duplicates. */
  triangles: number;
  /** Reversed copies of a face (SketchUp 8 writes every face front and back). */
  backFacesDropped: number;
  duplicatesDropped: number;
  degenerateDropped: number;
  /** Connected pieces of geometry found after welding vertices. */
  solids: number;
  /** Planar faces found by grouping coplanar triangles. */
  faces: number;
  /** Solids that are not flat panels (reported as findings). */
  notPanels: number;
  /** Geometry instances placed by the scene graph (COLLADA). */
  instances: number;
}

export interface MeshImportResult {
  panels: Panel[];
  /** Panel outlines laid out side by side on the XY plane (one copy per instance), one layer per material and thickness. */
  paths: Path[];
  findings: Finding[];
  units: UnitsInfo;
  meshStats: MeshStats;
}

export interface MeshImportOptions {
  /** Explicit unit of the file's numbers (mm, cm, m, in, ft); wins over what the file says. */
  unit?: string;
  /** Gap between laid-out outlines, millimetres (default 10). */
  layoutGapMm?: number;
  /** Lay out every instance (default) or one copy per distinct panel. */
  layoutInstances?: 'all' | 'one';
}
