// The case queue: standard views (mine, a team's, unassigned, overdue, breaching soon) and
// filters, all in the URL; paged by cursor; rows selectable for bulk changes.
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { listCases } from '../../api/cases';
import type { Case } from '../../api/types';
import { CASE_STATUSES, PRIORITIES } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { SelectField } from '../../components/SelectField';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { useWorkspace } from '../../session/WorkspaceContext';
import { BulkActions } from './BulkActions';
import { PriorityBadge, StatusBadge } from './badges';
import { DueTime } from './DueTime';
import { useMembers } from './caseModel';
import { VIEWS, queueParams, readQueueFilters, toCaseQuery } from './queue';
import type { QueueFilters, View } from './queue';

const PAGE_SIZE = 25;

const VIEW_LABELS: Record<View, MessageKey> = {
  all: 'cases.view.all',
  mine: 'cases.view.mine',
  team: 'cases.view.team',
  unassigned: 'cases.view.unassigned',
  overdue: 'cases.view.overdue',
  breaching: 'cases.view.breaching',
};

export function CasesPage() {
  const { t, formatNumber } = useI18n();
  const { workspace, can, path } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readQueueFilters(params), [params]);
  const query = useMemo(() => toCaseQuery(filters), [filters]);
  const members = useMembers(workspace.id, can('members.read'));
  const canWork = can('cases.work');
  // The selection belongs to one queue: another view or filter starts with none.
  const queryKey = JSON.stringify(query);
  const [selection, setSelection] = useState<{ key: string; ids: ReadonlySet<string> }>({ key: queryKey, ids: new Set() });
  const selected = selection.key === queryKey ? selection.ids : new Set<string>();
  const setSelected = (ids: ReadonlySet<string>) => setSelection({ key: queryKey, ids });
  const [teamDraft, setTeamDraft] = useState<string | null>(null);

  const pages = useInfiniteQuery({
    queryKey: ['cases', workspace.id, query],
    queryFn: ({ pageParam, signal }) => listCases(workspace.id, query, pageParam, PAGE_SIZE, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    refetchOnWindowFocus: false,
  });
  const items = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);

  const change = (next: Partial<QueueFilters>) => {
    setSelected(new Set());
    setParams(queueParams({ ...filters, ...next }));
  };
  const viewLink = (view: View) => {
    const next = queueParams({ view, team: view === 'team' ? filters.team : undefined });
    const text = next.toString();
    return text ? `${path('cases')}?${text}` : path('cases');
  };
  const applyTeam = (event: FormEvent) => {
    event.preventDefault();
    change({ team: (teamDraft ?? filters.team ?? '').trim() || undefined });
    setTeamDraft(null);
  };
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id); else next.add(id);
    setSelected(next);
  };
  const allSelected = items.length > 0 && items.every((item) => selected.has(item.id));
  const toggleAll = () => setSelected(allSelected ? new Set() : new Set(items.map((item) => item.id)));

  return (
    <div className="cases">
      <header className="page-header">
        <h1>{t('cases.title')}</h1>
        <p className="lead">{t('cases.lead')}</p>
      </header>
      <nav className="queue-views" aria-label={t('cases.views')}>
        <ul>
          {VIEWS.map((view) => (
            <li key={view}>
              <Link to={viewLink(view)} aria-current={filters.view === view ? 'page' : undefined}
                    className={filters.view === view ? 'is-current' : undefined}>
                {t(VIEW_LABELS[view])}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="queue-filters" role="group" aria-label={t('cases.filters')}>
        <SelectField label={t('cases.status')} name="status" value={filters.status ?? ''}
                     onChange={(status) => change({ status: status || undefined })}>
          <option value="">{t('filters.any')}</option>
          <option value="active">{t('cases.statusActive')}</option>
          {CASE_STATUSES.map((status) => <option key={status} value={status}>{t(`status.${status}`)}</option>)}
        </SelectField>
        <SelectField label={t('cases.priority')} name="priority" value={filters.priority ?? ''}
                     onChange={(priority) => change({ priority: priority || undefined })}>
          <option value="">{t('filters.any')}</option>
          {PRIORITIES.map((priority) => <option key={priority} value={priority}>{t(`priority.${priority}`)}</option>)}
        </SelectField>
        <form className="field field-inline" onSubmit={applyTeam}>
          <label htmlFor="queue-team">{t('cases.team')}</label>
          <input id="queue-team" name="team" value={teamDraft ?? filters.team ?? ''} maxLength={100}
                 onChange={(event) => setTeamDraft(event.target.value)} />
          <button type="submit" className="button">{t('filters.apply')}</button>
        </form>
      </div>
      {filters.view === 'team' && !filters.team && <p className="notice">{t('cases.teamNeeded')}</p>}

      {canWork && (
        <BulkActions key={queryKey} selected={[...selected]} cases={items} members={members}
                     onDone={(succeeded) => setSelected(new Set([...selected].filter((id) => !succeeded.includes(id))))} />
      )}

      {pages.isPending && <Loading />}
      {pages.error && <ErrorNotice error={pages.error} />}
      {pages.isSuccess && (items.length === 0
        ? <p className="empty">{t('cases.empty')}</p>
        : (
          <div className="table-scroll">
            <table className="case-table">
              <caption className="visually-hidden">{t('cases.tableCaption')}</caption>
              <thead>
                <tr>
                  {canWork && (
                    <th scope="col">
                      <input type="checkbox" checked={allSelected} onChange={toggleAll}
                             aria-label={t('cases.selectAll')} />
                    </th>
                  )}
                  <th scope="col">{t('cases.caseTitle')}</th>
                  <th scope="col">{t('cases.status')}</th>
                  <th scope="col">{t('cases.priority')}</th>
                  <th scope="col">{t('cases.assignee')}</th>
                  <th scope="col">{t('cases.team')}</th>
                  <th scope="col">{t('cases.due')}</th>
                  <th scope="col">{t('cases.items')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <CaseRow key={item.id} item={item} canWork={canWork} selected={selected.has(item.id)}
                           onToggle={() => toggle(item.id)} assigneeName={item.assignee_id ? members.nameOf(item.assignee_id) : null}
                           itemCount={formatNumber(item.feedback_item_ids.length)} />
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {pages.hasNextPage && (
        <button type="button" className="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {pages.isFetchingNextPage ? t('common.loading') : t('feed.loadMore')}
        </button>
      )}
    </div>
  );
}

interface RowProps {
  item: Case;
  canWork: boolean;
  selected: boolean;
  onToggle: () => void;
  assigneeName: string | null;
  itemCount: string;
}

function CaseRow({ item, canWork, selected, onToggle, assigneeName, itemCount }: RowProps) {
  const { t } = useI18n();
  const { path } = useWorkspace();
  return (
    <tr data-case-id={item.id} className={selected ? 'is-selected' : undefined}>
      {canWork && (
        <td>
          <input type="checkbox" checked={selected} onChange={onToggle}
                 aria-label={t('cases.select', { title: item.title })} />
        </td>
      )}
      <td className="case-title"><Link to={path(`cases/${item.id}`)}>{item.title}</Link></td>
      <td><StatusBadge status={item.status} /></td>
      <td><PriorityBadge priority={item.priority} /></td>
      <td>{assigneeName ?? <span className="muted">{t('cases.unassigned')}</span>}</td>
      <td>{item.team || <span className="muted">{t('common.none')}</span>}</td>
      <td><DueTime item={item} /></td>
      <td className="numeric">{itemCount}</td>
    </tr>
  );
}
