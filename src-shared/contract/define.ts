// Building blocks of the one typed contract between the UI and the services. A channel is a request/response
// pair of zod schemas; an event is a server → UI push with a payload schema. Every transport (Electron IPC,
// browser-mode HTTP/WebSocket, tests) validates with these same schemas at its boundary.
import { z } from 'zod';

export interface ChannelDef<I extends z.ZodTypeAny = z.ZodTypeAny, O extends z.ZodTypeAny = z.ZodTypeAny> {
  description: string;
  input: I;
  output: O;
}

export interface EventDef<P extends z.ZodTypeAny = z.ZodTypeAny> {
  description: string;
  payload: P;
}

export function channel<I extends z.ZodTypeAny, O extends z.ZodTypeAny>(def: ChannelDef<I, O>): ChannelDef<I, O> {
  return def;
}

export function event<P extends z.ZodTypeAny>(def: EventDef<P>): EventDef<P> {
  return def;
}

/** Error codes a handler may return; the client turns them back into a ContractError. */
export const errorCodes = ['BAD_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'UNAVAILABLE', 'CANCELLED', 'INTERNAL'] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const errorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorPayload = z.infer<typeof errorSchema>;

/** The error every transport carries unchanged from a service to the UI. */
export class ContractError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ContractError';
    this.code = code;
    this.details = details;
  }
  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** Turns any thrown value into the error payload sent over a transport; unknown errors keep only their message. */
export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof ContractError) return err.toPayload();
  if (err instanceof z.ZodError) {
    return { code: 'BAD_INPUT', message: formatZodError(err), details: err.issues };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message };
}

/** One line naming each bad field: "name: Required; qty: Number must be greater than 0". */
export function formatZodError(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.length ? i.path.join('.') : '(input)'}: ${i.message}`).join('; ');
}
