// zod schemas mirroring src-shared/geometry/types.ts, so geometry crossing a transport is validated. The
// `satisfies` checks keep the schemas and the TypeScript types from drifting apart.
import { z } from 'zod';
import type { Finding, LayerInfo, Path, Segment, UnitsInfo, Vec2 } from '../geometry/types';

const finite = z.number().finite();
export const vec2Schema = z.object({ x: finite, y: finite }) satisfies z.ZodType<Vec2>;

export const segmentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('line'), a: vec2Schema, b: vec2Schema }),
  z.object({
    kind: z.literal('arc'),
    center: vec2Schema,
    radius: finite.nonnegative(),
    startAngle: finite,
    sweep: finite,
  }),
]) satisfies z.ZodType<Segment>;

export const operationSchema = z.enum(['cut', 'score', 'engrave', 'ignore']);

export const pathSchema = z.object({
  id: z.string().min(1).max(200),
  layer: z.string().max(255),
  color: z.number().int().optional(),
  handle: z.string().max(64).optional(),
  entity: z.string().max(64),
  segments: z.array(segmentSchema),
  closed: z.boolean(),
  fill: z.boolean().optional(),
}) satisfies z.ZodType<Path>;

export const findingSchema = z.object({
  code: z.string(),
  severity: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  layer: z.string().optional(),
  handle: z.string().optional(),
  at: vec2Schema.optional(),
}) satisfies z.ZodType<Finding>;

export const layerSchema = z.object({
  name: z.string().max(255),
  color: z.number().int().optional(),
  operation: operationSchema,
  visible: z.boolean(),
  locked: z.boolean(),
}) satisfies z.ZodType<LayerInfo>;

export const unitsSchema = z.object({
  source: z.enum(['header', 'inferred', 'override', 'default']),
  unit: z.string(),
  scaleToMm: finite.positive(),
}) satisfies z.ZodType<UnitsInfo>;
