// Where AcrylicHub keeps its data: ACRYLICHUB_HOME when set, otherwise the OS application-data folder (the same
// folder Electron's app.getPath('userData') uses, so the desktop app and browser mode share one store).
import { homedir } from 'node:os';
import { join } from 'node:path';

export const productName = 'AcrylicHub Pro';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ACRYLICHUB_HOME) return env.ACRYLICHUB_HOME;
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), productName);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', productName);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), productName);
}
