// The workspace's screens, in navigation order, with the permission each needs. A new
// screen (cases, rules, notifications) is one more row here and one route in routes.tsx.
import type { Permission } from '../api/types';
import type { MessageKey } from '../i18n/messages';

export interface NavItem {
  path: string;
  label: MessageKey;
  permission: Permission;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: 'overview', label: 'nav.overview', permission: 'metrics.read' },
  { path: 'explorer', label: 'nav.explorer', permission: 'feedback.read' },
  { path: 'inbox', label: 'nav.inbox', permission: 'feedback.read' },
  { path: 'cases', label: 'nav.cases', permission: 'cases.read' },
  { path: 'rules', label: 'nav.rules', permission: 'rules.read' },
];
