// Screens behind sign-in: without a session, to the login page (and back after).
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading } from '../components/Loading';
import { useSession } from '../session/SessionProvider';

export function RequireSession() {
  const { me, loading, error } = useSession();
  const location = useLocation();
  if (loading) return <Loading />;
  if (error) return <main className="page"><ErrorNotice error={error} /></main>;
  if (!me) {
    return <Navigate to="/app/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <Outlet />;
}
