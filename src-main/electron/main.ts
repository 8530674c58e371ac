// Electron main process: a thin shell around the same services browser mode uses. It registers the app://
// scheme, opens the secured main window, wires the one IPC entry point, the menu, native dialogs and files the OS
// asks us to open (.dxf association, command line, macOS open-file). No business logic lives here.
import { app, BrowserWindow, ipcMain, Menu, powerMonitor, shell } from 'electron';
import { join, resolve } from 'node:path';
import { createAppServices, type AppServices } from '../services/app-services';
import { dialogHandlers } from './dialogs';
import { createEmitter, registerIpc } from './ipc';
import { buildMenu } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { appOrigin, isAllowedNavigation, mainWindowOptions } from './window-options';

const openableFile = /\.(dxf|svg|dae|obj|stl)$/i;
let mainWindow: BrowserWindow | null = null;
let services: AppServices | null = null;
const pendingFiles: string[] = [];
/** Paths the user chose in a native dialog or the OS asked us to open: the only ones channels may touch. */
const chosenPaths = new Set<string>();

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_e, argv) => {
    filesFromArgv(argv).forEach(openFile);
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('open-file', (e, path) => {
    e.preventDefault();
    openFile(path);
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (/^https:\/\//.test(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void services?.close();
  });
  void app.whenReady().then(start);
}

function filesFromArgv(argv: string[]): string[] {
  return argv.slice(1).filter((a) => !a.startsWith('-') && openableFile.test(a));
}

function openFile(path: string): void {
  chosenPaths.add(resolve(path));
  if (mainWindow && !mainWindow.webContents.isLoading()) emit('app.openFile', { path });
  else pendingFiles.push(path);
}

const emit = createEmitter(() => (mainWindow ? [mainWindow.webContents] : []));

async function start(): Promise<void> {
  const resources = app.isPackaged ? process.resourcesPath : join(__dirname, '..');
  const rendererDir = join(app.isPackaged ? join(resources, 'app.asar') : resources, 'dist', 'renderer');
  serveRenderer(rendererDir);
  // The packaged app runs compiled worker bundles (see scripts/build-electron.mjs), unpacked beside main.cjs.
  process.env.ACRYLICHUB_NEST_WORKER ??= join(__dirname, 'nest-worker.cjs');
  process.env.ACRYLICHUB_IMPORT_WORKER ??= join(__dirname, 'import-worker.cjs');
  services = createAppServices({
    dataDir: process.env.ACRYLICHUB_HOME ?? app.getPath('userData'),
    shell: 'electron',
    version: app.getVersion(),
    overrides: dialogHandlers(() => mainWindow, (path) => chosenPaths.add(resolve(path))),
    pathAccess: (_kind, path) => chosenPaths.has(resolve(path)),
  });
  registerIpc(ipcMain, services.handlers, emit);
  services.addEventSink(emit);
  // A laptop waking from sleep syncs at once (the renderer handles the browser's 'online' event).
  powerMonitor.on('resume', () => {
    void Promise.resolve(services?.handlers['sync.now']({}, { emit })).catch(() => {});
  });
  Menu.setApplicationMenu(buildMenu(emit, process.platform === 'darwin'));
  filesFromArgv(process.argv).forEach(openFile);

  mainWindow = new BrowserWindow(mainWindowOptions(join(__dirname, 'preload.cjs')));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.webContents.on('did-finish-load', () => {
    pendingFiles.splice(0).forEach((path) => emit('app.openFile', { path }));
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  await mainWindow.loadURL(`${appOrigin}/index.html`);
}
