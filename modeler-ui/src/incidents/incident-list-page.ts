import { errorMessage } from '../api/api-error';
import { h } from '../dom/h';
import { formatDateTime, t } from '../i18n';
import type { Page } from '../shell/router';
import { listIncidents, retryIncident, type Incident } from './incidents-api';
import { metricsCard } from '../metrics/metrics-card';

/** `#/incidents` 运维监控: district IT sees the district's failed steps and retries them once the cause is fixed. */
export const incidentListPage: Page = async (ctx, view) => {
  view.setTitle(t('incidents.title'));
  const list = h('ul', { class: 'case-list', 'data-testid': 'incident-list', 'aria-busy': 'true' }, h('li', { class: 'muted' }, t('app.loading')));
  view.outlet.append(h('section', { class: 'page' }, h('h1', {}, t('incidents.title')), metricsCard(ctx.api, view.signal), h('p', { class: 'muted' }, t('incidents.hint')), list));

  const row = (incident: Incident): HTMLElement => {
    const retry = h(
      'button',
      {
        type: 'button',
        class: 'button button-primary',
        'data-testid': 'incident-retry',
        onClick: async () => {
          retry.setAttribute('disabled', '');
          try {
            await retryIncident(ctx.api, incident.id);
            ctx.toast(t('incidents.retried', { step: incident.step.name ?? incident.step.activityId }));
            await view.refresh();
          } catch (error) {
            retry.removeAttribute('disabled');
            ctx.toast(errorMessage(error), 'error');
          }
        },
      },
      t('incidents.retry'),
    );
    return h(
      'li',
      { class: 'card incident-row', 'data-testid': 'incident-row', 'data-incident-id': incident.id },
      incident.case
        ? h(
            'a',
            { href: `#/cases/${encodeURIComponent(incident.case.businessKey)}`, class: 'case-row-link' },
            h('span', { class: 'case-number' }, incident.case.caseNumber ?? t('incidents.noCaseNumber')),
            h('span', { class: 'case-title' }, incident.case.title),
          )
        : h('span', { class: 'case-title' }, t('incidents.noCase')),
      h('p', {}, h('strong', {}, `${t('incidents.step')}：`), incident.step.name ?? incident.step.activityId),
      h('p', { class: 'incident-message', 'data-testid': 'incident-message' }, incident.message ?? ''),
      h(
        'p',
        { class: 'task-meta' },
        h('span', {}, `${t('incidents.since')} ${formatDateTime(incident.createdAt)}`),
        incident.retries.length
          ? h('span', {}, t('incidents.retriedBefore', { count: incident.retries.length, last: formatDateTime(incident.retries[0].at), actor: incident.retries[0].actor }))
          : null,
      ),
      retry,
    );
  };

  const incidents = await listIncidents(ctx.api, view.signal);
  list.removeAttribute('aria-busy');
  list.replaceChildren(...(incidents.length === 0 ? [h('li', { class: 'empty' }, t('incidents.empty'))] : incidents.map(row)));
};
