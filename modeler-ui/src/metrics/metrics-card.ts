import { ApiError, isAbort } from '../api/api-error';
import type { ApiClient } from '../api/api-client';
import { h } from '../dom/h';
import { t } from '../i18n';
import { districtMetrics, type DistrictFigures } from './metrics-api';

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);
const minutes = (value: number | null) => (value === null ? '—' : t('metrics.minutes', { value }));

/** 办结统计: a card with the figures of the caller's district (every district for a province admin); hidden for roles without them. */
export function metricsCard(api: ApiClient, signal: AbortSignal): HTMLElement {
  const body = h('tbody', {}, h('tr', {}, h('td', { colspan: 8, class: 'muted' }, t('app.loading'))));
  const card = h(
    'section',
    { class: 'card metrics-card', 'data-testid': 'metrics-card', 'aria-busy': 'true' },
    h('h2', {}, t('metrics.title')),
    h(
      'table',
      { class: 'metrics-table' },
      h(
        'thead',
        {},
        h('tr', {}, ...(['district', 'open', 'closed', 'closureRate', 'onTimeRate', 'overdue', 'averageHandling', 'rapidResponse'] as const).map((key) => h('th', { scope: 'col' }, t(`metrics.${key}`)))),
      ),
      body,
    ),
  );
  const row = (name: string, f: DistrictFigures, testId: string) =>
    h(
      'tr',
      { 'data-testid': testId },
      h('th', { scope: 'row' }, name),
      h('td', {}, String(f.open)),
      h('td', {}, String(f.closed)),
      h('td', {}, percent(f.closureRate)),
      h('td', {}, percent(f.onTimeRate)),
      h('td', {}, String(f.overdue)),
      h('td', {}, minutes(f.averageHandlingMinutes)),
      h('td', {}, percent(f.rapidResponse.complianceRate)),
    );
  districtMetrics(api, signal)
    .then((report) => {
      card.removeAttribute('aria-busy');
      const rows = report.districts.map((d) => row(d.name, d, 'metrics-district'));
      if (report.districts.length > 1) rows.push(row(t('metrics.overall'), report.overall, 'metrics-overall'));
      body.replaceChildren(...rows);
    })
    .catch((error: unknown) => {
      if (isAbort(error)) return;
      if (error instanceof ApiError && error.status === 403) return card.remove();
      card.removeAttribute('aria-busy');
      body.replaceChildren(h('tr', {}, h('td', { colspan: 8, class: 'muted' }, t('metrics.unavailable'))));
    });
  return card;
}
