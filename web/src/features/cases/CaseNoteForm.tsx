// An internal note on a case (never sent to the customer).
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { addCaseNote } from '../../api/cases';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';

export function CaseNoteForm({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const mutation = useMutation({
    mutationFn: (note: string) => addCaseNote(workspace.id, caseId, note),
    onSuccess: () => {
      setText('');
      void queryClient.invalidateQueries({ queryKey: ['case', workspace.id, caseId] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) mutation.mutate(text.trim());
  };
  return (
    <form className="note-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="case-note">{t('note.label')}</label>
        <textarea id="case-note" value={text} rows={3} maxLength={10000} aria-describedby="case-note-help"
                  onChange={(event) => setText(event.target.value)} />
        <span id="case-note-help" className="help">{t('note.help')}</span>
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={!text.trim() || mutation.isPending}>
          {mutation.isPending ? t('common.saving') : t('note.add')}
        </button>
      </div>
      {mutation.error && <ErrorNotice error={mutation.error} />}
    </form>
  );
}
