// Settings: language, theme, units, currency and company details. Choices save at once through the contract;
// text fields save on the Save button.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/app-context';

export function SettingsPage() {
  const { t } = useTranslation();
  const { settings, updateSettings, info } = useApp();
  const [companyName, setCompanyName] = useState(settings.companyName);
  const [cloudUrl, setCloudUrl] = useState(settings.cloudUrl);
  const [status, setStatus] = useState<string>('');

  async function saveText() {
    await updateSettings({ companyName, cloudUrl });
    setStatus(t('common.saved'));
  }

  return (
    <section className="page settings" aria-labelledby="settings-title">
      <h2 id="settings-title">{t('settings.title')}</h2>
      <div className="form-grid">
        <label htmlFor="set-language">{t('settings.language')}</label>
        <select id="set-language" data-testid="setting-language" value={settings.language}
          onChange={(e) => void updateSettings({ language: e.target.value as 'en' | 'id' })}>
          <option value="en">English</option>
          <option value="id">Bahasa Indonesia</option>
        </select>

        <label htmlFor="set-theme">{t('settings.theme')}</label>
        <select id="set-theme" data-testid="setting-theme" value={settings.theme}
          onChange={(e) => void updateSettings({ theme: e.target.value as 'light' | 'dark' | 'system' })}>
          <option value="system">{t('settings.theme.system')}</option>
          <option value="light">{t('settings.theme.light')}</option>
          <option value="dark">{t('settings.theme.dark')}</option>
        </select>

        <label htmlFor="set-units">{t('settings.units')}</label>
        <select id="set-units" data-testid="setting-units" value={settings.units}
          onChange={(e) => void updateSettings({ units: e.target.value as 'mm' | 'in' })}>
          <option value="mm">{t('settings.units.mm')}</option>
          <option value="in">{t('settings.units.in')}</option>
        </select>

        <label htmlFor="set-currency">{t('settings.currency')}</label>
        <select id="set-currency" value={settings.currency} onChange={(e) => void updateSettings({ currency: e.target.value })}>
          {['IDR', 'USD', 'SGD', 'MYR', 'EUR'].map((c) => <option key={c} value={c}>{c}</option>)}
        </select>

        <label htmlFor="set-company">{t('settings.companyName')}</label>
        <input id="set-company" data-testid="setting-company" value={companyName} maxLength={200} onChange={(e) => setCompanyName(e.target.value)} />

        <label htmlFor="set-cloud">{t('settings.cloudUrl')}</label>
        <input id="set-cloud" value={cloudUrl} placeholder="https://" maxLength={500} onChange={(e) => setCloudUrl(e.target.value)} />
      </div>
      <p>
        <button type="button" data-testid="settings-save" onClick={() => void saveText()}>{t('common.save')}</button>{' '}
        <span role="status" data-testid="settings-status">{status}</span>
      </p>
      <dl className="about">
        <dt>{t('settings.version')}</dt><dd>{info.version}</dd>
        <dt>{t('settings.dataDir')}</dt><dd><code>{info.dataDir}</code></dd>
      </dl>
    </section>
  );
}
