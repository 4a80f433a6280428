// The bell in the header: how many notifications are unread, and a panel with the recent
// ones. It closes on Escape (focus back on the bell), on a click outside it, and when one is
// opened; links are followed only inside the dashboard (/app/…).
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { isAppLink } from '../api/notifications';
import type { Notification } from '../api/notifications';
import { useI18n } from '../i18n/I18nProvider';
import { useWorkspace } from '../session/WorkspaceContext';
import { NotificationPanel } from './NotificationPanel';
import { useNotifications } from './useNotifications';

const PANEL_ID = 'notification-panel';

export function NotificationBell({ onNavigate }: { onNavigate?: () => void }) {
  const { t, formatNumber } = useI18n();
  const { workspace } = useWorkspace();
  const navigate = useNavigate();
  const { query, markRead, markAllRead, loadOlder } = useNotifications(workspace.id);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const bell = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const count = query.data?.unread_count ?? 0;

  useEffect(() => {
    if (!open) return undefined;
    panel.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      bell.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!(event.target instanceof Node) || !root.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const toggle = () => {
    if (!open) void query.refetch();
    setOpen(!open);
  };
  const follow = (notification: Notification) => {
    if (!notification.read_at) markRead.mutate(notification.id);
    setOpen(false);
    if (isAppLink(notification.link)) {
      onNavigate?.();
      navigate(notification.link);
    }
  };

  return (
    <div className="notification-bell" ref={root}>
      <button type="button" className="button bell-button" ref={bell}
              aria-label={count > 0 ? t('notifications.labelUnread', { count }) : t('notifications.label')}
              aria-expanded={open} aria-controls={PANEL_ID} aria-haspopup="dialog" onClick={toggle}>
        <svg className="bell-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 2a6 6 0 0 0-6 6v3.6L4.3 15a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 11.6V8a6 6 0 0 0-6-6Zm0 20a3 3 0 0 0 2.8-2H9.2a3 3 0 0 0 2.8 2Z" />
        </svg>
        <span className="bell-count" data-testid="notification-count" data-value={count} aria-hidden="true"
              hidden={count === 0}>
          {count > 99 ? `${formatNumber(99)}+` : formatNumber(count)}
        </span>
      </button>
      {open && (
        <NotificationPanel id={PANEL_ID} panelRef={panel} page={query.data} loadError={query.error}
                           writeError={markRead.error ?? markAllRead.error ?? loadOlder.error}
                           markingAll={markAllRead.isPending} loadingOlder={loadOlder.isPending}
                           onOpen={follow} onMarkAllRead={() => markAllRead.mutate()}
                           onLoadOlder={(cursor) => loadOlder.mutate(cursor)} />
      )}
    </div>
  );
}
