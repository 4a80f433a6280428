// When a case's resolution is due: relative ("in 3 hours") with the time in the workspace's
// zone; an active case past due says so in words, not colour alone.
import type { Case } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';
import { isActive, isOverdue } from './caseModel';

export function DueTime({ item }: { item: Case }) {
  const { t, formatDateTime, formatRelative } = useI18n();
  const { workspace } = useWorkspace();
  const due = item.resolution_due_at;
  if (!due || !isActive(item.status)) return <span className="muted">{t('common.none')}</span>;
  const overdue = isOverdue(item);
  return (
    <span className={overdue ? 'due is-overdue' : 'due'} data-overdue={overdue ? 'true' : 'false'}>
      {overdue && <span className="badge badge-overdue">{t('cases.overdue')}</span>}
      <time dateTime={due}>{formatRelative(due)}</time>
      <span className="due-absolute">{formatDateTime(due, workspace.timezone)}</span>
    </span>
  );
}
