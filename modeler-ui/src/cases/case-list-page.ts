import { h } from '../dom/h';
import { formatDateTime, label, t } from '../i18n';
import type { Page } from '../shell/router';
import { listCases } from './cases-api';

/** `#/cases` 案件: the district's recent cases. */
export const caseListPage: Page = async (ctx, view) => {
  view.setTitle(t('cases.title'));
  const list = h('ul', { class: 'case-list', 'data-testid': 'case-list', 'aria-busy': 'true' }, h('li', { class: 'muted' }, t('app.loading')));
  view.outlet.append(h('section', { class: 'page' }, h('h1', {}, t('cases.title')), list));

  const cases = await listCases(ctx.api, view.signal);
  list.removeAttribute('aria-busy');
  list.replaceChildren(
    ...(cases.length === 0
      ? [h('li', { class: 'empty' }, t('cases.empty'))]
      : cases.map((item) =>
          h(
            'li',
            { class: 'card case-row', 'data-testid': 'case-row', 'data-business-key': item.businessKey },
            h(
              'a',
              { href: `#/cases/${encodeURIComponent(item.businessKey)}`, class: 'case-row-link' },
              h('span', { class: 'case-number' }, item.caseNumber),
              h('span', { class: 'case-title' }, item.title),
              h(
                'span',
                { class: 'task-meta' },
                h('span', { class: `badge badge-status status-${item.status}` }, label('status', item.status)),
                h('span', {}, `${t('cases.createdAt')} ${formatDateTime(item.createdAt)}`),
              ),
            ),
          ),
        )),
  );
};
