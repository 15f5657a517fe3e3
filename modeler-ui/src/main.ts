import './styles/app.css';
import { ApiClient } from './api/api-client';
import { ApiError } from './api/api-error';
import { fetchCurrentUser } from './auth/current-user';
import { fetchUiConfig, startSession, type UiConfig } from './auth/session';
import { casePage } from './cases/case-page';
import { caseListPage } from './cases/case-list-page';
import { h } from './dom/h';
import { language, onLanguageChange, t } from './i18n';
import { newIntakePage } from './intakes/new-intake-page';
import type { AppContext } from './shell/app-context';
import { mountShell } from './shell/app-shell';
import { incidentListPage } from './incidents/incident-list-page';
import { deploymentsPage } from './deployments/deployments-page';
import { deploymentDiffPage, draftReviewPage, draftsPage } from './drafts/review-page';
import { Router, type Route } from './shell/router';
import { taskListPage } from './tasks/task-list-page';
import { taskPage } from './tasks/task-page';
import { penaltyCaseListPage } from './penalty-cases/penalty-case-list-page';
import { newPenaltyCasePage } from './penalty-cases/new-penalty-case-page';
import { penaltyCasePage } from './penalty-cases/penalty-case-page';
import { creditRepairListPage } from './credit-repairs/credit-repair-list-page';
import { newCreditRepairPage } from './credit-repairs/new-credit-repair-page';
import { creditRepairPage } from './credit-repairs/credit-repair-page';
import { inspectionListPage } from './inspections/inspection-list-page';
import { newInspectionPage } from './inspections/new-inspection-page';
import { inspectionPage } from './inspections/inspection-page';

const routes: Route[] = [
  { pattern: /^\/tasks\/?$/, nav: 'tasks', page: taskListPage },
  { pattern: /^\/tasks\/([^/]+)$/, nav: 'tasks', page: taskPage },
  { pattern: /^\/intakes\/new$/, nav: 'new-intake', page: newIntakePage },
  { pattern: /^\/cases\/?$/, nav: 'cases', page: caseListPage },
  { pattern: /^\/cases\/([^/]+)$/, nav: 'cases', page: casePage },
  { pattern: /^\/penalty-cases\/?$/, nav: 'penalty-cases', page: penaltyCaseListPage },
  { pattern: /^\/penalty-cases\/new$/, nav: 'penalty-cases', page: newPenaltyCasePage },
  { pattern: /^\/penalty-cases\/([^/]+)$/, nav: 'penalty-cases', page: penaltyCasePage },
  { pattern: /^\/credit-repairs\/?$/, nav: 'credit-repairs', page: creditRepairListPage },
  { pattern: /^\/credit-repairs\/new$/, nav: 'credit-repairs', page: newCreditRepairPage },
  { pattern: /^\/credit-repairs\/([^/]+)$/, nav: 'credit-repairs', page: creditRepairPage },
  { pattern: /^\/inspections\/?$/, nav: 'inspections', page: inspectionListPage },
  { pattern: /^\/inspections\/new$/, nav: 'inspections', page: newInspectionPage },
  { pattern: /^\/inspections\/([^/]+)$/, nav: 'inspections', page: inspectionPage },
  { pattern: /^\/incidents\/?$/, nav: 'incidents', page: incidentListPage },
  { pattern: /^\/deployments\/?$/, nav: 'deployments', page: deploymentsPage },
  { pattern: /^\/deployments\/([^/]+)\/diff$/, nav: 'deployments', page: deploymentDiffPage },
  { pattern: /^\/drafts\/?$/, nav: 'review', page: draftsPage },
  { pattern: /^\/drafts\/([^/]+)$/, nav: 'review', page: draftReviewPage },
  // The modeler and its editors are a separate chunk: the task list never loads bpmn-js.
  { pattern: /^\/modeler\/?$/, nav: 'modeler', page: (ctx, view) => import('./modeler/modeler-page').then((m) => m.modelerPage(ctx, view)) },
  { pattern: /^\/modeler\/([a-z]+)\/([^/]+)$/, nav: 'modeler', page: (ctx, view) => import('./modeler/modeler-page').then((m) => m.modelerPage(ctx, view)) },
];

/** Before the shell exists: one centred message, optionally with a retry. */
function bootMessage(root: HTMLElement, message: string, retry?: () => void): void {
  root.replaceChildren(
    h(
      'div',
      { class: 'boot-message', role: retry ? 'alert' : 'status', 'data-testid': 'boot-message' },
      h('p', {}, message),
      retry ? h('button', { type: 'button', class: 'button button-primary', onClick: retry }, t('app.retry')) : null,
    ),
  );
}

async function boot(root: HTMLElement): Promise<void> {
  document.title = t('app.name');
  bootMessage(root, t('app.signingIn'));
  const reload = () => location.reload();

  let config: UiConfig;
  try {
    config = await fetchUiConfig();
  } catch (error) {
    console.error(error);
    bootMessage(root, t('app.configFailed'), reload);
    return;
  }

  try {
    const session = await startSession(config, language());
    const api = new ApiClient(session);
    const user = await fetchCurrentUser(api);
    const shell = mountShell(root, user, () => void session.logout());
    const ctx: AppContext = { api, user, toast: shell.toast, navigate: (route) => (location.hash = route) };
    const router = new Router(routes, ctx, shell.outlet, shell.setActive);
    onLanguageChange(() => {
      shell.redraw();
      void router.refresh();
    });
    router.start();
  } catch (error) {
    console.error(error);
    bootMessage(root, error instanceof ApiError ? error.userMessage() : t('app.signInFailed'), reload);
  }
}

const root = document.getElementById('app');
if (root) void boot(root);
