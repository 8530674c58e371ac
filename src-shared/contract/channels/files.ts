// Channel for importing a design file: bytes from the UI (open dialog, drag-drop) as base64, or a path the main
// process may read. The result is self-sufficient for drawing the 2D plan: paths by layer, layers with their
// operation, findings with codes/handles/locations, text items, and the contours/parts structure (contours refer
// to path ids instead of repeating segments).
import { z } from 'zod';
import { channel } from '../define';
import { findingSchema, layerSchema, pathSchema, unitsSchema, vec2Schema } from '../geometry-schemas';

const finite = z.number().finite();
const bboxSchema = z.object({ minX: finite, minY: finite, maxX: finite, maxY: finite });
const counts = z.record(z.string(), z.number().int().nonnegative());

export const importUnitsSchema = z.enum(['mm', 'cm', 'm', 'in', 'ft']);

export const importInputSchema = z.union([
  z.object({
    name: z.string().min(1).max(1000),
    /** File content, base64 (at most ~256 MB decoded). */
    dataBase64: z.string().max(350_000_000),
    unitsOverride: importUnitsSchema.optional(),
    kerfMm: z.number().positive().max(10).optional(),
    thicknessMm: z.number().positive().max(100).optional(),
  }).strict(),
  z.object({
    path: z.string().min(1).max(4096),
    unitsOverride: importUnitsSchema.optional(),
    kerfMm: z.number().positive().max(10).optional(),
    thicknessMm: z.number().positive().max(100).optional(),
  }).strict(),
]);

export const contourSummarySchema = z.object({
  id: z.string(),
  pathIds: z.array(z.string()),
  closed: z.boolean(),
  layer: z.string(),
  area: finite,
  bbox: bboxSchema,
  lengthMm: finite,
});

export interface PartSummary {
  id: string;
  outer: string;
  holes: string[];
  islands: PartSummary[];
}
export const partSummarySchema: z.ZodType<PartSummary> = z.lazy(() =>
  z.object({ id: z.string(), outer: z.string(), holes: z.array(z.string()), islands: z.array(partSummarySchema) }),
);

export const textItemSchema = z.object({
  kind: z.enum(['TEXT', 'MTEXT', 'ATTRIB']),
  text: z.string(),
  layer: z.string(),
  handle: z.string().optional(),
  at: vec2Schema,
  heightMm: finite,
  rotation: finite,
  font: z.string(),
  style: z.string(),
  align: z.enum(['left', 'center', 'right']),
  attachment: z.number().int(),
  converted: z.boolean(),
});

const ringSchema = z.array(vec2Schema);
/** A flat panel of a 3D model (SketchUp): its outline, thickness and where each copy sits in the assembly. */
export const panelSchema = z.object({
  id: z.string(),
  name: z.string(),
  material: z.string(),
  outline: z.object({ outer: ringSchema, holes: z.array(ringSchema) }),
  thicknessMm: finite.nullable(),
  areaMm2: finite,
  count: z.number().int().positive(),
  /** Column-major 4×4 matrices (three.js order): panel coordinates → model millimetres, Z up. */
  placements: z.array(z.array(finite).length(16)),
});
export type PanelView = z.infer<typeof panelSchema>;

export const importOutputSchema = z.object({
  file: z.string(),
  format: z.string(),
  version: z.string().optional(),
  units: unitsSchema,
  bbox: bboxSchema.nullable(),
  entities: counts,
  unsupported: counts,
  paths: z.array(pathSchema),
  layers: z.array(layerSchema),
  contours: z.array(contourSummarySchema),
  parts: z.array(partSummarySchema),
  findings: z.array(findingSchema),
  textCount: z.number().int().nonnegative(),
  texts: z.array(textItemSchema),
  cutLengthMm: finite,
  panels: z.array(panelSchema).optional(),
});
export type ImportOutput = z.infer<typeof importOutputSchema>;

export const filesChannels = {
  'files.import': channel({
    description: 'Import a DXF (ASCII/binary), SVG, COLLADA, OBJ or STL file: paths in mm, layers, contours, parts, findings.',
    input: importInputSchema,
    output: importOutputSchema,
  }),
};
