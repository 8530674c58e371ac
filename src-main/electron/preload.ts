// Preload of the main window (sandboxed, context-isolated). Exposes exactly the contract as `window.acrylichub`:
// invoke(channel, input) for known channels and on(event, listener) for known events. ipcRenderer itself is never
// exposed, and unknown names are refused here before reaching the main process.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channels, events } from '../../src-shared/contract/index';
import { eventChannel, invokeChannel } from './ipc';

const channelNames = new Set(Object.keys(channels));
const eventNames = new Set(Object.keys(events));

contextBridge.exposeInMainWorld('acrylichub', {
  invoke(channel: string, input: unknown) {
    if (!channelNames.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: `Unknown channel "${channel}"` } });
    }
    return ipcRenderer.invoke(invokeChannel, channel, input);
  },
  on(event: string, listener: (payload: unknown) => void) {
    if (!eventNames.has(event)) throw new Error(`Unknown event "${event}"`);
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(eventChannel, wrapped);
    return () => {
      ipcRenderer.removeListener(eventChannel, wrapped);
    };
  },
});
