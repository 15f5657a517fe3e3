import { h } from '../dom/h';
import { formatDateTime, label, t } from '../i18n';
import type { AuditEntry } from './cases-api';

/** 全程留痕: the case's audit rows, oldest first, with Chinese action names. */
export function auditTimeline(entries: AuditEntry[]): HTMLElement {
  if (entries.length === 0) {
    return h('p', { class: 'muted', 'data-testid': 'audit-list' }, t('case.auditEmpty'));
  }
  const sorted = [...entries].sort((a, b) => a.at.localeCompare(b.at));
  return h(
    'ol',
    { class: 'timeline', 'data-testid': 'audit-list' },
    ...sorted.map((entry) =>
      h(
        'li',
        { class: 'timeline-entry', 'data-testid': 'audit-entry', 'data-action': entry.action },
        h('time', { datetime: entry.at }, formatDateTime(entry.at)),
        h('span', { class: 'timeline-action' }, actionLabel(entry)),
        h('span', { class: 'timeline-actor' }, actorLabel(entry.actor)),
        changes(entry),
      ),
    ),
  );
}

/** 认领：研判 — task actions name the step they were taken on (the API puts it in `before.task`). */
function actionLabel(entry: AuditEntry): string {
  const action = label('audit', entry.action);
  const before = entry.before as { task?: unknown } | null;
  return typeof before?.task === 'string' ? t('case.auditActionOnStep', { action, step: before.task }) : action;
}

/** Workers write `worker:<topic>`; people see 系统 for them. */
function actorLabel(actor: string): string {
  return actor.startsWith('worker:') ? t('case.actorSystem') : actor;
}

function changes(entry: AuditEntry): HTMLElement | null {
  const before = entries(entry.before);
  const after = entries(entry.after);
  if (before.length === 0 && after.length === 0) return null;
  const list = (caption: string, rows: Array<[string, string]>) =>
    rows.length === 0
      ? null
      : h('div', {}, h('strong', {}, caption), h('dl', { class: 'facts facts-compact' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
  return h(
    'details',
    { class: 'timeline-changes' },
    h('summary', {}, t('case.auditDetails')),
    list(t('case.auditBefore'), before),
    list(t('case.auditAfter'), after),
  );
}

function entries(value: unknown): Array<[string, string]> {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object') return [['', String(value)]];
  return Object.entries(value as Record<string, unknown>).map(([key, item]) => [
    key,
    typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item),
  ]);
}
