// The list behind the bell: the newest notifications, unread ones marked in words, each one
// a button that marks it read and opens what it is about; "Show older" adds the next page.
import type { Ref } from 'react';
import type { Notification, NotificationPage } from '../api/notifications';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading } from '../components/Loading';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useWorkspace } from '../session/WorkspaceContext';

const KIND_LABELS: Record<string, MessageKey> = {
  'case.assigned': 'notifications.kind.case.assigned',
  'case.sla_breached': 'notifications.kind.case.sla_breached',
  'rule.alert': 'notifications.kind.rule.alert',
};

interface Props {
  id: string;
  panelRef: Ref<HTMLDivElement>;
  page: NotificationPage | undefined;
  loadError: unknown;
  writeError: unknown;
  markingAll: boolean;
  loadingOlder: boolean;
  onOpen: (notification: Notification) => void;
  onMarkAllRead: () => void;
  onLoadOlder: (cursor: string) => void;
}

export function NotificationPanel({ id, panelRef, page, loadError, writeError, markingAll, loadingOlder, onOpen,
                                    onMarkAllRead, onLoadOlder }: Props) {
  const { t } = useI18n();
  const unread = page?.unread_count ?? 0;
  let content;
  if (page) {
    content = page.items.length === 0
      ? <p className="empty notification-empty">{t('notifications.empty')}</p>
      : (
        <ul className="notification-list">
          {page.items.map((item) => <NotificationRow key={item.id} item={item} onOpen={onOpen} />)}
        </ul>
      );
  } else {
    content = loadError ? <ErrorNotice error={loadError} /> : <Loading />;
  }
  return (
    <div className="notification-panel" id={id} role="dialog" aria-labelledby={`${id}-title`}
         data-testid="notification-panel" tabIndex={-1} ref={panelRef}>
      <div className="notification-panel-top">
        <h2 id={`${id}-title`}>{t('notifications.title')}</h2>
        <button type="button" className="link-button" disabled={unread === 0 || markingAll} onClick={onMarkAllRead}>
          {t('notifications.markAllRead')}
        </button>
      </div>
      {writeError ? <ErrorNotice error={writeError} /> : null}
      {content}
      {page?.next_cursor ? (
        <button type="button" className="link-button notification-older" disabled={loadingOlder}
                onClick={() => page.next_cursor && onLoadOlder(page.next_cursor)}>
          {t('notifications.older')}
        </button>
      ) : null}
    </div>
  );
}

function NotificationRow({ item, onOpen }: { item: Notification; onOpen: (notification: Notification) => void }) {
  const { t, formatDateTime, formatRelative } = useI18n();
  const { workspace } = useWorkspace();
  const unread = !item.read_at;
  return (
    <li>
      <button type="button" className={unread ? 'notification-item is-unread' : 'notification-item'}
              data-notification-id={item.id} data-kind={item.kind} data-unread={unread ? 'true' : 'false'}
              onClick={() => onOpen(item)}>
        <span className="notification-meta">
          {unread && <span className="badge badge-new">{t('notifications.unread')}</span>}
          <span>{t(KIND_LABELS[item.kind] ?? 'notifications.kind.other')}</span>
          <time dateTime={item.created_at} title={formatDateTime(item.created_at, workspace.timezone)}>
            {formatRelative(item.created_at)}
          </time>
        </span>
        <span className="notification-title">{item.title}</span>
        {item.body && <span className="notification-body">{item.body}</span>}
      </button>
    </li>
  );
}
