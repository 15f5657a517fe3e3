import { clear, h } from '../dom/h';
import { localized, t, type MessageKey } from '../i18n';
import type { DecisionDiffView, FormDiffView } from '../../../src/drafts/draft-view';

type Change = { column: string; before: string | null; after: string | null };

const formProperties: Record<string, MessageKey> = { type: 'drafts.fieldType', label: 'drafts.fieldLabel', validate: 'drafts.fieldValidate' };

/** A decision table's or form's diff: no diagram to draw, so one table of rules or fields, added, removed and changed. */
export function renderTableDiff(section: HTMLElement, diff: DecisionDiffView | FormDiffView): void {
  const rows = diff.kind === 'dmn' ? decisionRows(diff) : formRows(diff);
  const { added, removed, changed } = diff.diff;
  clear(section);
  section.append(
    h('h2', { class: 'card-title' }, t('drafts.changesAgainst', { base: localized(diff.base.label) })),
    h('p', { 'data-testid': 'diff-summary' }, t('drafts.updateCounts', { added: added.length, removed: removed.length, changed: changed.length })),
    rows.length
      ? h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { class: 'diff-table', 'data-testid': 'diff-table', 'data-model-kind': diff.kind },
            h('thead', {}, h('tr', {}, ...(['drafts.kind', diff.kind === 'dmn' ? 'drafts.rule' : 'drafts.field', diff.kind === 'dmn' ? 'drafts.ruleColumn' : 'drafts.property', 'drafts.before', 'drafts.after'] as MessageKey[]).map((k) => h('th', {}, t(k))))),
            h('tbody', {}, ...rows),
          ),
        )
      : h('p', { class: 'empty', 'data-testid': 'diff-empty' }, t('drafts.noChanges')),
  );
}

function decisionRows(diff: DecisionDiffView): HTMLElement[] {
  const ruleCell = (r: { ruleId: string; decisionName: string | null; decisionId: string; description?: string | null }) =>
    h('td', {}, h('strong', {}, r.description ?? r.ruleId), h('br'), h('span', { class: 'muted' }, `${r.decisionName ?? r.decisionId} · ${r.ruleId}`));
  const entries = (r: DecisionDiffView['diff']['added'][number]) =>
    `${r.inputs.map((e) => `${e.column}: ${e.text || '-'}`).join('；')} → ${r.outputs.map((e) => `${e.column}: ${e.text || '-'}`).join('；')}`;
  return [
    ...diff.diff.added.map((r) => whole('added', r.ruleId, ruleCell(r), entries(r))),
    ...diff.diff.removed.map((r) => whole('removed', r.ruleId, ruleCell(r), entries(r))),
    ...diff.diff.changed.flatMap((r) => changedRows(r.ruleId, ruleCell(r), r.changes)),
  ];
}

function formRows(diff: FormDiffView): HTMLElement[] {
  const fieldCell = (c: { id: string; type: string; label: string | null }) => h('td', {}, h('strong', {}, c.label ?? c.id), h('br'), h('span', { class: 'muted' }, `${c.type} · ${c.id}`));
  const summary = (c: { validate: string | null }) => `${t('drafts.fieldValidate')}: ${c.validate ?? '—'}`;
  const label = (property: string) => (formProperties[property] ? t(formProperties[property]) : property);
  return [
    ...diff.diff.added.map((c) => whole('added', c.id, fieldCell(c), summary(c))),
    ...diff.diff.removed.map((c) => whole('removed', c.id, fieldCell(c), summary(c))),
    ...diff.diff.changed.flatMap((c) => changedRows(c.id, fieldCell(c), c.changes.map((change) => ({ column: label(change.property), before: change.before, after: change.after })))),
  ];
}

/** An added or removed rule or field: one row with its entries. */
function whole(kind: 'added' | 'removed', id: string, subject: HTMLElement, detail: string): HTMLElement {
  return h('tr', { 'data-testid': 'diff-row', 'data-kind': kind, 'data-element-id': id }, h('td', { class: `diff-kind-${kind}` }, t(`drafts.${kind}`)), subject, h('td', { colspan: '3' }, detail));
}

/** A changed rule or field: one row per changed column or property. */
function changedRows(id: string, subject: HTMLElement, changes: Change[]): HTMLElement[] {
  return changes.map((change, index) =>
    h(
      'tr',
      { 'data-testid': 'diff-row', 'data-kind': 'changed', 'data-element-id': id, 'data-property': change.column },
      index === 0 ? h('td', { class: 'diff-kind-changed', rowspan: String(changes.length) }, t('drafts.changed')) : null,
      index === 0 ? Object.assign(subject, { rowSpan: changes.length }) : null,
      h('td', {}, change.column),
      h('td', { class: 'diff-before' }, change.before ?? '—'),
      h('td', { class: 'diff-after' }, change.after ?? '—'),
    ),
  );
}
