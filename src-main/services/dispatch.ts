// The one place where a call from any transport (Electron IPC, browser-mode HTTP/WebSocket, tests) meets the
// services: it checks the channel exists, parses the input with the channel's schema, runs the handler and checks
// the output, and turns every failure into the contract's error payload. Transports add only their own checks
// (sender frame, token).
import {
  channels,
  isChannelName,
  toErrorPayload,
  ContractError,
  type ErrorPayload,
  type HandlerContext,
  type Handlers,
} from '../../src-shared/contract/index';

export type DispatchResult = { ok: true; result: unknown } | { ok: false; error: ErrorPayload };

export async function dispatch(handlers: Handlers, channel: string, rawInput: unknown, ctx: HandlerContext): Promise<DispatchResult> {
  try {
    if (!isChannelName(channel)) throw new ContractError('NOT_FOUND', `Unknown channel "${channel}"`);
    const def = channels[channel];
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const { message, details } = toErrorPayload(parsed.error);
      throw new ContractError('BAD_INPUT', `${channel}: ${message}`, details);
    }
    const handler = handlers[channel] as (input: unknown, ctx: HandlerContext) => unknown;
    const output = await handler(parsed.data, ctx);
    const checked = def.output.safeParse(output);
    if (!checked.success) {
      throw new ContractError('INTERNAL', `${channel} returned data that does not match the contract: ${toErrorPayload(checked.error).message}`);
    }
    return { ok: true, result: checked.data };
  } catch (err) {
    return { ok: false, error: toErrorPayload(err) };
  }
}
