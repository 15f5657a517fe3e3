import '../drafts/drafts.css';
import { errorMessage } from '../api/api-error';
import { clear, h } from '../dom/h';
import { t, type MessageKey } from '../i18n';
import type { AppContext } from '../shell/app-context';
import { migrationPlan, migrationProgress, startMigration, type MigrationPlanView, type MigrationProgressView } from '../drafts/drafts-api';

const POLL_MS = 1500;

/**
 * 迁移在办案件: under the live version of 部署管理, the engine's plan per older version (what maps, which steps
 * block, how many cases wait) and a button that runs the migration as a batch and follows it.
 */
export function migrationPanel(ctx: AppContext, deploymentId: string, signal: AbortSignal): HTMLElement {
  const body = h('div', { 'data-testid': 'migration-body' });
  const open = h('button', { type: 'button', class: 'button button-secondary button-small', 'data-testid': 'migration-open' }, t('migration.open'));
  const panel = h('div', { class: 'migration-panel', 'data-testid': 'migration-panel' }, open, body);
  open.addEventListener('click', async () => {
    open.disabled = true;
    clear(body);
    body.append(h('p', { class: 'muted' }, t('app.loading')));
    try {
      render(ctx, body, await migrationPlan(ctx.api, deploymentId, signal), deploymentId, signal);
    } catch (error) {
      clear(body);
      body.append(h('p', { class: 'alert alert-error' }, errorMessage(error)));
    } finally {
      open.disabled = false;
    }
  });
  return panel;
}

function render(ctx: AppContext, body: HTMLElement, plan: MigrationPlanView, deploymentId: string, signal: AbortSignal): void {
  clear(body);
  if (!plan.sources.length) {
    body.append(h('p', { class: 'empty', 'data-testid': 'migration-none' }, t('migration.none')));
    return;
  }
  for (const source of plan.sources) {
    const progress = h('div', { 'data-testid': 'migration-progress' });
    const run = h('button', { type: 'button', class: 'button button-primary button-small', 'data-testid': 'migration-start' }, t('migration.start', { count: source.instances }));
    run.addEventListener('click', async () => {
      run.disabled = true;
      try {
        const outcome = await startMigration(ctx.api, deploymentId, source.sourceDefinitionId);
        if (!outcome.valid) {
          progress.replaceChildren(h('ul', { class: 'alert alert-error' }, ...outcome.report.flatMap((r) => r.failures.map((f) => h('li', {}, `${r.source.join(', ')}：${f}`)))));
          run.disabled = false;
          return;
        }
        await follow(ctx, progress, outcome.batchId, signal);
      } catch (error) {
        run.disabled = false;
        ctx.toast(errorMessage(error), 'error');
      }
    });
    const blocking = source.unmapped.filter((a) => a.instances > 0);
    body.append(
      h(
        'section',
        { class: 'card', 'data-testid': 'migration-source', 'data-source-definition-id': source.sourceDefinitionId },
        h('h3', { class: 'card-title' }, t(source.tenantId ? 'migration.fromVariant' : 'migration.fromTemplate', { version: source.version, target: plan.targetVersion })),
        h('p', {}, t('migration.instances', { count: source.instances })),
        h('p', { class: 'muted' }, t('migration.mapped'), ' ', source.mapped.map((m) => `${m.source.join('+')}${m.instances ? `（${m.instances}）` : ''}`).join('、') || '—'),
        blocking.length
          ? h(
              'div',
              { class: 'alert alert-error', 'data-testid': 'migration-blocking' },
              h('p', {}, t('migration.blocking')),
              h('ul', {}, ...blocking.map((a) => h('li', { 'data-activity-id': a.activityId }, t('migration.blockingLine', { name: a.activityName ?? a.activityId, id: a.activityId, count: a.instances })))),
            )
          : null,
        source.failures.length ? h('ul', { class: 'alert alert-error' }, ...source.failures.flatMap((f) => f.failures.map((m) => h('li', {}, m)))) : null,
        h('div', { class: 'migration-actions' }, run),
        progress,
      ),
    );
  }
}

async function follow(ctx: AppContext, target: HTMLElement, batchId: string, signal: AbortSignal): Promise<void> {
  for (;;) {
    if (signal.aborted) return;
    const state = await migrationProgress(ctx.api, batchId, signal);
    show(target, state);
    if (state.status !== 'running') {
      ctx.toast(t(state.status === 'completed' ? 'migration.completedToast' : 'migration.failedToast', { migrated: state.migrated, total: state.total }), state.status === 'completed' ? 'success' : 'error');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function show(target: HTMLElement, state: MigrationProgressView): void {
  target.replaceChildren(h('p', { 'data-testid': 'migration-status', 'data-status': state.status }, t(`migration.status.${state.status}` as MessageKey), ' · ', t('migration.counts', { migrated: state.migrated, total: state.total })));
  if (state.failed.length) {
    target.append(
      h(
          'ul',
          { class: 'alert alert-error', 'data-testid': 'migration-failed' },
          ...state.failed.map((f) => h('li', { 'data-process-instance-id': f.processInstanceId ?? '' }, `${f.processInstanceId ?? f.jobId}：${f.message.split('\n')[0]}`)),
      ),
    );
  }
}
