import { h } from '../dom/h';
import { formatDateTime, t } from '../i18n';
import { listHead, recordList, statusBadge } from '../filing/record-view';
import type { Page } from '../shell/router';
import { canPlanInspection, listInspections, scenarioName } from './inspections-api';

/** `#/inspections` 综合查一次: the district's joint inspections, newest first. */
export const inspectionListPage: Page = async (ctx, view) => {
  view.setTitle(t('inspections.title'));
  const slot = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, t('app.loading')));
  view.outlet.append(
    h(
      'section',
      { class: 'page' },
      listHead(t('inspections.title'), canPlanInspection(ctx.user.roles) ? '#/inspections/new' : null, t('inspections.new'), 'inspection-new'),
      slot,
    ),
  );

  const inspections = await listInspections(ctx.api, view.signal);
  slot.replaceWith(
    recordList(
      'inspection-list',
      inspections.map((item) => ({
        id: item.id,
        href: `#/inspections/${encodeURIComponent(item.id)}`,
        caseNumber: item.caseNumber,
        title: item.title,
        meta: [
          statusBadge('inspectionStatus', item.status),
          h('span', {}, scenarioName(item.scenario)),
          h('span', {}, `${t('filing.createdAt')} ${formatDateTime(item.createdAt)}`),
        ],
      })),
      t('inspections.empty'),
    ),
  );
};
