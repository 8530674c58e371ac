// What importing one file gives the rest of the app: everything needed to draw it (paths by layer, findings with
// locations), quote it (contours, parts, cut length) and explain it (units and where they came from, entity
// counts, what was not imported). Produced by importFile() for every format.
import type { Contour, PartGeom } from '../../src-shared/geometry/contours';
import type { BBox, Finding, LayerInfo, Path, UnitsInfo } from '../../src-shared/geometry/types';
import type { TextItem } from '../../src-shared/dxf/context';
import type { Panel } from '../../src-shared/mesh/types';
import type { FileFormat } from './detect';

export interface ImportResult {
  file: string;
  format: FileFormat;
  /** $ACADVER for DXF; undefined for other formats. */
  version?: string;
  units: UnitsInfo;
  /** Extent of the cutting geometry in mm; null when the file has none. */
  bbox: BBox | null;
  entities: Record<string, number>;
  unsupported: Record<string, number>;
  paths: Path[];
  layers: LayerInfo[];
  /** Contours of the paths on visible cutting layers (fills, annotation and hidden layers left out). */
  contours: Contour[];
  /** Top-level parts; parts inside holes are in `islands`. */
  parts: PartGeom[];
  findings: Finding[];
  textCount: number;
  texts: TextItem[];
  /** Sum of the contour lengths, mm. */
  cutLengthMm: number;
  /** Flat panels found in a 3D model (COLLADA/OBJ/STL). */
  panels?: Panel[];
}

export type UnitsOverride = 'mm' | 'cm' | 'm' | 'in' | 'ft';

export interface ImportOptions {
  unitsOverride?: UnitsOverride;
  /** Kerf for FEATURE_TOO_NARROW; the check (Clipper offsets, the slowest one) runs only when a kerf is given. */
  kerfMm?: number;
  /** Material thickness for HOLE_SMALLER_THAN_THICKNESS (not checked when absent). */
  thicknessMm?: number;
  /** Sheets for PART_LARGER_THAN_SHEET (default one 1220 × 2440 mm sheet). */
  sheets?: { w: number; h: number }[];
  /** Outline TEXT/MTEXT with the bundled fonts (default true). */
  convertText?: boolean;
  joinToleranceMm?: number;
  /** Called between stages (read → contours → checks) with the fraction done and what comes next. */
  onStage?: (fraction: number, message: string) => void;
}
