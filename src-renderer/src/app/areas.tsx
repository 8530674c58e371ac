// The main areas of the workstation, in navigation order, with their keyboard shortcut (Alt+1..6).
import type { ComponentType } from 'react';
import { DesignsPage } from '../features/designs/DesignsPage';
import { MachinesPage } from '../features/machines/MachinesPage';
import { NestPage } from '../features/nest/NestPage';
import { OrdersPage } from '../features/orders/OrdersPage';
import { QuotePage } from '../features/quote/QuotePage';
import { SettingsPage } from '../features/settings/SettingsPage';

export interface Area {
  id: string;
  labelKey: string;
  component: ComponentType;
}

export const areas: Area[] = [
  { id: 'designs', labelKey: 'nav.designs', component: DesignsPage },
  { id: 'quote', labelKey: 'nav.quote', component: QuotePage },
  { id: 'nest', labelKey: 'nav.nest', component: NestPage },
  { id: 'machines', labelKey: 'nav.machines', component: MachinesPage },
  { id: 'orders', labelKey: 'nav.orders', component: OrdersPage },
  { id: 'settings', labelKey: 'nav.settings', component: SettingsPage },
];
