// The customer behind an item, with contact details as the caller's role may see them.
import { useQuery } from '@tanstack/react-query';
import { getCustomer } from '../../api/feedback';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n/I18nProvider';
import { useWorkspace } from '../../session/WorkspaceContext';

function attributeText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function CustomerPanel({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const { workspace } = useWorkspace();
  const customer = useQuery({
    queryKey: ['customer', workspace.id, customerId],
    queryFn: ({ signal }) => getCustomer(workspace.id, customerId, signal),
  });
  const none = <span className="muted">{t('common.none')}</span>;
  return (
    <section className="panel" aria-labelledby="customer-title">
      <h2 id="customer-title">{t('customer.title')}</h2>
      {customer.isPending && <Loading />}
      {customer.error && <ErrorNotice error={customer.error} />}
      {customer.data && (
        <>
          {customer.data.pii_masked && <p className="notice" data-testid="pii-masked">{t('customer.masked')}</p>}
          <dl className="facts">
            <dt>{t('customer.name')}</dt><dd>{customer.data.name ?? none}</dd>
            <dt>{t('customer.email')}</dt><dd>{customer.data.email ?? none}</dd>
            <dt>{t('customer.phone')}</dt><dd>{customer.data.phone ?? none}</dd>
            <dt>{t('customer.externalId')}</dt><dd>{customer.data.external_id ?? none}</dd>
            {Object.entries(customer.data.attributes).map(([key, value]) => (
              <div key={key} className="fact-row"><dt>{key}</dt><dd>{attributeText(value)}</dd></div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
