// A dashboard panel around one query's answer: its title, a loading or error state, an
// empty message when the period has no responses, else the content.
import type { ReactNode } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n/I18nProvider';

interface Props {
  id: string;
  title: string;
  lead?: string;
  loading: boolean;
  error: unknown;
  empty: boolean;
  tools?: ReactNode;
  // Shown whatever the state (pickers that change the query).
  controls?: ReactNode;
  children: ReactNode;
}

export function ChartPanel({ id, title, lead, loading, error, empty, tools, controls, children }: Props) {
  const { t } = useI18n();
  let body: ReactNode = children;
  if (loading) body = <Loading />;
  else if (error) body = <ErrorNotice error={error} />;
  else if (empty) body = <p className="empty">{t('metrics.empty')}</p>;
  return (
    <section className="panel chart-panel" aria-labelledby={`${id}-title`} data-testid={id}>
      <div className="panel-header">
        <h2 id={`${id}-title`}>{title}</h2>
        {tools}
      </div>
      {lead && <p className="panel-lead">{lead}</p>}
      {controls}
      {body}
    </section>
  );
}
