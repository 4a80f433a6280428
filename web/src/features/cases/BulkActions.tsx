// Changes to the selected cases at once (POST …/cases/bulk): assign to a member, set a status,
// add a tag. Each case changes on its own; the ones that could not are listed with why.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { bulkUpdateCases } from '../../api/cases';
import type { CasePatch } from '../../api/cases';
import type { BulkResult, Case } from '../../api/types';
import { CASE_STATUSES } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { problemMessageKey } from '../../components/problemText';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';
import type { Members } from './caseModel';

interface Props {
  selected: string[];
  cases: Case[];
  members: Members;
  onDone: (succeeded: string[]) => void;
}

export function BulkActions({ selected, cases, members, onDone }: Props) {
  const { t } = useI18n();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const [assignee, setAssignee] = useState('');
  const [status, setStatus] = useState('');
  const [tag, setTag] = useState('');
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const mutation = useMutation({
    mutationFn: (patch: CasePatch) => bulkUpdateCases(workspace.id, selected, patch),
    onSuccess: (answer) => {
      setResults(answer.items);
      onDone(answer.items.filter((item) => item.ok).map((item) => item.id));
      void queryClient.invalidateQueries({ queryKey: ['cases', workspace.id] });
      void queryClient.invalidateQueries({ queryKey: ['case', workspace.id] });
    },
  });
  const run = (patch: CasePatch) => {
    setResults(null);
    mutation.mutate(patch);
  };
  const none = selected.length === 0 || mutation.isPending;
  const titleOf = (id: string) => cases.find((item) => item.id === id)?.title ?? id;
  const failures = results?.filter((item) => !item.ok) ?? [];
  const succeeded = results ? results.length - failures.length : 0;

  return (
    <section className="bulk-actions panel" aria-labelledby="bulk-title">
      <h2 id="bulk-title">{t('bulk.title', { count: selected.length })}</h2>
      <div className="bulk-row">
        <div className="field field-inline">
          <label htmlFor="bulk-assignee">{t('bulk.assignTo')}</label>
          <select id="bulk-assignee" value={assignee} onChange={(event) => setAssignee(event.target.value)}>
            <option value="">{t('bulk.choose')}</option>
            <option value="none">{t('cases.unassigned')}</option>
            {members.workers.map((member) => (
              <option key={member.user_id} value={member.user_id}>{member.name || member.email}</option>
            ))}
          </select>
          <button type="button" className="button" disabled={none || !assignee}
                  onClick={() => run({ assignee_id: assignee === 'none' ? null : assignee })}>
            {t('bulk.assign')}
          </button>
        </div>
        <div className="field field-inline">
          <label htmlFor="bulk-status">{t('bulk.setStatus')}</label>
          <select id="bulk-status" value={status} onChange={(event) => setStatus(event.target.value)}>
            <option value="">{t('bulk.choose')}</option>
            {CASE_STATUSES.filter((value) => value !== 'new').map((value) => (
              <option key={value} value={value}>{t(`status.${value}`)}</option>
            ))}
          </select>
          <button type="button" className="button" disabled={none || !status} onClick={() => run({ status })}>
            {t('bulk.applyStatus')}
          </button>
        </div>
        <div className="field field-inline">
          <label htmlFor="bulk-tag">{t('bulk.addTag')}</label>
          <input id="bulk-tag" value={tag} maxLength={60} onChange={(event) => setTag(event.target.value)} />
          <button type="button" className="button" disabled={none || !tag.trim()}
                  onClick={() => run({ add_tags: [tag.trim()] })}>
            {t('bulk.tag')}
          </button>
        </div>
      </div>
      {mutation.error && <ErrorNotice error={mutation.error} />}
      {results && (
        <div className="bulk-results" role="status">
          <p>{t('bulk.succeeded', { count: succeeded })}</p>
          {failures.length > 0 && (
            <div className="notice notice-error">
              <p>{t('bulk.failed', { count: failures.length })}</p>
              <ul aria-label={t('bulk.failures')}>
                {failures.map((failure) => (
                  <li key={failure.id} data-case-id={failure.id}>
                    {titleOf(failure.id)}: {t(problemMessageKey(failure.error))}
                    {failure.error?.errors?.map((field) => <code key={field.field}> {field.field}</code>)}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
