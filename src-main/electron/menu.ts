// The native application menu. Commands that belong to the UI (open, save, export, undo, redo, preferences,
// help) are sent to the renderer as `app.menu` events; window and edit roles use Electron's built-ins.
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { menuCommands } from '../../src-shared/contract/channels/app';
import type { Emitter } from './ipc';

type MenuCommand = (typeof menuCommands)[number];

export function buildMenu(emit: Emitter, isMac: boolean): Menu {
  const send = (command: MenuCommand) => () => emit('app.menu', { command });
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: send('open') },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: send('save') },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: send('export') },
        { type: 'separator' },
        { label: 'Preferences', accelerator: 'CmdOrCtrl+,', click: send('preferences') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: send('undo') },
        { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: send('redo') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: '&View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { role: 'windowMenu' },
    { label: '&Help', submenu: [{ label: 'Keyboard shortcuts', accelerator: 'F1', click: send('help') }] },
  ];
  return Menu.buildFromTemplate(template);
}
