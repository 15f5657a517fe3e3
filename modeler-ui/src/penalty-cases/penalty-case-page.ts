import { errorMessage } from '../api/api-error';
import type { ApiClient } from '../api/api-client';
import { auditTimeline } from '../cases/audit-timeline';
import { h } from '../dom/h';
import { formatDateTime, t } from '../i18n';
import { codeLabel, facts, statusBadge } from '../filing/record-view';
import type { Page } from '../shell/router';
import { getPenaltyCase, getPenaltyDocument, type PenaltyCaseDetail, type PenaltyDocument, type PenaltyReview } from './penalty-cases-api';

// Long enough for the browser's PDF viewer or download to read the blob.
const blobUrlLifetimeMs = 60_000;

/** `#/penalty-cases/:id`: the case, every review round with each reviewer's comment, its documents, its trail. */
export const penaltyCasePage: Page = async (ctx, view) => {
  const [id = ''] = view.params;
  const detail = await getPenaltyCase(ctx.api, id, view.signal);
  view.setTitle(detail.caseNumber ? `${detail.caseNumber} ${detail.title}` : detail.title);

  view.outlet.append(
    h(
      'section',
      { class: 'page', 'data-testid': 'penalty-case-page', 'data-id': detail.id },
      h('a', { class: 'back-link', href: '#/penalty-cases' }, `‹ ${t('penaltyCase.back')}`),
      h('h1', {}, detail.title),
      summaryCard(detail),
      h('section', { class: 'card', 'data-testid': 'penalty-reviews' }, h('h2', { class: 'card-title' }, t('penaltyCase.reviews')), reviewRounds(detail.reviews)),
      h(
        'section',
        { class: 'card', 'data-testid': 'penalty-documents' },
        h('h2', { class: 'card-title' }, t('penaltyCase.documents')),
        documentList(ctx.api, detail, (message) => ctx.toast(message, 'error')),
      ),
      h('section', { class: 'card' }, h('h2', { class: 'card-title' }, t('case.audit')), auditTimeline(detail.audit)),
    ),
  );
};

function summaryCard(detail: PenaltyCaseDetail): HTMLElement {
  const yuan = (amount: number | null) => (amount === null ? undefined : t('penaltyCase.yuan', { amount }));
  const band =
    detail.penaltyMinYuan !== null && detail.penaltyMaxYuan !== null ? t('penaltyCase.band', { min: detail.penaltyMinYuan, max: detail.penaltyMaxYuan }) : undefined;
  return h(
    'section',
    { class: 'card', 'data-testid': 'penalty-case-facts' },
    h('h2', { class: 'card-title' }, t('penaltyCase.summary')),
    facts([
      [t('filing.caseNumber'), h('span', { 'data-testid': 'case-number' }, detail.caseNumber ?? t('filing.unnumbered'))],
      [t('filing.status'), statusBadge('penaltyStatus', detail.status, 'penalty-case-status')],
      [t('penaltyCase.party'), `${detail.partyName}（${codeLabel('partyType', detail.partyType)}）`],
      [t('penaltyCase.violation'), codeLabel('violation', detail.violationCode)],
      [t('penaltyCase.procedure'), detail.procedure ? codeLabel('procedure', detail.procedure) : undefined],
      [t('penaltyCase.major'), detail.major ? t('penaltyCase.yes') : undefined],
      [t('penaltyCase.discretion'), detail.discretionLevel ?? undefined],
      [t('penaltyCase.penaltyBand'), band],
      [t('penaltyCase.proposedFine'), yuan(detail.proposedFineYuan)],
      [t('penaltyCase.finalFine'), yuan(detail.finalFineYuan)],
      [t('penaltyCase.exemption'), detail.exempt ? [detail.exemptionType, detail.exemptionReason].filter(Boolean).join('：') : undefined],
      [t('penaltyCase.legalBasis'), detail.legalBasis ?? undefined],
      [t('penaltyCase.decisionReasoning'), detail.decisionReasoning ?? undefined],
      [t('penaltyCase.execution'), detail.executionOutcome ? codeLabel('executionOutcome', detail.executionOutcome) : undefined],
      [t('filing.createdBy'), detail.createdBy],
      [t('filing.createdAt'), formatDateTime(detail.createdAt)],
      [t('penaltyCase.filedAt'), detail.filedAt ? formatDateTime(detail.filedAt) : undefined],
      [t('penaltyCase.decidedAt'), detail.decidedAt ? formatDateTime(detail.decidedAt) : undefined],
      [t('filing.closedAt'), detail.closedAt ? formatDateTime(detail.closedAt) : undefined],
    ]),
    h('p', { class: 'case-description', 'data-testid': 'penalty-case-facts-text' }, detail.facts),
  );
}

/** One block per round (a rejection starts the next), each reviewer's decision with the comment as written. */
function reviewRounds(reviews: PenaltyReview[]): HTMLElement {
  if (reviews.length === 0) return h('p', { class: 'muted' }, t('penaltyCase.reviewsEmpty'));
  const rounds = [...new Set(reviews.map((review) => review.round))].sort((a, b) => a - b);
  return h(
    'ol',
    { class: 'review-rounds' },
    ...rounds.map((round) =>
      h(
        'li',
        { class: 'review-round', 'data-testid': 'review-round', 'data-round': String(round) },
        h('h3', { class: 'review-round-title' }, t('penaltyCase.round', { round })),
        h(
          'ul',
          { class: 'review-list' },
          ...reviews
            .filter((review) => review.round === round)
            .map((review) =>
              h(
                'li',
                { class: `review review-${review.decision}`, 'data-testid': 'review', 'data-level': review.level, 'data-decision': review.decision },
                h(
                  'div',
                  { class: 'review-head' },
                  h('span', { class: 'review-level' }, codeLabel('reviewLevel', review.level)),
                  h('span', { class: `badge ${review.decision === 'reject' ? 'badge-danger' : 'status-closed'}` }, codeLabel('reviewDecision', review.decision)),
                  h('time', { class: 'review-time', datetime: review.reviewedAt }, formatDateTime(review.reviewedAt)),
                ),
                h('p', { class: 'review-comment', 'data-testid': 'review-comment' }, review.comment || t('penaltyCase.noComment')),
              ),
            ),
        ),
      ),
    ),
  );
}

function documentList(api: ApiClient, detail: PenaltyCaseDetail, onError: (message: string) => void): HTMLElement {
  if (detail.documents.length === 0) return h('p', { class: 'muted' }, t('penaltyCase.documentsEmpty'));
  return h(
    'ul',
    { class: 'document-list' },
    ...detail.documents.map((document) =>
      h(
        'li',
        { class: 'document-row', 'data-testid': 'penalty-document', 'data-document-id': document.id, 'data-kind': document.kind },
        h(
          'div',
          { class: 'document-text' },
          h('span', { class: 'document-kind' }, codeLabel('documentKind', document.kind)),
          h(
            'span',
            { class: 'task-meta' },
            h('span', {}, document.fileName),
            h('span', {}, t('penaltyCase.size', { size: Math.max(1, Math.round(document.size / 1024)) })),
            h('span', {}, formatDateTime(document.createdAt)),
          ),
        ),
        downloadButton(api, detail.id, document, onError),
      ),
    ),
  );
}

/** The document route needs the bearer token, so the PDF is fetched here and handed to the browser as a blob URL. */
function downloadButton(api: ApiClient, caseId: string, document: PenaltyDocument, onError: (message: string) => void): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'button button-secondary button-small', 'data-testid': 'document-download' }, t('penaltyCase.download'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = t('penaltyCase.downloading');
    try {
      const blob = await getPenaltyDocument(api, caseId, document.id);
      const url = URL.createObjectURL(blob.type ? blob : new Blob([blob], { type: 'application/pdf' }));
      const link = h('a', { href: url, download: document.fileName, target: '_blank', rel: 'noopener', hidden: true });
      globalThis.document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), blobUrlLifetimeMs);
    } catch (error) {
      onError(t('penaltyCase.downloadFailed', { message: errorMessage(error) }));
    } finally {
      button.disabled = false;
      button.textContent = t('penaltyCase.download');
    }
  });
  return button;
}
