// Alert rules, in the order they are judged: whether each is on, how often it fired and when
// it last did. People who manage rules switch them on and off here and open the editor.
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listRules, updateRule } from '../../api/rules';
import type { Rule } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';

export function RulesPage() {
  const { t } = useI18n();
  const { workspace, can, path } = useWorkspace();
  const rules = useQuery({
    queryKey: ['rules', workspace.id],
    queryFn: ({ signal }) => listRules(workspace.id, signal),
  });
  const canManage = can('rules.manage');
  return (
    <div className="rules">
      <header className="page-header">
        <h1>{t('rules.title')}</h1>
        {canManage && <Link to={path('rules/new')} className="button button-primary">{t('rules.new')}</Link>}
        <p className="lead">{t('rules.lead')}</p>
      </header>
      {rules.isPending && <Loading />}
      {rules.error && <ErrorNotice error={rules.error} />}
      {rules.data && (rules.data.items.length === 0
        ? <p className="empty">{t('rules.empty')}</p>
        : (
          <div className="table-scroll">
            <table className="rule-table">
              <caption className="visually-hidden">{t('rules.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('rules.name')}</th>
                  <th scope="col">{t('rules.enabled')}</th>
                  <th scope="col">{t('rules.firedCount')}</th>
                  <th scope="col">{t('rules.lastFired')}</th>
                </tr>
              </thead>
              <tbody>
                {rules.data.items.map((rule) => <RuleRow key={rule.id} rule={rule} canManage={canManage} />)}
              </tbody>
            </table>
          </div>
        ))}
    </div>
  );
}

function RuleRow({ rule, canManage }: { rule: Rule; canManage: boolean }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  const { workspace, path } = useWorkspace();
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => updateRule(workspace.id, rule.id, { enabled }),
    onSuccess: (updated) => {
      queryClient.setQueryData<{ items: Rule[] }>(['rules', workspace.id], (old) => old && ({
        ...old, items: old.items.map((item) => (item.id === updated.id ? updated : item)),
      }));
      queryClient.setQueryData(['rule', workspace.id, rule.id], updated);
    },
  });
  return (
    <tr data-rule-id={rule.id}>
      <td><Link to={path(`rules/${rule.id}`)}>{rule.name}</Link></td>
      <td>
        <label className="check">
          <input type="checkbox" role="switch" checked={rule.enabled} disabled={!canManage || toggle.isPending}
                 aria-label={t('rules.enableNamed', { name: rule.name })}
                 onChange={(event) => toggle.mutate(event.target.checked)} />
          <span aria-hidden="true">{t(rule.enabled ? 'rules.on' : 'rules.off')}</span>
        </label>
        {toggle.error && <ErrorNotice error={toggle.error} />}
      </td>
      <td className="numeric" data-testid="fired-count">{formatNumber(rule.fired_count)}</td>
      <td>
        {rule.last_fired_at
          ? <time dateTime={rule.last_fired_at}>{formatDateTime(rule.last_fired_at, workspace.timezone)}</time>
          : <span className="muted">{t('rules.never')}</span>}
      </td>
    </tr>
  );
}
