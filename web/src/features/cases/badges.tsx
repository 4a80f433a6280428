// A case's status and priority as badges; the text carries the meaning, colour only helps.
import type { CaseStatus, Priority } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useI18n();
  return <span className={`badge badge-status-${status}`} data-status={status}>{t(`status.${status}`)}</span>;
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useI18n();
  return <span className={`badge badge-priority-${priority}`} data-priority={priority}>{t(`priority.${priority}`)}</span>;
}
