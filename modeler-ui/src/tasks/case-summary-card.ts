import { h } from '../dom/h';
import { label, t } from '../i18n';
import { categoryLabel } from '../intakes/intake-categories';
import type { CaseSummary } from './tasks-api';

/** The facts an officer needs before deciding: what, where, from whom. */
export function caseSummaryCard(summary: CaseSummary): HTMLElement {
  const row = (term: string, value: string | Node) => [h('dt', {}, term), h('dd', {}, value)];
  return h(
    'section',
    { class: 'card', 'data-testid': 'case-summary', 'aria-label': t('task.caseSummary') },
    h('h2', { class: 'card-title' }, summary.title),
    h(
      'dl',
      { class: 'facts' },
      ...row(
        t('task.caseNumber'),
        h('a', { href: `#/cases/${encodeURIComponent(summary.businessKey)}` }, summary.caseNumber),
      ),
      ...row(t('task.source'), label('source', summary.source)),
      ...row(t('task.category'), categoryLabel(summary.category)),
      ...row(t('task.address'), summary.address),
    ),
    h('p', { class: 'case-description' }, summary.description),
  );
}
