// The empty state of an area: tells a new user what to do first.
import { useTranslation } from 'react-i18next';

export function EmptyArea({ messageKey }: { messageKey: string }) {
  const { t } = useTranslation();
  return (
    <div className="empty-state" role="status">
      <p>{t(messageKey)}</p>
    </div>
  );
}
