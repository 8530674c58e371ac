// The contract client for browser mode: one WebSocket to the host carries invokes (matched by id) and event
// pushes. It reconnects with backoff after the host restarts; calls made while disconnected wait for the socket.
import type { ChannelInput, ChannelName, ChannelOutput, ContractClient, EventName, EventPayload } from '../../../src-shared/contract/index';
import { ContractError } from '../../../src-shared/contract/define';
import type { WsServerMessage } from '../../../src-shared/contract/ws-protocol';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export function createWsClient(url: string): ContractClient {
  let socket: WebSocket | null = null;
  let opening: Promise<WebSocket> | null = null;
  let nextId = 1;
  let retryMs = 250;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  function open(): Promise<WebSocket> {
    if (socket && socket.readyState === WebSocket.OPEN) return Promise.resolve(socket);
    if (opening) return opening;
    opening = new Promise<WebSocket>((resolve) => {
      const connect = () => {
        const ws = new WebSocket(url);
        ws.onopen = () => {
          socket = ws;
          opening = null;
          retryMs = 250;
          resolve(ws);
        };
        ws.onmessage = (ev) => onMessage(JSON.parse(String(ev.data)) as WsServerMessage);
        ws.onclose = () => {
          if (socket === ws) socket = null;
          for (const [id, p] of pending) {
            p.reject(new ContractError('UNAVAILABLE', 'Connection to the AcrylicHub host was lost'));
            pending.delete(id);
          }
          if (opening) setTimeout(connect, (retryMs = Math.min(retryMs * 2, 5000)));
          else if (listeners.size) void open();
        };
      };
      connect();
    });
    return opening;
  }

  function onMessage(msg: WsServerMessage): void {
    if (msg.type === 'event') {
      listeners.get(msg.event)?.forEach((fn) => fn(msg.payload));
      return;
    }
    if (msg.id === null) return;
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new ContractError(msg.error.code, msg.error.message, msg.error.details));
  }

  return {
    async invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
      const ws = await open();
      const id = nextId++;
      return new Promise<ChannelOutput<C>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        ws.send(JSON.stringify({ type: 'invoke', id, channel, input }));
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      void open();
      return () => set.delete(listener as (payload: unknown) => void);
    },
  };
}
