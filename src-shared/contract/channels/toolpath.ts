// Channel of the cutting job's G-code: a design, or the placed paths of an accepted nest, turned into GRBL laser
// G-code for a material and a machine profile, with the time estimate of the planner.
import { z } from 'zod';
import { channel } from '../define';
import { findingSchema, layerSchema, pathSchema } from '../geometry-schemas';

export const gcodeRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    paths: z.array(pathSchema).min(1).max(2_000_000),
    layers: z.array(layerSchema).max(10_000),
    materialId: z.string().min(1).max(100),
    thicknessMm: z.number().positive().max(100).optional(),
    machineProfileId: z.string().min(1).max(100),
    kerfMm: z.number().min(0).max(5).optional(),
    leadInMm: z.number().min(0).max(50).default(0),
    tabs: z.object({ count: z.number().int().min(1).max(100), widthMm: z.number().positive().max(20) }).optional(),
    startPoint: z.enum(['nearest', 'corner']).default('nearest'),
    lineNumbers: z.boolean().default(false),
  })
  .strict();

export const toolpathChannels = {
  'gcode.generate': channel({
    description: 'G-code (GRBL 1.1 laser mode) for the given paths on a material and machine, with its estimate.',
    input: gcodeRequestSchema,
    output: z.object({
      gcode: z.string(),
      lines: z.number().int(),
      runs: z.number().int(),
      timeS: z.number(),
      cutTimeS: z.number(),
      travelTimeS: z.number(),
      kerfMm: z.number(),
      thicknessMm: z.number(),
      warnings: z.array(findingSchema),
    }),
  }),
};
