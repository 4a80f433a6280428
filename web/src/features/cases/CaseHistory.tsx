// A case's history, oldest first: who did what and when. Known kinds are described in words;
// any other kind (the server may add some) is shown with its name and data as text.
import { Link } from 'react-router';
import type { CaseEvent } from '../../api/types';
import { CASE_STATUSES, PRIORITIES } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { useWorkspace } from '../../session/WorkspaceContext';
import type { Members } from './caseModel';

const FIELD_LABELS: Record<string, MessageKey> = {
  title: 'cases.caseTitle',
  status: 'cases.status',
  priority: 'cases.priority',
  priority_manual: 'history.prioritySetting',
  team: 'cases.team',
  assignee_id: 'cases.assignee',
  tags: 'cases.tags',
};

const KIND_LABELS: Record<string, MessageKey> = {
  created: 'history.created',
  changed: 'history.changed',
  note: 'history.note',
  items_added: 'history.itemsAdded',
  reply: 'history.reply',
  customer_replied: 'history.customerReplied',
  followup_sent: 'history.followupSent',
  followup_answered: 'history.followupAnswered',
};

function plain(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function idsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}

export function CaseHistory({ history, members }: { history: CaseEvent[]; members: Members }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">{t('history.title')}</h2>
      {history.length === 0
        ? <p className="empty">{t('history.empty')}</p>
        : (
          <ol className="timeline" aria-label={t('history.title')}>
            {history.map((event) => <HistoryEntry key={event.id} event={event} members={members} />)}
          </ol>
        )}
    </section>
  );
}

function HistoryEntry({ event, members }: { event: CaseEvent; members: Members }) {
  const { t, formatDateTime } = useI18n();
  const { workspace, can, path } = useWorkspace();
  const label = KIND_LABELS[event.kind];

  const actor = () => {
    switch (event.actor_type) {
      case 'user': return event.actor_id ? members.nameOf(event.actor_id) : t('history.someone');
      case 'token': return t('history.token');
      case 'rule': return t('history.rule');
      case 'customer': return t('history.customer');
      default: return t('history.system');
    }
  };

  const valueText = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('common.none');
    if (field === 'status' && typeof value === 'string' && (CASE_STATUSES as readonly string[]).includes(value)) {
      return t(`status.${value as (typeof CASE_STATUSES)[number]}`);
    }
    if (field === 'priority' && typeof value === 'string' && (PRIORITIES as readonly string[]).includes(value)) {
      return t(`priority.${value as (typeof PRIORITIES)[number]}`);
    }
    if (field === 'assignee_id' && typeof value === 'string') return members.nameOf(value);
    if (field === 'priority_manual' && typeof value === 'boolean') return t(value ? 'history.manual' : 'history.automatic');
    if (Array.isArray(value)) return value.length === 0 ? t('common.none') : value.map(plain).join(', ');
    return plain(value);
  };

  const body = () => {
    const data = event.data ?? {};
    if (event.kind === 'changed' && data.changes && typeof data.changes === 'object') {
      const changes = Object.entries(data.changes as Record<string, unknown>);
      return (
        <ul className="changes">
          {changes.map(([field, pair]) => {
            const [from, to] = Array.isArray(pair) ? pair : [undefined, pair];
            return (
              <li key={field} data-field={field}>
                <span className="change-field">{FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field}</span>:{' '}
                <span className="change-from">{valueText(field, from)}</span> → <span className="change-to">{valueText(field, to)}</span>
              </li>
            );
          })}
        </ul>
      );
    }
    if (event.kind === 'created') {
      return typeof data.title === 'string' ? <p className="timeline-text">{data.title}</p> : null;
    }
    if (event.kind === 'items_added') {
      const ids = idsOf(data.feedback_ids);
      return (
        <p className="timeline-text">
          {t('history.itemsCount', { count: ids.length })}{' '}
          {ids.map((id) => <Link key={id} to={path(`feedback/${id}`)} className="item-id">{id}</Link>)}
        </p>
      );
    }
    if (typeof data.text === 'string') return <p className="timeline-text">{data.text}</p>;
    if (label) return null;
    const entries = Object.entries(data);
    if (entries.length === 0) return null;
    return (
      <dl className="facts">
        {entries.map(([key, value]) => (
          <div key={key} className="fact-row"><dt>{key}</dt><dd>{plain(value)}</dd></div>
        ))}
      </dl>
    );
  };

  const ruleId = typeof event.data?.rule_id === 'string' ? event.data.rule_id : null;
  return (
    <li className={`timeline-entry timeline-${event.kind}`} data-kind={event.kind}>
      <div className="timeline-head">
        <strong>{label ? t(label) : event.kind}</strong>
        <span className="muted">{actor()}</span>
        {ruleId && can('rules.read') && <Link to={path(`rules/${ruleId}`)}>{t('history.ruleLink')}</Link>}
        <time dateTime={event.at}>{formatDateTime(event.at, workspace.timezone)}</time>
      </div>
      {body()}
    </li>
  );
}
