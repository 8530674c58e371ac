// i18next set up with every string bundled (no network loading); the language comes from the persisted settings.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources, type Language } from './resources';

export function setupI18n(language: Language): typeof i18next {
  void i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: resources.en }, id: { translation: resources.id } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return i18next;
}

/** Formats money the way a shop in Indonesia expects: Rp 1.250.000 (no decimals for IDR). */
export function formatMoney(amount: number, currency: string, language: Language): string {
  return new Intl.NumberFormat(language === 'id' ? 'id-ID' : 'en-US', {
    style: 'currency',
    currency,
    maximumFractionDigits: currency === 'IDR' ? 0 : 2,
  }).format(amount);
}

/** Formats a length in the user's units (geometry is always millimetres inside). */
export function formatLength(mm: number, units: 'mm' | 'in', language: Language): string {
  const value = units === 'in' ? mm / 25.4 : mm;
  const digits = units === 'in' ? 3 : 2;
  return `${new Intl.NumberFormat(language === 'id' ? 'id-ID' : 'en-US', { maximumFractionDigits: digits }).format(value)} ${units}`;
}
