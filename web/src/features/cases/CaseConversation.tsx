// The case's conversation with its customer (GET …/cases/{id}/messages) and the reply box
// (POST …/cases/{id}/replies). Message bodies are text, never HTML; a body the viewer may
// not see (no pii.read) comes as null with body_hidden.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client';
import { listCaseMessages, sendCaseReply } from '../../api/cases';
import type { NewReply } from '../../api/cases';
import type { CaseMessage } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';

export function CaseConversation({ caseId, canReply }: { caseId: string; canReply: boolean }) {
  const { t } = useI18n();
  const { workspace } = useWorkspace();
  const messages = useQuery({
    queryKey: ['case-messages', workspace.id, caseId],
    queryFn: ({ signal }) => listCaseMessages(workspace.id, caseId, signal),
    retry: false,
    refetchOnWindowFocus: false,
  });
  // A server without the conversation API answers 404/405 for it: the rest of the case works.
  const unavailable = messages.error instanceof ApiError && (messages.error.status === 404 || messages.error.status === 405);
  return (
    <section className="panel" aria-labelledby="conversation-title">
      <h2 id="conversation-title">{t('conversation.title')}</h2>
      {messages.isPending && <Loading />}
      {unavailable && <p className="muted">{t('conversation.unavailable')}</p>}
      {messages.error && !unavailable && <ErrorNotice error={messages.error} />}
      {messages.data && (messages.data.items.length === 0
        ? <p className="empty">{t('conversation.empty')}</p>
        : (
          <ol className="conversation" aria-label={t('conversation.title')}>
            {messages.data.items.map((message) => <MessageEntry key={message.id} message={message} />)}
          </ol>
        ))}
      {canReply && !unavailable && <ReplyForm caseId={caseId} />}
    </section>
  );
}

function MessageEntry({ message }: { message: CaseMessage }) {
  const { t, formatDateTime } = useI18n();
  const { workspace } = useWorkspace();
  const at = message.sent_at ?? message.created_at;
  return (
    <li className={`message message-${message.direction}`} data-message-id={message.id} data-direction={message.direction}>
      <div className="message-head">
        <strong>{t(message.direction === 'inbound' ? 'conversation.fromCustomer' : 'conversation.toCustomer')}</strong>
        <span className="badge">{t(message.kind === 'followup' ? 'conversation.kindFollowup' : 'conversation.kindReply')}</span>
        <span className={`badge badge-message-${message.status}`}>{t(`conversation.status.${message.status}`)}</span>
        <time dateTime={at}>{formatDateTime(at, workspace.timezone)}</time>
      </div>
      {message.subject && <p className="message-subject">{message.subject}</p>}
      {message.body_hidden || message.body === null
        ? <p className="muted">{t('conversation.bodyHidden')}</p>
        : <p className="message-body">{message.body}</p>}
    </li>
  );
}

function ReplyForm({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [wait, setWait] = useState(true);
  const [sent, setSent] = useState(false);
  const mutation = useMutation({
    mutationFn: (reply: NewReply) => sendCaseReply(workspace.id, caseId, reply),
    onSuccess: () => {
      setText('');
      setSent(true);
      void queryClient.invalidateQueries({ queryKey: ['case-messages', workspace.id, caseId] });
      void queryClient.invalidateQueries({ queryKey: ['case', workspace.id, caseId] });
      void queryClient.invalidateQueries({ queryKey: ['cases', workspace.id] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setSent(false);
    mutation.mutate(wait ? { text: text.trim(), status: 'waiting_on_customer' } : { text: text.trim() });
  };
  return (
    <form className="reply-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="case-reply">{t('reply.label')}</label>
        <textarea id="case-reply" value={text} rows={4} maxLength={10000} aria-describedby="case-reply-help"
                  onChange={(event) => { setText(event.target.value); setSent(false); }} />
        <span id="case-reply-help" className="help">{t('reply.help')}</span>
      </div>
      <label className="check">
        <input type="checkbox" checked={wait} onChange={(event) => setWait(event.target.checked)} />
        {t('reply.wait')}
      </label>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={!text.trim() || mutation.isPending}>
          {mutation.isPending ? t('reply.sending') : t('reply.send')}
        </button>
      </div>
      {sent && <p className="notice" role="status">{t('reply.sent')}</p>}
      {mutation.error && <ErrorNotice error={mutation.error} />}
    </form>
  );
}
