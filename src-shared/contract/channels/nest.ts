// Channels of the nester: start a nest as a long task (it emits `task.progress` with the best utilisation so far
// and can be cancelled with `task.cancel`), read its state and best layout, stop it keeping the best layout.
import { z } from 'zod';
import { channel } from '../define';
import { vec2Schema } from '../geometry-schemas';
import type { NestJob, NestProgress, NestResult } from '../../nest/types';

const finite = z.number().finite();
const ringSchema = z.array(vec2Schema).max(200_000);
const polygonWithHolesSchema = z.object({ outer: ringSchema, holes: z.array(ringSchema).max(10_000).default([]) });

const rotationRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('steps'), steps: z.number().int().min(1).max(360) }),
  z.object({ kind: z.literal('list'), degrees: z.array(finite).min(1).max(360) }),
  z.object({ kind: z.literal('locked') }),
]);

export const nestJobSchema = z.object({
  parts: z
    .array(
      z.object({
        id: z.string().min(1).max(200),
        name: z.string().max(200).optional(),
        shape: polygonWithHolesSchema,
        quantity: z.number().int().min(0).max(100_000),
        rotations: rotationRuleSchema.optional(),
        mirror: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(10_000),
  sheets: z
    .array(
      z.object({
        id: z.string().max(200).optional(),
        width: finite.positive(),
        height: finite.positive(),
        count: z.number().int().min(1).max(10_000).optional(),
        margin: finite.nonnegative().optional(),
        used: z.array(polygonWithHolesSchema).max(10_000).optional(),
      }),
    )
    .max(1000),
  spacing: finite.nonnegative().optional(),
  rotations: rotationRuleSchema.optional(),
  mirror: z.boolean().optional(),
  partInPart: z.boolean().optional(),
  seconds: finite.positive().max(86_400).optional(),
  maxEvaluations: z.number().int().positive().optional(),
  seed: z.number().int().nonnegative().optional(),
  strip: z.object({ height: finite.positive() }).optional(),
}) satisfies z.ZodType<NestJob, z.ZodTypeDef, unknown>;

const placementSchema = z.object({
  part: z.string(),
  instance: z.number().int(),
  sheet: z.number().int(),
  x: finite,
  y: finite,
  rotation: finite,
  mirrored: z.boolean(),
});

export const nestResultSchema = z.object({
  sheets: z.array(
    z.object({
      index: z.number().int(),
      sheetId: z.string().optional(),
      width: finite,
      height: finite,
      utilisation: finite,
      placements: z.array(placementSchema),
    }),
  ),
  utilisation: finite,
  placements: z.array(placementSchema),
  unplaced: z.array(
    z.object({
      part: z.string(),
      instance: z.number().int(),
      reason: z.enum(['too-large', 'no-room', 'time-budget', 'invalid-geometry']),
      message: z.string(),
    }),
  ),
  offcut: z.object({ sheet: z.number().int(), x: finite, y: finite, width: finite, height: finite, area: finite }).nullable(),
  strip: z.object({ height: finite, length: finite }).optional(),
  evaluations: z.number().int(),
  seconds: finite,
  seed: z.number().int(),
}) satisfies z.ZodType<NestResult>;

export const nestProgressSchema = z.object({
  evaluations: z.number().int(),
  seconds: finite,
  bestUtilisation: finite,
  bestLength: finite.optional(),
  placed: z.number().int(),
  total: z.number().int(),
}) satisfies z.ZodType<NestProgress>;

const taskInput = z.object({ taskId: z.string().min(1).max(100) }).strict();

export const nestChannels = {
  'nest.start': channel({
    description: 'Start nesting parts on sheets (or a strip) as a long task; progress arrives as task.progress.',
    input: z.object({ job: nestJobSchema }).strict(),
    output: z.object({ taskId: z.string() }),
  }),
  'nest.get': channel({
    description: 'State of a nest task: running/done/stopped/cancelled/failed, progress and the best layout so far.',
    input: taskInput,
    output: z.object({
      state: z.enum(['running', 'done', 'stopped', 'cancelled', 'failed']),
      progress: nestProgressSchema.nullable(),
      best: nestResultSchema.nullable(),
      error: z.string().nullable(),
    }),
  }),
  'nest.stop': channel({
    description: 'Stop a running nest now and return the best layout found so far.',
    input: taskInput,
    output: nestResultSchema,
  }),
};
