import './drafts.css';
import { errorMessage } from '../api/api-error';
import { clear, h } from '../dom/h';
import { formatDateTime, localized, t, type MessageKey } from '../i18n';
import type { AppContext } from '../shell/app-context';
import type { Page, PageView } from '../shell/router';
import type { ModelProblem } from '../../../src/deployments/model-guard/model-problem';
import { MAX_COMMENT_LENGTH } from '../../../src/deployments/deployment-view';
import { propertyLabel, typeLabel } from './diff-labels';
import { renderTableDiff } from './table-diff';
import { modelerApi, type DraftModelKind, type ModelSource } from '../modeler/modeler-api';
import {
  approveDraft,
  createDraft,
  deploymentDiff,
  draftDiff,
  getDraft,
  listDrafts,
  returnDraft,
  submitDraft,
  templateUpdates,
  type DiffView,
  type DraftSummary,
  type DraftView,
  type TemplateUpdateView,
} from './drafts-api';

const statusKey = (status: DraftSummary['status']) => `drafts.status.${status}` as MessageKey;
const statusBadge = (status: DraftSummary['status']) =>
  h('span', { class: `badge ${status === 'deployed' ? 'status-completed' : status === 'returned' ? 'badge-danger' : status === 'submitted' ? 'badge-attention' : 'badge-neutral'}`, 'data-testid': 'draft-status', 'data-status': status }, t(statusKey(status)));

/** The model key, with what it is when it is not a process: `intake-handle（表单）`. */
const draftTitle = (draft: DraftSummary): string => (draft.kind === 'dmn' || draft.kind === 'form' ? `${draft.processKey}（${t(`drafts.modelKind.${draft.kind}`)}）` : draft.processKey);

/** `#/drafts` 审核: district IT's review queue and the designer's drafts, with 模板有更新 notices. */
export const draftsPage: Page = async (ctx, view) => {
  view.setTitle(t('drafts.title'));
  const isReviewer = ctx.user.roles.includes('district-it');
  const isDesigner = ctx.user.roles.includes('designer');
  const [drafts, updates, models] = await Promise.all([
    listDrafts(ctx.api, view.signal),
    templateUpdates(ctx.api, view.signal),
    isDesigner ? modelerApi.models(ctx.api, view.signal) : Promise.resolve([]),
  ]);
  // Reviewers see what waits for them first.
  const ordered = isReviewer ? [...drafts].sort((a, b) => Number(b.status === 'submitted') - Number(a.status === 'submitted')) : drafts;

  view.outlet.append(
    h(
      'section',
      { class: 'page', 'data-testid': 'drafts-page' },
      h('h1', {}, t(isReviewer ? 'drafts.reviewTitle' : 'drafts.title')),
      h('p', { class: 'page-subtitle' }, t(isReviewer ? 'drafts.reviewHint' : 'drafts.hint')),
      updates.length ? updatesCard(ctx, updates, isDesigner) : null,
      isDesigner ? newDraftForm(ctx, models) : null,
      h('h2', {}, t('drafts.list')),
      h(
        'ul',
        { class: 'case-list', 'data-testid': 'draft-list' },
        ...(ordered.length ? ordered.map(draftRow) : [h('li', { class: 'empty' }, t('drafts.empty'))]),
      ),
    ),
  );
};

function draftRow(draft: DraftSummary): HTMLElement {
  return h(
    'li',
    { class: 'card', 'data-testid': 'draft-row', 'data-draft-id': draft.id, 'data-status': draft.status },
    h('div', { class: 'card-head' }, h('a', { class: 'card-title', href: `#/drafts/${encodeURIComponent(draft.id)}`, 'data-testid': 'draft-link' }, draftTitle(draft)), statusBadge(draft.status)),
    h(
      'p',
      { class: 'task-meta' },
      h('span', {}, t('drafts.revisionBy', { revision: draft.latestRevision, actor: draft.createdBy, at: formatDateTime(draft.updatedAt) })),
      draft.fromTemplateUpdate ? h('span', { class: 'badge badge-attention' }, t('drafts.takesUpdate')) : null,
    ),
    draft.reviewComment ? h('p', { class: 'muted' }, t('drafts.reviewComment', { actor: draft.reviewedBy ?? '', comment: draft.reviewComment })) : null,
  );
}

function updatesCard(ctx: AppContext, updates: TemplateUpdateView[], mayDraft: boolean): HTMLElement {
  return h(
    'section',
    { class: 'card alert-info', 'data-testid': 'template-updates' },
    h('h2', { class: 'card-title' }, t('drafts.updatesTitle')),
    h(
      'ul',
      { class: 'deployment-problems' },
      ...updates.map((update) =>
        h(
          'li',
          { 'data-testid': 'template-update', 'data-key': update.processKey },
          h('p', {}, t('drafts.updateLine', { name: update.processName ?? update.processKey, from: update.basedOn.version, to: update.latest.version })),
          h('p', { class: 'muted' }, t('drafts.updateCounts', { added: update.diff.added.length, removed: update.diff.removed.length, changed: update.diff.changed.length })),
          update.draftId
            ? h('a', { href: `#/drafts/${encodeURIComponent(update.draftId)}` }, t('drafts.openUpdateDraft'))
            : mayDraft
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'button button-secondary button-small',
                    'data-testid': 'take-update',
                    onClick: async (event) => {
                      (event.currentTarget as HTMLButtonElement).disabled = true;
                      try {
                        const draft = await createDraft(ctx.api, { processKey: update.processKey, fromTemplateUpdate: true });
                        ctx.navigate(`#/drafts/${encodeURIComponent(draft.id)}`);
                      } catch (error) {
                        (event.currentTarget as HTMLButtonElement).disabled = false;
                        ctx.toast(errorMessage(error), 'error');
                      }
                    },
                  },
                  t('drafts.takeUpdate'),
                )
              : null,
        ),
      ),
    ),
  );
}

/** Processes, decision tables and forms a district can customise, as `kind:key` choices. */
function modelChoices(models: ModelSource[]): Array<{ kind: DraftModelKind; keys: string[] }> {
  const names = (kinds: ModelSource['kind'][]) => [...new Set(models.filter((m) => kinds.includes(m.kind)).map((m) => m.name))].sort();
  return [
    { kind: 'bpmn', keys: names(['template', 'variant']) },
    { kind: 'dmn', keys: names(['dmn']) },
    { kind: 'form', keys: names(['form']) },
  ];
}

function newDraftForm(ctx: AppContext, models: ModelSource[]): HTMLElement {
  const model = h(
    'select',
    { id: 'draft-model', required: true, 'data-testid': 'draft-model' },
    h('option', { value: '' }, t('drafts.pickModel')),
    ...modelChoices(models).map(({ kind, keys }) =>
      h('optgroup', { label: t(`drafts.modelKind.${kind}`) }, ...keys.map((key) => h('option', { value: `${kind}:${key}` }, key))),
    ),
  );
  const comment = h('input', { id: 'draft-comment', type: 'text', maxlength: String(MAX_COMMENT_LENGTH), 'data-testid': 'draft-comment' });
  const form = h(
    'form',
    { class: 'card', novalidate: true, 'data-testid': 'new-draft-form' },
    h('h2', { class: 'card-title' }, t('drafts.customise')),
    h('p', { class: 'muted field-hint' }, t('drafts.customiseHint')),
    h('div', { class: 'field' }, h('label', { for: model.id }, t('drafts.model')), model),
    h('div', { class: 'field' }, h('label', { for: comment.id }, t('drafts.comment')), comment),
    h('div', { class: 'action-bar' }, h('button', { type: 'submit', class: 'button button-primary' }, t('drafts.create'))),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const [kind, ...key] = model.value.split(':');
    if (!model.value) return model.focus();
    try {
      const draft = await createDraft(ctx.api, { kind: kind as DraftModelKind, processKey: key.join(':'), ...(comment.value.trim() ? { comment: comment.value.trim() } : {}) });
      ctx.navigate(`#/drafts/${encodeURIComponent(draft.id)}`);
    } catch (error) {
      ctx.toast(errorMessage(error), 'error');
    }
  });
  return form;
}

/** `#/drafts/:id`: what changed against the template (or the live version, or a revision), the model check, and the review buttons. */
export const draftReviewPage: Page = async (ctx, view) => {
  const [id = ''] = view.params;
  const draft = await getDraft(ctx.api, id, view.signal);
  view.setTitle(`${t('drafts.reviewOf')} ${draft.processKey}`);
  // A district that already runs its own variant (or takes a template update into it) reviews what would change for it;
  // a first variant, what it changes in the template.
  const fromVariant = draft.sourceKind === 'variant' || draft.fromTemplateUpdate;
  const against = h(
    'select',
    { id: 'diff-against', 'data-testid': 'diff-against' },
    h('option', { value: 'template', selected: !fromVariant }, t('drafts.againstTemplate')),
    h('option', { value: 'deployed', selected: fromVariant }, t('drafts.againstDeployed')),
    ...draft.revisions.slice(1).map((r) => h('option', { value: `revision:${r.revision}` }, t('drafts.againstRevision', { revision: r.revision }))),
  );
  const diffSection = h('section', { class: 'card', 'data-testid': 'diff-section' });

  view.outlet.append(
    h(
      'section',
      { class: 'page', 'data-testid': 'draft-review', 'data-draft-id': draft.id, 'data-status': draft.status },
      h('a', { class: 'back-link', href: '#/drafts' }, `‹ ${t('drafts.back')}`),
      h('div', { class: 'card-head' }, h('h1', {}, draftTitle(draft)), statusBadge(draft.status)),
      h('p', { class: 'task-meta' }, t('drafts.revisionBy', { revision: draft.latestRevision, actor: draft.revisions[0]?.author ?? draft.createdBy, at: formatDateTime(draft.updatedAt) })),
      draft.reviewComment ? h('p', { class: 'alert alert-info', 'data-testid': 'draft-review-comment' }, t('drafts.reviewComment', { actor: draft.reviewedBy ?? '', comment: draft.reviewComment })) : null,
      h('div', { class: 'field' }, h('label', { for: against.id }, t('drafts.against')), against),
      mergeConflictsCard(draft),
      diffSection,
      problemsCard(draft.problems),
      actionsCard(ctx, view, draft),
      revisionsCard(draft),
    ),
  );

  const show = async () => {
    clear(diffSection);
    diffSection.append(h('p', { class: 'muted' }, t('app.loading')));
    try {
      const diff = await draftDiff(ctx.api, draft.id, against.value, view.signal);
      if (diff.kind === 'bpmn') await renderDiff(view, diffSection, diff);
      else renderTableDiff(diffSection, diff);
    } catch (error) {
      if (view.signal.aborted) return;
      clear(diffSection);
      diffSection.append(h('p', { class: 'alert alert-error' }, errorMessage(error)));
    }
  };
  against.addEventListener('change', () => void show());
  await show();
};

/** `#/deployments/:id/diff`: a deployed version against the template. */
export const deploymentDiffPage: Page = async (ctx, view) => {
  const [id = ''] = view.params;
  view.setTitle(t('drafts.deploymentDiff'));
  const section = h('section', { class: 'card', 'data-testid': 'diff-section' });
  view.outlet.append(h('section', { class: 'page' }, h('a', { class: 'back-link', href: '#/deployments' }, `‹ ${t('nav.deployments')}`), h('h1', {}, t('drafts.deploymentDiff')), section));
  await renderDiff(view, section, await deploymentDiff(ctx.api, id, 'template', view.signal));
};

async function renderDiff(view: PageView, section: HTMLElement, diff: DiffView): Promise<void> {
  const { added, removed, changed } = diff.diff;
  const newDiagram = h('div', { class: 'diff-diagram', 'data-testid': 'diff-diagram', 'data-state': 'loading', role: 'img', 'aria-label': t('drafts.newVersion') });
  const baseDiagram = h('div', { class: 'diff-diagram', 'data-testid': 'diff-base-diagram', 'data-state': 'loading', role: 'img', 'aria-label': diff.base.label.zh });
  const zoomSwitch = h('div', { class: 'diff-zoom' });
  clear(section);
  const removedParts = removed.length ? [h('h3', {}, t('drafts.baseVersion', { base: localized(diff.base.label) })), baseDiagram] : [];
  section.append(
    h('h2', { class: 'card-title' }, t('drafts.changesAgainst', { base: localized(diff.base.label) })),
    h('p', { 'data-testid': 'diff-summary' }, t('drafts.updateCounts', { added: added.length, removed: removed.length, changed: changed.length })),
    h(
      'p',
      { class: 'diff-legend' },
      h('span', { class: 'legend-added' }, t('drafts.added')),
      h('span', { class: 'legend-changed' }, t('drafts.changed')),
      h('span', { class: 'legend-removed' }, t('drafts.removed')),
    ),
    h('div', { class: 'card-head' }, h('h3', {}, t('drafts.newVersion')), zoomSwitch),
    newDiagram,
    ...removedParts,
    changesTable(diff),
  );
  try {
    const { renderDiffDiagram } = await import('./diff-diagram');
    const drawn = await renderDiffDiagram(newDiagram, diff.xml, diff.diff, 'new');
    view.onDispose(drawn.destroy);
    zoomSwitch.replaceChildren(
      h('button', { type: 'button', class: 'button button-secondary button-small', 'data-testid': 'diff-show-changes', onClick: () => drawn.showChanges() }, t('drafts.showChanges')),
      h('button', { type: 'button', class: 'button button-secondary button-small', 'data-testid': 'diff-show-all', onClick: () => drawn.showAll() }, t('drafts.showAll')),
    );
    newDiagram.dataset.state = 'ready';
    newDiagram.dataset.added = drawn.marked.added.join(' ');
    newDiagram.dataset.changed = drawn.marked.changed.join(' ');
    if (removed.length) {
      const base = await renderDiffDiagram(baseDiagram, diff.base.xml, diff.diff, 'base');
      view.onDispose(base.destroy);
      baseDiagram.dataset.state = 'ready';
      baseDiagram.dataset.removed = base.marked.removed.join(' ');
    }
  } catch (error) {
    console.error(error); // without a diagram the table below still says everything
    newDiagram.dataset.state = 'failed';
    newDiagram.replaceChildren(h('p', { class: 'muted' }, t('case.diagramFailed')));
  }
}

function changesTable(diff: DiffView): HTMLElement {
  const { added, removed, changed } = diff.diff;
  const rows: HTMLElement[] = [];
  const elementCell = (e: { id: string; type: string; name: string | null }) => h('td', {}, h('strong', {}, e.name ?? e.id), h('br'), h('span', { class: 'muted' }, `${typeLabel(e.type)} · ${e.id}`));
  for (const e of added) {
    rows.push(h('tr', { 'data-testid': 'diff-row', 'data-kind': 'added', 'data-element-id': e.id }, h('td', { class: 'diff-kind-added' }, t('drafts.added')), elementCell(e), h('td', { colspan: '3' }, '—')));
  }
  for (const e of removed) {
    rows.push(h('tr', { 'data-testid': 'diff-row', 'data-kind': 'removed', 'data-element-id': e.id }, h('td', { class: 'diff-kind-removed' }, t('drafts.removed')), elementCell(e), h('td', { colspan: '3' }, '—')));
  }
  for (const e of changed) {
    e.changes.forEach((change, index) => {
      rows.push(
        h(
          'tr',
          { 'data-testid': 'diff-row', 'data-kind': 'changed', 'data-element-id': e.id, 'data-property': change.property },
          index === 0 ? h('td', { class: 'diff-kind-changed', rowspan: String(e.changes.length) }, t('drafts.changed')) : null,
          index === 0 ? Object.assign(elementCell(e), { rowSpan: e.changes.length }) : null,
          h('td', {}, propertyLabel(change.property)),
          h('td', { class: 'diff-before' }, change.before ?? '—'),
          h('td', { class: 'diff-after' }, change.after ?? '—'),
        ),
      );
    });
  }
  if (!rows.length) return h('p', { class: 'empty', 'data-testid': 'diff-empty' }, t('drafts.noChanges'));
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'diff-table', 'data-testid': 'diff-table' },
      h('thead', {}, h('tr', {}, ...(['drafts.kind', 'drafts.element', 'drafts.property', 'drafts.before', 'drafts.after'] as MessageKey[]).map((k) => h('th', {}, t(k))))),
      h('tbody', {}, ...rows),
    ),
  );
}

function problemsCard(problems: ModelProblem[]): HTMLElement {
  return h(
    'section',
    { class: 'card', 'data-testid': 'draft-problems', 'data-count': problems.length },
    h('h2', { class: 'card-title' }, t('drafts.check')),
    problems.length
      ? h(
          'ul',
          { class: 'deployment-problems' },
          ...problems.map((p) => h('li', { 'data-testid': 'draft-problem', 'data-rule': p.rule, 'data-element-id': p.elementId ?? '' }, localized(p.message), ' ', h('code', {}, p.rule))),
        )
      : h('p', { class: 'badge status-completed', 'data-testid': 'draft-check-passed' }, t('drafts.checkPassed')),
  );
}

/** Where taking the template update kept the district's version: the designer decides each one. */
function mergeConflictsCard(draft: DraftView): HTMLElement | null {
  if (!draft.mergeConflicts.length) return null;
  return h(
    'section',
    { class: 'card alert-info', 'data-testid': 'merge-conflicts', 'data-count': draft.mergeConflicts.length },
    h('h2', { class: 'card-title' }, t('drafts.mergeConflicts')),
    h('p', { class: 'muted' }, t('drafts.mergeConflictsHint')),
    h(
      'ul',
      { class: 'deployment-problems' },
      ...draft.mergeConflicts.map((c) => h('li', { 'data-testid': 'merge-conflict', 'data-kind': c.kind, 'data-element-id': c.elementId }, localized({ zh: c.zh, en: c.en }))),
    ),
  );
}

function actionsCard(ctx: AppContext, view: PageView, draft: DraftView): HTMLElement | null {
  const isReviewer = ctx.user.roles.includes('district-it');
  const isDesigner = ctx.user.roles.includes('designer');
  const busy = (button: HTMLButtonElement, action: () => Promise<void>) => async () => {
    button.disabled = true;
    try {
      await action();
    } catch (error) {
      ctx.toast(errorMessage(error), 'error');
    } finally {
      button.disabled = false;
    }
  };
  if (isReviewer && draft.status === 'submitted') {
    const comment = h('textarea', { id: 'review-comment', rows: '2', maxlength: String(MAX_COMMENT_LENGTH), placeholder: t('drafts.reviewCommentPlaceholder'), 'data-testid': 'review-comment' });
    const approve = h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'approve-draft' }, t('drafts.approve'));
    const giveBack = h('button', { type: 'button', class: 'button button-secondary', 'data-testid': 'return-draft' }, t('drafts.return'));
    approve.disabled = draft.problems.length > 0;
    approve.addEventListener(
      'click',
      busy(approve, async () => {
        const approval = await approveDraft(ctx.api, draft.id, comment.value.trim() || undefined);
        ctx.toast(t('deployments.deployedToast', { version: approval.deployment.version }));
        ctx.navigate('#/deployments');
      }),
    );
    giveBack.addEventListener(
      'click',
      busy(giveBack, async () => {
        if (!comment.value.trim()) {
          ctx.toast(t('drafts.returnNeedsComment'), 'error');
          comment.focus();
          return;
        }
        await returnDraft(ctx.api, draft.id, comment.value.trim());
        ctx.toast(t('drafts.returnedToast'));
        await view.refresh();
      }),
    );
    return h(
      'section',
      { class: 'card review-actions', 'data-testid': 'review-actions' },
      h('h2', { class: 'card-title' }, t('drafts.decision')),
      h('div', { class: 'field' }, h('label', { for: comment.id }, t('drafts.comment')), comment),
      h('div', { class: 'action-bar' }, giveBack, approve),
    );
  }
  if (isDesigner && (draft.status === 'draft' || draft.status === 'returned')) {
    const submit = h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'submit-draft' }, t('drafts.submit'));
    submit.disabled = draft.problems.length > 0;
    submit.addEventListener(
      'click',
      busy(submit, async () => {
        await submitDraft(ctx.api, draft.id);
        ctx.toast(t('drafts.submittedToast'));
        await view.refresh();
      }),
    );
    return h('section', { class: 'card review-actions' }, h('p', { class: 'muted' }, t('drafts.submitHint')), h('div', { class: 'action-bar' }, submit));
  }
  return null;
}

function revisionsCard(draft: DraftView): HTMLElement {
  return h(
    'section',
    { class: 'card' },
    h('h2', { class: 'card-title' }, t('drafts.revisions')),
    h(
      'ol',
      { class: 'deployment-problems', reversed: true, 'data-testid': 'draft-revisions' },
      ...draft.revisions.map((r) => {
        // Merge conflicts have their own card; the badge counts what the guard found.
        const found = r.problems.filter((p) => p.rule !== 'template-merge-conflict').length;
        return h('li', {}, t('drafts.revisionLine', { revision: r.revision, actor: r.author, at: formatDateTime(r.createdAt) }), ' — ', r.comment, found ? h('span', { class: 'badge badge-danger' }, t('drafts.problemCount', { count: found })) : null);
      }),
    ),
  );
}
