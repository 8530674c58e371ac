// Handlers of the foundation channels: app info, settings, the design library and task cancel.
import { ContractError, type Handlers } from '../../src-shared/contract/index';
import { DesignService } from './design-service';
import { SettingsService } from './settings-service';
import type { CoreDeps } from './core-deps';

type CoreChannels = 'app.info' | 'dialog.open' | 'dialog.save' | 'settings.get' | 'settings.set' | 'designs.list' | 'designs.get' | 'designs.save' | 'designs.delete' | 'designs.revisions' | 'task.cancel';

export function createCoreHandlers(deps: CoreDeps): Pick<Handlers, CoreChannels> {
  const settings = new SettingsService(deps.db, deps.now);
  const designs = new DesignService(deps.db, deps.now);
  return {
    'app.info': () => ({
      name: 'AcrylicHub Pro',
      version: deps.appVersion,
      shell: deps.shell,
      platform: process.platform,
      dataDir: deps.dataDir,
    }),
    // Browser mode has no native dialogs: the UI uses the browser's file picker and downloads instead.
    // The Electron shell replaces these two handlers with real dialogs.
    'dialog.open': () => {
      throw new ContractError('UNAVAILABLE', 'Native dialogs exist only in the desktop app');
    },
    'dialog.save': () => {
      throw new ContractError('UNAVAILABLE', 'Native dialogs exist only in the desktop app');
    },
    'settings.get': () => settings.get(),
    'settings.set': (input) => settings.set(input),
    'designs.list': (input) => designs.list(input.search, input.limit),
    'designs.get': (input) => designs.get(input.id, input.revision),
    'designs.save': (input) => designs.save(input),
    'designs.delete': (input) => ({ deleted: designs.delete(input.id) }),
    'designs.revisions': (input) => designs.revisions(input.id),
    'task.cancel': (input) => ({ cancelled: deps.tasks.cancel(input.taskId) }),
  };
}
