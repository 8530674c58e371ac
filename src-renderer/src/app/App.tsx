// The app shell: navigation between the main areas (also Alt+1..6), the current area, and the theme.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { areas } from './areas';
import { useApp } from './app-context';
import { SyncIndicator } from '../features/orders/SyncIndicator';

function useTheme(theme: 'light' | 'dark' | 'system'): void {
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = () => {
      document.documentElement.dataset.theme = theme === 'system' ? (media.matches ? 'dark' : 'light') : theme;
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}

export function App() {
  const { t, i18n } = useTranslation();
  const { settings, info } = useApp();
  const [current, setCurrent] = useState(() => window.location.hash.slice(1) || 'designs');
  useTheme(settings.theme);

  useEffect(() => {
    if (i18n.language !== settings.language) void i18n.changeLanguage(settings.language);
    document.documentElement.lang = settings.language;
  }, [settings.language, i18n]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const area = areas[Number(e.key) - 1];
      if (area) {
        e.preventDefault();
        setCurrent(area.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    window.history.replaceState(null, '', `#${current}`);
  }, [current]);

  const area = areas.find((a) => a.id === current) ?? areas[0];
  const Page = area.component;
  return (
    <div className="shell">
      <header className="topbar">
        <h1>{t('app.title')}</h1>
        <SyncIndicator />
        <span className="badge" data-testid="shell-kind">{info.shell === 'browser' ? t('shell.browserMode') : t('shell.desktop')}</span>
      </header>
      <nav className="sidenav" aria-label={t('nav.main')}>
        {areas.map((a, i) => (
          <button
            key={a.id}
            type="button"
            className={a.id === area.id ? 'active' : ''}
            aria-current={a.id === area.id ? 'page' : undefined}
            title={`Alt+${i + 1}`}
            data-testid={`nav-${a.id}`}
            onClick={() => setCurrent(a.id)}
          >
            {t(a.labelKey)}
          </button>
        ))}
      </nav>
      <main className="content" data-testid={`area-${area.id}`}>
        <Page />
      </main>
    </div>
  );
}
