// Channels about the application itself: version, shell, native dialogs (Electron only; browser mode answers
// UNAVAILABLE and the UI falls back to the browser's file picker and downloads), and menu/file-open events.
import { z } from 'zod';
import { channel, event } from '../define';

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  shell: z.enum(['electron', 'browser']),
  platform: z.string(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

const fileFilter = z.object({ name: z.string().max(100), extensions: z.array(z.string().max(10)).max(20) });

export const appChannels = {
  'app.info': channel({
    description: 'Application name, version, shell and data folder.',
    input: z.object({}).strict(),
    output: appInfoSchema,
  }),
  'dialog.open': channel({
    description: 'Native open-file dialog (Electron). Returns the chosen path or null if cancelled.',
    input: z.object({ title: z.string().max(200).optional(), filters: z.array(fileFilter).max(10).default([]) }).strict(),
    output: z.object({ path: z.string().nullable() }),
  }),
  'dialog.save': channel({
    description: 'Native save-file dialog (Electron). Returns the chosen path or null if cancelled.',
    input: z
      .object({ title: z.string().max(200).optional(), defaultName: z.string().max(255).optional(), filters: z.array(fileFilter).max(10).default([]) })
      .strict(),
    output: z.object({ path: z.string().nullable() }),
  }),
};

export const menuCommands = ['open', 'save', 'export', 'undo', 'redo', 'preferences', 'help'] as const;

export const appEvents = {
  'app.menu': event({ description: 'A command chosen in the native application menu.', payload: z.object({ command: z.enum(menuCommands) }) }),
  'app.openFile': event({
    description: 'The OS asked the app to open a file (double-click on a .dxf, or a path on the command line).',
    payload: z.object({ path: z.string() }),
  }),
};
