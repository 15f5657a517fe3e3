import { auditTimeline } from '../cases/audit-timeline';
import { h } from '../dom/h';
import { formatDateTime, t } from '../i18n';
import { asAuditEntries, codeLabel, facts, statusBadge } from '../filing/record-view';
import type { Page } from '../shell/router';
import { getCreditRepair, type CreditRepairDetail } from './credit-repairs-api';

/** `#/credit-repairs/:id`: the application, its materials with what is missing (一次性告知), the decision, the trail. */
export const creditRepairPage: Page = async (ctx, view) => {
  const [id = ''] = view.params;
  const detail = await getCreditRepair(ctx.api, id, view.signal);
  view.setTitle(detail.caseNumber ? `${detail.caseNumber} ${detail.title}` : detail.title);

  view.outlet.append(
    h(
      'section',
      { class: 'page', 'data-testid': 'credit-repair-page', 'data-id': detail.id },
      h('a', { class: 'back-link', href: '#/credit-repairs' }, `‹ ${t('creditRepair.back')}`),
      h('h1', {}, detail.title),
      missingNotice(detail),
      h(
        'section',
        { class: 'card', 'data-testid': 'credit-repair-facts' },
        h('h2', { class: 'card-title' }, t('creditRepair.summary')),
        facts([
          [t('filing.caseNumber'), h('span', { 'data-testid': 'case-number' }, detail.caseNumber ?? t('filing.unnumbered'))],
          [t('filing.status'), statusBadge('creditStatus', detail.status, 'credit-repair-status')],
          [t('creditRepair.repairType'), codeLabel('repairType', detail.repairType)],
          [t('creditRepair.applicant'), detail.applicantName],
          [t('creditRepair.code'), detail.applicantCode],
          [t('creditRepair.phone'), detail.applicantPhone ?? undefined],
          [t('creditRepair.recordRef'), detail.creditRecordRef],
          [t('creditRepair.noticeCount'), detail.noticeCount ? t('creditRepair.noticeCountValue', { count: detail.noticeCount }) : undefined],
          [t('creditRepair.resubmitDueAt'), detail.resubmitDueAt ? formatDateTime(detail.resubmitDueAt) : undefined],
          [t('creditRepair.decisionReason'), detail.decisionReason ?? undefined],
          [t('creditRepair.decidedAt'), detail.decidedAt ? formatDateTime(detail.decidedAt) : undefined],
          [t('creditRepair.publishedAt'), detail.publishedAt ? formatDateTime(detail.publishedAt) : undefined],
          [t('filing.createdAt'), formatDateTime(detail.createdAt)],
          [t('filing.closedAt'), detail.closedAt ? formatDateTime(detail.closedAt) : undefined],
        ]),
        h('p', { class: 'case-description' }, detail.reason),
      ),
      h(
        'section',
        { class: 'card', 'data-testid': 'credit-repair-materials' },
        h('h2', { class: 'card-title' }, t('creditRepair.requiredMaterials')),
        h(
          'ul',
          { class: 'material-list' },
          ...detail.requiredMaterials.map((material) =>
            h(
              'li',
              { class: 'material', 'data-testid': 'material', 'data-code': material.code, 'data-provided': String(material.provided) },
              h('span', {}, materialName(material)),
              h(
                'span',
                { class: `badge ${material.provided ? 'status-closed' : 'badge-attention'}` },
                material.provided ? t('creditRepair.provided') : t('creditRepair.notProvided'),
              ),
            ),
          ),
        ),
      ),
      h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('case.audit')), auditTimeline(asAuditEntries(detail.audit))),
    ),
  );
};

/** The one-time notice: every missing material at once, with the resubmission deadline; or that the check is still running. */
function missingNotice(detail: CreditRepairDetail): HTMLElement | null {
  if (detail.status === 'received') return h('p', { class: 'alert alert-info', 'data-testid': 'credit-repair-checking' }, t('creditRepair.checking'));
  if (detail.missingMaterials.length === 0) return null;
  return h(
    'div',
    { class: 'alert alert-info', 'data-testid': 'missing-materials' },
    h('p', {}, h('strong', {}, t('creditRepair.missing'))),
    h('ul', {}, ...detail.missingMaterials.map((material) => h('li', { 'data-code': material.code }, materialName(material)))),
    detail.status === 'incomplete' && detail.resubmitDueAt ? h('p', {}, t('creditRepair.missingDue', { due: formatDateTime(detail.resubmitDueAt) })) : null,
  );
}

/** The UI's label of a known material, the API's Chinese name of any other. */
function materialName(material: { code: string; name: string }): string {
  const text = codeLabel('material', material.code);
  return text === material.code ? material.name : text;
}
