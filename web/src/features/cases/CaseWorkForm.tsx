// Working a case: its status (only the moves the server allows), priority, assignee, team
// and tags, saved as one PATCH with the version that was read. When someone else changed the
// case meanwhile the server answers 409 and this says so, with a way to reload.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { updateCase } from '../../api/cases';
import type { CasePatch } from '../../api/cases';
import type { CaseDetail } from '../../api/types';
import { PRIORITIES } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';
import type { Members } from './caseModel';
import { nextStatuses, splitList } from './caseModel';

interface Props {
  item: CaseDetail;
  members: Members;
  // The form is keyed by the case's version, so it starts afresh after every change; the
  // parent remembers which version this form saved.
  justSaved: boolean;
  onSaved: (version: number) => void;
  onReload: () => void;
}

export function CaseWorkForm({ item, members, justSaved, onSaved, onReload }: Props) {
  const { t } = useI18n();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const currentPriority = item.priority_manual ? item.priority : 'auto';
  const [status, setStatus] = useState('');
  const [followup, setFollowup] = useState(false);
  const [priority, setPriority] = useState<string>(currentPriority);
  const [assignee, setAssignee] = useState(item.assignee_id ?? '');
  const [team, setTeam] = useState(item.team);
  const [tags, setTags] = useState(item.tags.join(', '));

  const mutation = useMutation({
    mutationFn: (patch: CasePatch) => updateCase(workspace.id, item.id, patch),
    onSuccess: (updated) => {
      queryClient.setQueryData(['case', workspace.id, item.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['cases', workspace.id] });
      onSaved(updated.version);
    },
  });

  const patch: CasePatch = {};
  if (status) patch.status = status;
  if (status === 'resolved' && followup) patch.followup = true;
  if (priority !== currentPriority) patch.priority = priority;
  if (assignee !== (item.assignee_id ?? '')) patch.assignee_id = assignee || null;
  if (team.trim() !== item.team) patch.team = team.trim();
  const tagList = splitList(tags);
  if (tagList.join('\n') !== item.tags.join('\n')) patch.tags = tagList;
  const changed = Object.keys(patch).length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!changed) return;
    mutation.mutate({ ...patch, version: item.version });
  };
  const conflict = mutation.error instanceof ApiError && mutation.error.status === 409;
  // The current assignee stays choosable even when their role no longer works cases.
  const choices = members.workers.some((member) => member.user_id === item.assignee_id) || !item.assignee_id
    ? members.workers
    : [...members.workers, ...members.all.filter((member) => member.user_id === item.assignee_id)];

  return (
    <section className="panel" aria-labelledby="work-title">
      <h2 id="work-title">{t('work.title')}</h2>
      <form className="work-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="work-status">{t('work.status')}</label>
          <select id="work-status" value={status} onChange={(event) => { setStatus(event.target.value); }}>
            <option value="">{t('work.keepStatus', { status: t(`status.${item.status}`) })}</option>
            {nextStatuses(item.status).map((next) => <option key={next} value={next}>{t(`status.${next}`)}</option>)}
          </select>
        </div>
        {status === 'resolved' && (
          <label className="check">
            <input type="checkbox" checked={followup} onChange={(event) => setFollowup(event.target.checked)} />
            {t('work.followup')}
          </label>
        )}
        <div className="field">
          <label htmlFor="work-priority">{t('cases.priority')}</label>
          <select id="work-priority" value={priority} onChange={(event) => { setPriority(event.target.value); }}>
            <option value="auto">{t('work.priorityAuto')}</option>
            {PRIORITIES.map((level) => <option key={level} value={level}>{t(`priority.${level}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="work-assignee">{t('cases.assignee')}</label>
          <select id="work-assignee" value={assignee} onChange={(event) => { setAssignee(event.target.value); }}>
            <option value="">{t('cases.unassigned')}</option>
            {choices.map((member) => (
              <option key={member.user_id} value={member.user_id}>{member.name || member.email}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="work-team">{t('cases.team')}</label>
          <input id="work-team" value={team} maxLength={100} onChange={(event) => { setTeam(event.target.value); }} />
        </div>
        <div className="field">
          <label htmlFor="work-tags">{t('cases.tags')}</label>
          <input id="work-tags" value={tags} aria-describedby="work-tags-help"
                 onChange={(event) => { setTags(event.target.value); }} />
          <span id="work-tags-help" className="help">{t('work.tagsHelp')}</span>
        </div>
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={!changed || mutation.isPending}>
            {mutation.isPending ? t('common.saving') : t('work.save')}
          </button>
        </div>
        {justSaved && !changed && <p className="notice" role="status">{t('work.saved')}</p>}
        {conflict && (
          <div className="notice notice-error" role="alert">
            <p>{t('work.conflict')}</p>
            <button type="button" className="button" onClick={() => { mutation.reset(); onReload(); }}>
              {t('work.reload')}
            </button>
          </div>
        )}
        {mutation.error && !conflict && <ErrorNotice error={mutation.error} />}
      </form>
    </section>
  );
}
