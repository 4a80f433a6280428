// Sign-in with e-mail and password; on success, on to where the user was going.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LanguageSelect } from '../../app/LanguageSelect';
import { useI18n } from '../../i18n/I18nProvider';
import { useSession } from '../../session/SessionProvider';

export function LoginPage() {
  const { t } = useI18n();
  const { me, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const next = (location.state as { from?: string } | null)?.from ?? '/app';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (me) return <Navigate to={next} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
      navigate(next, { replace: true });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const wrongCredentials = error instanceof ApiError && error.status === 401;

  return (
    <main className="login" id="main">
      <div className="login-card">
        <div className="login-top">
          <p className="brand">Voxloop</p>
          <LanguageSelect />
        </div>
        <h1>{t('login.title')}</h1>
        <form onSubmit={submit}>
          <label className="field">
            <span>{t('login.email')}</span>
            <input type="email" name="email" autoComplete="username" required value={email}
                   onChange={(event) => setEmail(event.target.value)} />
          </label>
          <label className="field">
            <span>{t('login.password')}</span>
            <input type="password" name="password" autoComplete="current-password" required value={password}
                   onChange={(event) => setPassword(event.target.value)} />
          </label>
          {wrongCredentials && <p className="notice notice-error" role="alert">{t('login.wrong')}</p>}
          {error !== null && !wrongCredentials && <ErrorNotice error={error} />}
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('login.signingIn') : t('login.submit')}
          </button>
        </form>
      </div>
    </main>
  );
}
