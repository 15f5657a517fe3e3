import { h } from '../dom/h';
import { formatDateTime, t } from '../i18n';
import { codeLabel, listHead, recordList, statusBadge } from '../filing/record-view';
import type { Page } from '../shell/router';
import { canFileCreditRepair, listCreditRepairs } from './credit-repairs-api';

/** `#/credit-repairs` 信用修复: the district's applications, newest first. */
export const creditRepairListPage: Page = async (ctx, view) => {
  view.setTitle(t('creditRepairs.title'));
  const slot = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, t('app.loading')));
  view.outlet.append(
    h(
      'section',
      { class: 'page' },
      listHead(t('creditRepairs.title'), canFileCreditRepair(ctx.user.roles) ? '#/credit-repairs/new' : null, t('creditRepairs.new'), 'credit-repair-new'),
      slot,
    ),
  );

  const applications = await listCreditRepairs(ctx.api, view.signal);
  slot.replaceWith(
    recordList(
      'credit-repair-list',
      applications.map((item) => ({
        id: item.id,
        href: `#/credit-repairs/${encodeURIComponent(item.id)}`,
        caseNumber: item.caseNumber,
        title: item.title,
        meta: [
          statusBadge('creditStatus', item.status),
          h('span', {}, codeLabel('repairType', item.repairType)),
          h('span', {}, `${t('filing.createdAt')} ${formatDateTime(item.createdAt)}`),
        ],
      })),
      t('creditRepairs.empty'),
    ),
  );
};
