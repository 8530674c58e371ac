// Holds what every screen needs: the contract client, the app info and the settings (kept in sync with the
// store; changing a setting goes through the contract and re-renders with the saved value).
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ContractClient } from '../../../src-shared/contract/index';
import type { AppInfo } from '../../../src-shared/contract/channels/app';
import type { Settings } from '../../../src-shared/contract/channels/settings';

interface AppContextValue {
  client: ContractClient;
  info: AppInfo;
  settings: Settings;
  updateSettings(change: Partial<Settings>): Promise<Settings>;
}

const Ctx = createContext<AppContextValue | null>(null);

export function AppProvider(props: { client: ContractClient; info: AppInfo; initialSettings: Settings; onSettings?: (s: Settings) => void; children: ReactNode }) {
  const [settings, setSettings] = useState(props.initialSettings);
  const { client, onSettings } = props;
  const updateSettings = useCallback(
    async (change: Partial<Settings>) => {
      const saved = await client.invoke('settings.set', change);
      setSettings(saved);
      onSettings?.(saved);
      return saved;
    },
    [client, onSettings],
  );
  const value = useMemo(() => ({ client, info: props.info, settings, updateSettings }), [client, props.info, settings, updateSettings]);
  return <Ctx.Provider value={value}>{props.children}</Ctx.Provider>;
}

export function useApp(): AppContextValue {
  const value = useContext(Ctx);
  if (!value) throw new Error('useApp outside AppProvider');
  return value;
}
