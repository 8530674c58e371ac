// The single IPC entry point of the desktop app. Every contract call arrives on one channel; the sender must be
// the main frame of one of our windows showing an app:// page, then dispatch() parses the input with the
// channel's schema exactly as browser mode does. Events go to windows over one event channel.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { EventName, EventPayload, Handlers } from '../../src-shared/contract/index';
import { dispatch, type DispatchResult } from '../services/dispatch';
import { isAllowedNavigation } from './window-options';

export const invokeChannel = 'acrylichub:invoke';
export const eventChannel = 'acrylichub:event';

export type SenderCheck = (event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>) => boolean;

/** Trusted = the top-level frame of its WebContents, showing our own app:// origin. */
export const isTrustedSender: SenderCheck = (event) => {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAllowedNavigation(frame.url);
};

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, handlers: Handlers, emit: Emitter, check: SenderCheck = isTrustedSender): void {
  ipcMain.handle(invokeChannel, (event, channel: unknown, input: unknown): Promise<DispatchResult> | DispatchResult => {
    if (!check(event)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the AcrylicHub window' } };
    }
    if (typeof channel !== 'string') return { ok: false, error: { code: 'BAD_INPUT', message: 'Channel name must be a string' } };
    return dispatch(handlers, channel, input, { emit });
  });
}

export type Emitter = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Sends an event to every given window that is still alive. */
export function createEmitter(targets: () => WebContents[]): Emitter {
  return (event, payload) => {
    for (const wc of targets()) if (!wc.isDestroyed()) wc.send(eventChannel, event, payload);
  };
}
