// The main areas of the workstation, in navigation order, with their keyboard shortcut (Alt+1..6).
import type { ComponentType } from 'react';
import { DesignsPage } from '../features/designs/DesignsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { EmptyArea } from './EmptyArea';

export interface Area {
  id: string;
  labelKey: string;
  component: ComponentType;
}

export const areas: Area[] = [
  { id: 'designs', labelKey: 'nav.designs', component: DesignsPage },
  { id: 'quote', labelKey: 'nav.quote', component: () => <EmptyArea messageKey="empty.quote" /> },
  { id: 'nest', labelKey: 'nav.nest', component: () => <EmptyArea messageKey="empty.nest" /> },
  { id: 'machines', labelKey: 'nav.machines', component: () => <EmptyArea messageKey="empty.machines" /> },
  { id: 'orders', labelKey: 'nav.orders', component: () => <EmptyArea messageKey="empty.orders" /> },
  { id: 'settings', labelKey: 'nav.settings', component: SettingsPage },
];
