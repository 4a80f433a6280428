import { ApiError } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';

// Says what went wrong with a request, in the user's language; the server's own wording for
// field errors is not shown (it is English only) — the field names are.
export function ErrorNotice({ error }: { error: unknown }) {
  const { t } = useI18n();
  let key: MessageKey = 'error.generic';
  if (error instanceof ApiError) {
    if (error.status === 404) key = 'error.notFound';
    else if (error.status === 403) key = 'error.forbidden';
    else if (error.status === 400) key = 'error.invalid';
    else if (error.status === 409) key = 'error.conflict';
    else if (error.status === 429) key = 'error.rateLimited';
    else if (error.status >= 500) key = 'error.server';
  } else if (error instanceof TypeError) {
    key = 'error.network';
  }
  const fields = error instanceof ApiError ? error.problem?.errors ?? [] : [];
  return (
    <div className="notice notice-error" role="alert">
      <p>{t(key)}</p>
      {fields.length > 0 && (
        <ul>{fields.map((field) => <li key={field.field}><code>{field.field}</code></li>)}</ul>
      )}
    </div>
  );
}
