// Channels for user settings (language, theme, units, ...). Settings are a typed record with defaults so the
// UI never sees a missing value.
import { z } from 'zod';
import { channel } from '../define';

export const settingsSchema = z.object({
  language: z.enum(['en', 'id']).default('en'),
  theme: z.enum(['light', 'dark', 'system']).default('system'),
  units: z.enum(['mm', 'in']).default('mm'),
  currency: z.string().length(3).default('IDR'),
  companyName: z.string().max(200).default(''),
  defaultMaterialId: z.string().max(100).optional(),
  defaultMachineId: z.string().max(100).optional(),
  cloudUrl: z.string().max(500).default(''),
});
export type Settings = z.infer<typeof settingsSchema>;
export const defaultSettings: Settings = settingsSchema.parse({});

export const settingsChannels = {
  'settings.get': channel({
    description: 'All settings, with defaults filled in.',
    input: z.object({}).strict(),
    output: settingsSchema,
  }),
  'settings.set': channel({
    description: 'Change some settings; returns all settings after the change.',
    input: settingsSchema.partial().strict(),
    output: settingsSchema,
  }),
};
