// Channels for the design library: list/search, get, save (each save adds a revision), delete.
import { z } from 'zod';
import { channel } from '../define';
import { findingSchema, layerSchema, pathSchema, unitsSchema } from '../geometry-schemas';
import { panelSchema } from './files';

export const designBodySchema = z.object({
  name: z.string().trim().min(1).max(200),
  paths: z.array(pathSchema).max(500_000),
  layers: z.array(layerSchema).max(10_000),
  units: unitsSchema,
  findings: z.array(findingSchema).default([]),
  thicknessMm: z.number().positive().max(100).optional(),
  materialId: z.string().max(100).optional(),
  source: z.object({ file: z.string().max(1000), format: z.string().max(20) }).optional(),
  /** Flat panels of a 3D model import (SketchUp) with their placements, for the assembled 3D view. */
  panels: z.array(panelSchema).max(10_000).optional(),
  /** PNG/SVG data URL, small. */
  thumbnail: z.string().max(2_000_000).optional(),
});

export const designSchema = designBodySchema.extend({
  id: z.string().uuid(),
  revision: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Design = z.infer<typeof designSchema>;
export type DesignBody = z.input<typeof designBodySchema>;

export const designSummarySchema = designSchema.pick({
  id: true,
  name: true,
  revision: true,
  createdAt: true,
  updatedAt: true,
  thumbnail: true,
  thicknessMm: true,
  materialId: true,
}).extend({ pathCount: z.number().int().nonnegative() });
export type DesignSummary = z.infer<typeof designSummarySchema>;

const idInput = z.object({ id: z.string().uuid() }).strict();

export const designChannels = {
  'designs.list': channel({
    description: 'Designs, newest first, optionally filtered by a search text in the name.',
    input: z.object({ search: z.string().max(200).optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(designSummarySchema),
  }),
  'designs.get': channel({
    description: 'One design at its latest revision (or a given revision).',
    input: z.object({ id: z.string().uuid(), revision: z.number().int().positive().optional() }).strict(),
    output: designSchema,
  }),
  'designs.save': channel({
    description: 'Create a design (no id) or add a revision to an existing one (id given).',
    input: designBodySchema.extend({ id: z.string().uuid().optional() }).strict(),
    output: designSchema,
  }),
  'designs.delete': channel({
    description: 'Delete a design and all its revisions.',
    input: idInput,
    output: z.object({ deleted: z.boolean() }),
  }),
  'designs.revisions': channel({
    description: 'Revision numbers and dates of a design.',
    input: idInput,
    output: z.array(z.object({ revision: z.number().int(), createdAt: z.string() })),
  }),
};
