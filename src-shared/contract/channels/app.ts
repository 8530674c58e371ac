// Channels about the application itself: version, platform, which shell (Electron or browser mode) runs it.
import { z } from 'zod';
import { channel } from '../define';

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  shell: z.enum(['electron', 'browser']),
  platform: z.string(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appChannels = {
  'app.info': channel({
    description: 'Application name, version, shell and data folder.',
    input: z.object({}).strict(),
    output: appInfoSchema,
  }),
};
