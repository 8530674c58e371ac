// Events shared by every long-running task (imports, nesting, streaming): progress with a task id, and a way
// to cancel it by id.
import { z } from 'zod';
import { channel, event } from '../define';

export const progressSchema = z.object({
  taskId: z.string(),
  kind: z.string(),
  /** 0..1, or null when the total is unknown. */
  fraction: z.number().min(0).max(1).nullable(),
  message: z.string().optional(),
  done: z.boolean().default(false),
});
export type Progress = z.infer<typeof progressSchema>;

export const taskEvents = {
  'task.progress': event({ description: 'Progress of a long task.', payload: progressSchema }),
};

export const taskChannels = {
  'task.cancel': channel({
    description: 'Ask a long task to stop; it ends with a CANCELLED error.',
    input: z.object({ taskId: z.string() }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  }),
};
