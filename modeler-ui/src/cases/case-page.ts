import { clear, h } from '../dom/h';
import { formatDateTime, label, t } from '../i18n';
import { categoryLabel } from '../intakes/intake-categories';
import type { Page } from '../shell/router';
import { auditTimeline } from './audit-timeline';
import { getCase, getCaseDiagram, type CaseDetail } from './cases-api';

/** `#/cases/:businessKey`: facts, the process diagram with the current steps, the audit trail. */
export const casePage: Page = async (ctx, view) => {
  const [businessKey = ''] = view.params;
  // Diagram XML and bpmn-js load alongside the case; their failure only costs the diagram.
  const diagramInputs = Promise.all([getCaseDiagram(ctx.api, businessKey, view.signal), import('./process-diagram')]);
  diagramInputs.catch(() => undefined);
  const detail = await getCase(ctx.api, businessKey, view.signal);
  view.setTitle(`${detail.caseNumber} ${detail.title}`);

  const diagramStatus = h('p', { class: 'muted diagram-status' }, t('case.diagramLoading'));
  const diagram = h('div', {
    class: 'case-diagram',
    'data-testid': 'case-diagram',
    'data-state': 'loading',
    role: 'img',
    'aria-label': t('case.diagram'),
  });
  const controls = h('div', { class: 'diagram-controls' });

  view.outlet.append(
    h(
      'section',
      { class: 'page', 'data-testid': 'case-page', 'data-business-key': detail.businessKey },
      h('a', { class: 'back-link', href: '#/cases' }, `‹ ${t('case.back')}`),
      h('h1', {}, detail.title),
      factsCard(detail),
      h(
        'section',
        { class: 'card' },
        h('div', { class: 'card-head' }, h('h2', { class: 'card-title' }, t('case.diagram')), controls),
        currentStepsList(detail),
        diagram,
        diagramStatus,
      ),
      h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('case.audit')), auditTimeline(detail.audit)),
    ),
  );

  try {
    const [xml, { renderProcessDiagram }] = await diagramInputs;
    if (view.signal.aborted) return;
    const rendered = await renderProcessDiagram(
      diagram,
      xml,
      detail.currentSteps.map((step) => step.activityId),
    );
    if (view.signal.aborted) {
      rendered.destroy();
      return;
    }
    view.onDispose(() => rendered.destroy());
    diagram.dataset.state = 'ready';
    diagram.dataset.currentSteps = rendered.highlighted.join(' ');
    diagramStatus.textContent = rendered.highlighted.length ? t('case.legend') : '';
    const control = (text: string, action: () => void, testId: string) =>
      h('button', { type: 'button', class: 'button button-secondary button-small', 'data-testid': testId, onClick: action }, text);
    clear(controls);
    controls.append(
      control('−', rendered.zoomOut, 'diagram-zoom-out'),
      control('+', rendered.zoomIn, 'diagram-zoom-in'),
      control(t('case.fit'), rendered.fit, 'diagram-fit'),
    );
    controls.children[0]?.setAttribute('aria-label', t('case.zoomOut'));
    controls.children[1]?.setAttribute('aria-label', t('case.zoomIn'));
  } catch (error) {
    if (view.signal.aborted) return;
    console.error(error); // a broken model must not hide the case facts and audit trail
    diagram.dataset.state = 'failed';
    diagramStatus.textContent = t('case.diagramFailed');
  }
};

function factsCard(detail: CaseDetail): HTMLElement {
  const row = (term: string, value: string | Node) => [h('dt', {}, term), h('dd', {}, value)];
  return h(
    'section',
    { class: 'card', 'data-testid': 'case-facts' },
    h('h2', { class: 'card-title' }, t('case.summary')),
    h(
      'dl',
      { class: 'facts' },
      ...row(t('task.caseNumber'), detail.caseNumber),
      ...row(t('case.status'), h('span', { class: `badge badge-status status-${detail.status}`, 'data-testid': 'case-status' }, label('status', detail.status))),
      ...row(t('task.source'), label('source', detail.source)),
      ...row(t('task.category'), categoryLabel(detail.category)),
      ...row(t('task.address'), detail.address),
      ...row(t('case.createdAt'), formatDateTime(detail.createdAt)),
    ),
    h('p', { class: 'case-description' }, detail.description),
  );
}

function currentStepsList(detail: CaseDetail): HTMLElement {
  if (detail.currentSteps.length === 0) {
    return h('p', { class: 'muted', 'data-testid': 'current-steps' }, t('case.noCurrentSteps'));
  }
  return h(
    'p',
    { class: 'current-steps', 'data-testid': 'current-steps' },
    h('span', { class: 'muted' }, `${t('case.currentSteps')}：`),
    ...detail.currentSteps.map((step) =>
      h('span', { class: 'badge badge-current', 'data-activity-id': step.activityId }, step.name ?? step.activityId),
    ),
  );
}
