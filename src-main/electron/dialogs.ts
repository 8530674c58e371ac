// Native open/save dialogs for the contract's dialog.open / dialog.save channels (Electron only).
import { BrowserWindow, dialog } from 'electron';
import type { Handlers } from '../../src-shared/contract/index';

export function dialogHandlers(window: () => BrowserWindow | null): Pick<Handlers, 'dialog.open' | 'dialog.save'> {
  return {
    'dialog.open': async (input) => {
      const win = window();
      const options = { title: input.title, filters: input.filters, properties: ['openFile' as const] };
      const res = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return { path: res.canceled ? null : (res.filePaths[0] ?? null) };
    },
    'dialog.save': async (input) => {
      const win = window();
      const options = { title: input.title, defaultPath: input.defaultName, filters: input.filters };
      const res = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return { path: res.canceled ? null : (res.filePath ?? null) };
    },
  };
}
