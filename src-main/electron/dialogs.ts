// Native open/save dialogs for the contract's dialog.open / dialog.save channels (Electron only). Every path the
// user picks is reported to `chosen`, which is what lets file channels use it.
import { BrowserWindow, dialog } from 'electron';
import type { Handlers } from '../../src-shared/contract/index';

export function dialogHandlers(window: () => BrowserWindow | null, chosen: (path: string) => void): Pick<Handlers, 'dialog.open' | 'dialog.save'> {
  return {
    'dialog.open': async (input) => {
      const win = window();
      const options = { title: input.title, filters: input.filters, properties: ['openFile' as const] };
      const res = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      const path = res.canceled ? null : (res.filePaths[0] ?? null);
      if (path) chosen(path);
      return { path };
    },
    'dialog.save': async (input) => {
      const win = window();
      const options = { title: input.title, defaultPath: input.defaultName, filters: input.filters };
      const res = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      const path = res.canceled ? null : (res.filePath ?? null);
      if (path) chosen(path);
      return { path };
    },
  };
}
