// Every client-side route. The server answers /app/* with this app, so each path here is
// also a link someone can share or reload.
import { Navigate } from 'react-router';
import type { RouteObject } from 'react-router';
import { CaseDetailPage } from '../features/cases/CaseDetailPage';
import { CasesPage } from '../features/cases/CasesPage';
import { ExplorerPage } from '../features/explorer/ExplorerPage';
import { FeedbackDetailPage } from '../features/feedback/FeedbackDetailPage';
import { RoleHome } from '../features/home/RoleHome';
import { InboxPage } from '../features/inbox/InboxPage';
import { LoginPage } from '../features/login/LoginPage';
import { DrillDownPage } from '../features/metrics/DrillDownPage';
import { OverviewPage } from '../features/overview/OverviewPage';
import { RuleEditorPage } from '../features/rules/RuleEditorPage';
import { RulesPage } from '../features/rules/RulesPage';
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
          { path: 'cases', element: <CasesPage /> },
          { path: 'cases/:caseId', element: <CaseDetailPage /> },
          { path: 'rules', element: <RulesPage /> },
          { path: 'rules/new', element: <RuleEditorPage /> },
          { path: 'rules/:ruleId', element: <RuleEditorPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
];
