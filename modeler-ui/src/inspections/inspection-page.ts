import { auditTimeline } from '../cases/audit-timeline';
import { h } from '../dom/h';
import { formatDateTime, t } from '../i18n';
import { asAuditEntries, codeLabel, facts, statusBadge } from '../filing/record-view';
import type { Page } from '../shell/router';
import { getInspection, scenarioName, type InspectionDetail } from './inspections-api';

/** `#/inspections/:id`: the inspection, its checklist, the merged problem list and rectification rounds, the trail. */
export const inspectionPage: Page = async (ctx, view) => {
  const [id = ''] = view.params;
  const detail = await getInspection(ctx.api, id, view.signal);
  view.setTitle(detail.caseNumber ? `${detail.caseNumber} ${detail.title}` : detail.title);

  view.outlet.append(
    h(
      'section',
      { class: 'page', 'data-testid': 'inspection-page', 'data-id': detail.id },
      h('a', { class: 'back-link', href: '#/inspections' }, `‹ ${t('inspection.back')}`),
      h('h1', {}, detail.title),
      h(
        'section',
        { class: 'card', 'data-testid': 'inspection-facts' },
        h('h2', { class: 'card-title' }, t('inspection.summary')),
        facts([
          [t('filing.caseNumber'), h('span', { 'data-testid': 'case-number' }, detail.caseNumber ?? t('filing.unnumbered'))],
          [t('filing.status'), statusBadge('inspectionStatus', detail.status, 'inspection-status')],
          [t('inspection.outcome'), detail.outcome ? codeLabel('inspectionOutcome', detail.outcome) : undefined],
          [t('inspection.scenario'), scenarioName(detail.scenario)],
          [t('inspection.partyName'), detail.partyName],
          [t('inspection.address'), detail.address],
          [t('inspection.departments'), detail.departments.join('、')],
          [t('inspection.round'), detail.rectificationRound ? t('inspection.roundValue', { round: detail.rectificationRound }) : undefined],
          [t('inspection.rectifyDueAt'), detail.rectifyDueAt ? formatDateTime(detail.rectifyDueAt) : undefined],
          [t('filing.createdAt'), formatDateTime(detail.createdAt)],
          [t('filing.closedAt'), detail.closedAt ? formatDateTime(detail.closedAt) : undefined],
        ]),
      ),
      h('section', { class: 'card', 'data-testid': 'inspection-problems' }, h('h2', { class: 'card-title' }, t('inspection.problems')), problemList(detail)),
      h(
        'section',
        { class: 'card', 'data-testid': 'inspection-checklist' },
        h('h2', { class: 'card-title' }, t('inspection.checklist')),
        h('dl', { class: 'facts' }, ...detail.checklist.flatMap((item) => [h('dt', {}, item.department), h('dd', {}, item.content)])),
      ),
      h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('case.audit')), auditTimeline(asAuditEntries(detail.audit))),
    ),
  );
};

function problemList(detail: InspectionDetail): HTMLElement {
  if (detail.problems.length === 0) return h('p', { class: 'muted' }, t('inspection.problemsEmpty'));
  return h(
    'ul',
    { class: 'problem-list' },
    ...detail.problems.map((problem) =>
      h(
        'li',
        { class: 'problem', 'data-testid': 'inspection-problem', 'data-status': problem.status },
        h(
          'div',
          { class: 'review-head' },
          h('span', { class: 'review-level' }, problem.department),
          h('span', { class: `badge ${problem.status === 'fixed' ? 'status-closed' : 'badge-attention'}` }, codeLabel('problemStatus', problem.status)),
        ),
        h('p', { class: 'review-comment' }, problem.description),
        problem.fixedAt ? h('p', { class: 'muted' }, t('inspection.fixedAt', { at: formatDateTime(problem.fixedAt) })) : null,
      ),
    ),
  );
}
