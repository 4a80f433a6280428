// The signed-in person and signing out.
import { useNavigate } from 'react-router';
import { useI18n } from '../i18n/I18nProvider';
import { useSession } from '../session/SessionProvider';

export function UserMenu() {
  const { t } = useI18n();
  const { me, signOut } = useSession();
  const navigate = useNavigate();
  const leave = async () => {
    await signOut();
    navigate('/app/login', { replace: true });
  };
  return (
    <div className="user-menu">
      <span className="user-name">{me?.user?.name || me?.user?.email}</span>
      <button type="button" className="button" onClick={() => void leave()}>{t('session.signOut')}</button>
    </div>
  );
}
