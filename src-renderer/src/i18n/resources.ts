// All UI strings, merged from one module per area. Adding an area's strings: one line here. A unit test checks
// that English and Indonesian have exactly the same keys.
import { designsStrings } from '../features/designs/strings';
import { editorStrings } from '../features/editor/strings';
import { machinesStrings } from '../features/machines/strings';
import { nestStrings } from '../features/nest/strings';
import { ordersStrings } from '../features/orders/strings';
import { quoteStrings } from '../features/quote/strings';
import { settingsStrings } from '../features/settings/strings';
import { shellStrings } from './shell';

const modules = [shellStrings, settingsStrings, designsStrings, editorStrings, quoteStrings, nestStrings, machinesStrings, ordersStrings];

export type Language = 'en' | 'id';
export const languages: Language[] = ['en', 'id'];

export const resources: Record<Language, Record<string, string>> = {
  en: Object.assign({}, ...modules.map((m) => m.en)),
  id: Object.assign({}, ...modules.map((m) => m.id)),
};
