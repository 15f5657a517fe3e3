import { h, type Child } from '../dom/h';
import { t, type MessageKey } from '../i18n';
import { zhCN } from '../i18n/zh-CN';
import type { AuditEntry } from '../cases/cases-api';

/** Label of an API code under `prefix` (`penaltyStatus.filed`); a code the UI does not know shows as sent. */
export function codeLabel(prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const key = `${prefix}.${value}`;
  return key in zhCN ? t(key as MessageKey) : value;
}

export function statusBadge(prefix: string, status: string, testId?: string): HTMLElement {
  return h('span', { class: `badge badge-status status-${status}`, 'data-status': status, 'data-testid': testId }, codeLabel(prefix, status));
}

/** A `dl.facts` of the rows that have a value. */
export function facts(rows: Array<[string, Child | undefined]>): HTMLElement {
  return h(
    'dl',
    { class: 'facts' },
    ...rows.filter(([, value]) => value !== null && value !== undefined && value !== '').flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]),
  );
}

export interface RecordRow {
  id: string;
  href: string;
  caseNumber: string | null;
  title: string;
  meta: Child[];
}

/** The list of a flow's records, newest first, in the look of 案件. */
export function recordList(testId: string, rows: RecordRow[], empty: string): HTMLElement {
  return h(
    'ul',
    { class: 'case-list', 'data-testid': testId },
    ...(rows.length === 0
      ? [h('li', { class: 'empty' }, empty)]
      : rows.map((row) =>
          h(
            'li',
            { class: 'card case-row', 'data-testid': `${testId}-row`, 'data-id': row.id },
            h(
              'a',
              { href: row.href, class: 'case-row-link' },
              h('span', { class: 'case-number' }, row.caseNumber ?? t('filing.unnumbered')),
              h('span', { class: 'case-title' }, row.title),
              h('span', { class: 'task-meta' }, ...row.meta),
            ),
          ),
        )),
  );
}

/** The heading of a list page with its "new" button for the roles that may file. */
export function listHead(title: string, newHref: string | null, newText: string, newTestId: string): HTMLElement {
  return h(
    'div',
    { class: 'page-head' },
    h('h1', {}, title),
    newHref ? h('a', { class: 'button button-primary button-small', href: newHref, 'data-testid': newTestId }, newText) : null,
  );
}

/** Audit rows of the flows that send no `before` (credit repair, inspection), in the timeline's shape. */
export function asAuditEntries(rows: Array<{ at: string; actor: string; action: string; before?: unknown; after: unknown }>): AuditEntry[] {
  return rows.map((row) => ({ at: row.at, actor: row.actor, action: row.action, before: row.before ?? null, after: row.after }));
}
