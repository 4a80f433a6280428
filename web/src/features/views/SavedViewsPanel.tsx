// The views saved for one screen: open one, delete one's own, or save the current filters
// under a name — privately or for the whole workspace.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createView, deleteView, listViews } from '../../api/views';
import type { SavedView } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';

interface Props {
  page: string;
  filters: Record<string, string | undefined>;
}

function definedOnly(filters: Props['filters']): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter((entry): entry is [string, string] => !!entry[1]));
}

function viewLink(path: (rest?: string) => string, view: SavedView): string {
  const query = new URLSearchParams(view.filters).toString();
  return `${path(view.page)}${query ? `?${query}` : ''}`;
}

export function SavedViewsPanel({ page, filters }: Props) {
  const { t } = useI18n();
  const { workspace, path } = useWorkspace();
  const queryClient = useQueryClient();
  const key = ['views', workspace.id];
  const views = useQuery({ queryKey: key, queryFn: ({ signal }) => listViews(workspace.id, signal) });
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const save = useMutation({
    mutationFn: () => createView(workspace.id, { name: name.trim(), page, filters: definedOnly(filters), shared }),
    onSuccess: () => {
      setName('');
      setShared(false);
      return queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => deleteView(workspace.id, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) save.mutate();
  };
  const forPage = (views.data?.items ?? []).filter((view) => view.page === page);

  return (
    <section className="saved-views" aria-labelledby="saved-views-title">
      <h2 id="saved-views-title">{t('views.title')}</h2>
      {views.error && <ErrorNotice error={views.error} />}
      {forPage.length === 0 && views.isSuccess && <p className="empty">{t('views.none')}</p>}
      <ul className="view-list">
        {forPage.map((view) => (
          <li key={view.id}>
            <Link to={viewLink(path, view)}>{view.name}</Link>
            {view.shared && <span className="badge badge-muted">{t('views.shared')}</span>}
            {view.mine && (
              <button type="button" className="link-button" onClick={() => remove.mutate(view.id)}
                      aria-label={t('views.deleteNamed', { name: view.name })}>
                {t('views.delete')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form className="save-view" onSubmit={submit}>
        <label className="field">
          <span>{t('views.name')}</span>
          <input name="view-name" value={name} maxLength={100} required onChange={(event) => setName(event.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={shared} onChange={(event) => setShared(event.target.checked)} />
          <span>{t('views.shareWithWorkspace')}</span>
        </label>
        <button type="submit" className="button" disabled={save.isPending}>{t('views.save')}</button>
        {save.error && <ErrorNotice error={save.error} />}
        {remove.error && <ErrorNotice error={remove.error} />}
      </form>
    </section>
  );
}
