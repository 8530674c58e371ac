// Channels that take a file path (files.import reads it, quote.pdf writes it) must not become a way for a page
// to read or overwrite any file. The shell decides which paths are allowed: the desktop app only those the user
// picked in a native dialog or the OS asked it to open; browser mode only on loopback (the user's own computer).
import { ContractError, type Handlers } from '../../src-shared/contract/index';

export type PathAccess = (kind: 'read' | 'write', path: string) => boolean;

const guarded: { channel: 'files.import' | 'quote.pdf'; kind: 'read' | 'write' }[] = [
  { channel: 'files.import', kind: 'read' },
  { channel: 'quote.pdf', kind: 'write' },
];

export function guardPaths(handlers: Handlers, allow: PathAccess): Handlers {
  const out = { ...handlers } as Record<string, (input: unknown, ctx: never) => unknown>;
  for (const { channel, kind } of guarded) {
    const inner = out[channel];
    out[channel] = (input, ctx) => {
      const path = (input as { path?: unknown }).path;
      if (typeof path === 'string' && !allow(kind, path)) {
        throw new ContractError('FORBIDDEN', `Not allowed to ${kind} "${path}": choose the file in the app's file dialog`);
      }
      return inner(input, ctx);
    };
  }
  return out as unknown as Handlers;
}
