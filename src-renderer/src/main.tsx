// Renderer entry: connects the contract client, loads app info and settings, sets up the language, then renders
// the shell. A connection failure is shown in words with a retry.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppProvider } from './app/app-context';
import { WorkspaceProvider } from './app/workspace';
import { createClient } from './client/index';
import { setupI18n } from './i18n/setup';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

async function boot(): Promise<void> {
  root.render(<p className="boot">Connecting to AcrylicHub… / Menghubungkan ke AcrylicHub…</p>);
  const client = createClient();
  try {
    const [info, settings] = await Promise.all([client.invoke('app.info', {}), client.invoke('settings.get', {})]);
    setupI18n(settings.language);
    root.render(
      <StrictMode>
        <AppProvider client={client} info={info} initialSettings={settings}>
          <WorkspaceProvider>
            <App />
          </WorkspaceProvider>
        </AppProvider>
      </StrictMode>,
    );
  } catch (err) {
    root.render(
      <div className="boot" role="alert">
        <p>Cannot reach the AcrylicHub services / Tidak dapat menghubungi layanan AcrylicHub: {(err as Error).message}</p>
        <button type="button" onClick={() => void boot()}>Try again / Coba lagi</button>
      </div>,
    );
  }
}

void boot();
