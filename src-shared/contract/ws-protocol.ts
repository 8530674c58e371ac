// Messages on the browser-mode WebSocket (host in src-main/host, client in src-renderer). Client → host: invoke a channel with an id. Host → client: the result
// for that id, or an event push.
import { z } from 'zod';
import { errorSchema } from './define';

export const wsMessageSchema = z.object({
  type: z.literal('invoke'),
  id: z.number().int(),
  channel: z.string().max(100),
  input: z.unknown(),
});

export type WsServerMessage =
  | { type: 'result'; id: number | null; ok: true; result: unknown }
  | { type: 'result'; id: number | null; ok: false; error: z.infer<typeof errorSchema> }
  | { type: 'event'; event: string; payload: unknown };
