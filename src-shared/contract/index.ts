// The contract: every channel and event the UI may use, merged from one file per area. Adding a channel is a
// one-place change: define it in channels/<area>.ts (and, for a new area, add the spread below); the preload,
// the IPC handler, the browser-mode host and the renderer client all derive from these maps.
import type { z } from 'zod';
import { appChannels, appEvents } from './channels/app';
import { designChannels } from './channels/designs';
import { settingsChannels } from './channels/settings';
import { taskChannels, taskEvents } from './channels/progress';
import { nestChannels } from './channels/nest';
import { fontChannels } from './channels/fonts';
import { quoteChannels } from './channels/quote';
import { filesChannels } from './channels/files';
import { toolpathChannels } from './channels/toolpath';
import { machineChannels, machineEvents } from './channels/machines';
import { syncChannels, syncEvents } from './channels/sync';

export const channels = {
  ...filesChannels,
  ...quoteChannels,
  ...appChannels,
  ...settingsChannels,
  ...designChannels,
  ...taskChannels,
  ...nestChannels,
  ...fontChannels,
  ...toolpathChannels,
  ...machineChannels,
  ...syncChannels,
};

export const events = {
  ...appEvents,
  ...taskEvents,
  ...machineEvents,
  ...syncEvents,
};

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

/** What the renderer sees, whichever transport carries it. */
export interface ContractClient {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** What a service implementation provides for each channel (the transport parses input before calling). */
export type Handlers = {
  [C in ChannelName]: (input: z.output<Channels[C]['input']>, ctx: HandlerContext) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
};

export interface HandlerContext {
  /** Push an event to the UI that made the call (and, in browser mode, to every connected UI). */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

export { ContractError, toErrorPayload, formatZodError, errorSchema } from './define';
export type { ErrorPayload, ErrorCode } from './define';
