// Every client-side route. The server answers /app/* with this app, so each path here is
// also a link someone can share or reload.
import { Navigate } from 'react-router';
import type { RouteObject } from 'react-router';
import { ExplorerPage } from '../features/explorer/ExplorerPage';
import { FeedbackDetailPage } from '../features/feedback/FeedbackDetailPage';
import { RoleHome } from '../features/home/RoleHome';
import { InboxPage } from '../features/inbox/InboxPage';
import { LoginPage } from '../features/login/LoginPage';
import { DrillDownPage } from '../features/metrics/DrillDownPage';
import { OverviewPage } from '../features/overview/OverviewPage';
import { WorkspacePicker } from '../features/workspaces/WorkspacePicker';
import { WorkspaceRedirect } from '../features/workspaces/WorkspaceRedirect';
import { NotFoundPage } from './NotFoundPage';
import { RequireSession } from './RequireSession';
import { WorkspaceLayout } from './WorkspaceLayout';

export const routes: RouteObject[] = [
  { path: '/', element: <Navigate to="/app" replace /> },
  { path: '/app/login', element: <LoginPage /> },
  {
    path: '/app',
    element: <RequireSession />,
    children: [
      { index: true, element: <WorkspaceRedirect /> },
      { path: 'workspaces', element: <WorkspacePicker /> },
      {
        path: 'w/:workspaceId',
        element: <WorkspaceLayout />,
        children: [
          { index: true, element: <RoleHome /> },
          { path: 'overview', element: <OverviewPage /> },
          { path: 'explorer', element: <ExplorerPage /> },
          { path: 'inbox', element: <InboxPage /> },
          { path: 'drilldown', element: <DrillDownPage /> },
          { path: 'feedback/:feedbackId', element: <FeedbackDetailPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
];
