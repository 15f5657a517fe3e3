import { h } from '../dom/h';
import { formatDateTime, t } from '../i18n';
import { codeLabel, listHead, recordList, statusBadge } from '../filing/record-view';
import type { Page } from '../shell/router';
import { canFilePenaltyCase, listPenaltyCases } from './penalty-cases-api';

/** `#/penalty-cases` 案件办理: the district's penalty cases, newest first; officers file new ones from here. */
export const penaltyCaseListPage: Page = async (ctx, view) => {
  view.setTitle(t('penaltyCases.title'));
  const slot = h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, t('app.loading')));
  view.outlet.append(
    h(
      'section',
      { class: 'page' },
      listHead(t('penaltyCases.title'), canFilePenaltyCase(ctx.user.roles) ? '#/penalty-cases/new' : null, t('penaltyCases.new'), 'penalty-case-new'),
      slot,
    ),
  );

  const cases = await listPenaltyCases(ctx.api, view.signal);
  slot.replaceWith(
    recordList(
      'penalty-case-list',
      cases.map((item) => ({
        id: item.id,
        href: `#/penalty-cases/${encodeURIComponent(item.id)}`,
        caseNumber: item.caseNumber,
        title: item.title,
        meta: [
          statusBadge('penaltyStatus', item.status),
          h('span', {}, codeLabel('violation', item.violationCode)),
          h('span', {}, `${t('filing.createdAt')} ${formatDateTime(item.createdAt)}`),
        ],
      })),
      t('penaltyCases.empty'),
    ),
  );
};
