// The contract client inside Electron: the preload exposes `window.acrylichub` (invoke + on, nothing else);
// errors come back as payloads and are turned into ContractErrors here, the same as over the WebSocket.
import type { ChannelInput, ChannelName, ChannelOutput, ContractClient, EventName, EventPayload } from '../../../src-shared/contract/index';
import { ContractError, type ErrorPayload } from '../../../src-shared/contract/define';

export interface PreloadBridge {
  invoke(channel: string, input: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: ErrorPayload }>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export function createBridgeClient(bridge: PreloadBridge): ContractClient {
  return {
    async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      const res = await bridge.invoke(channel, input);
      if (!res.ok) throw new ContractError(res.error.code, res.error.message, res.error.details);
      return res.result as ChannelOutput<C>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      return bridge.on(event, listener as (payload: unknown) => void);
    },
  };
}
