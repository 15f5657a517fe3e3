import { errorMessage } from '../api/api-error';
import { clear, h } from '../dom/h';
import { formatDateTime, t } from '../i18n';
import type { AppContext } from '../shell/app-context';
import type { Page } from '../shell/router';
import { claimTask, isOverdue, listTasks, stepName, taskTitle, type TaskSummary } from './tasks-api';

/** `#/tasks` 我的待办: the open tasks of the user's district they may work, with claim. */
export const taskListPage: Page = async (ctx, view) => {
  view.setTitle(t('tasks.title'));
  const count = h('p', { class: 'page-subtitle', 'data-testid': 'task-count' }, t('app.loading'));
  const list = h('ul', { class: 'task-list', 'data-testid': 'task-list', 'aria-busy': 'true' });
  const refresh = h(
    'button',
    { type: 'button', class: 'button button-secondary button-small', 'data-testid': 'tasks-refresh', onClick: () => void view.refresh() },
    t('tasks.refresh'),
  );
  view.outlet.append(
    h('section', { class: 'page' }, h('div', { class: 'page-head' }, h('h1', {}, t('tasks.title')), refresh), count, list),
  );

  const tasks = await listTasks(ctx.api, view.signal);
  count.textContent = t('tasks.count', { count: tasks.length });
  list.removeAttribute('aria-busy');
  clear(list);
  if (tasks.length === 0) {
    list.append(h('li', { class: 'empty', 'data-testid': 'tasks-empty' }, t('tasks.empty')));
    return;
  }
  list.append(...tasks.map((task) => taskRow(ctx, task)));
};

function taskRow(ctx: AppContext, task: TaskSummary): HTMLElement {
  const href = `#/tasks/${encodeURIComponent(task.id)}`;
  const overdue = isOverdue(task);
  const actions = h('div', { class: 'task-row-actions' });

  const showActions = (assignee: string | null): void => {
    clear(actions);
    if (assignee) {
      actions.append(
        h('span', { class: 'badge badge-neutral' }, t('tasks.mine')),
        h('a', { class: 'button button-primary', href, 'data-testid': 'open-task' }, t('tasks.open')),
      );
      return;
    }
    const claim = h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'claim-button' }, t('tasks.claim'));
    claim.addEventListener('click', async () => {
      claim.disabled = true;
      claim.textContent = t('tasks.claiming');
      try {
        const claimed = await claimTask(ctx.api, task.id);
        ctx.toast(t('tasks.claimedToast', { title: taskTitle(task) }));
        showActions(claimed.assignee);
      } catch (error) {
        ctx.toast(errorMessage(error), 'error');
        claim.disabled = false;
        claim.textContent = t('tasks.claim');
      }
    });
    actions.append(h('span', { class: 'badge badge-attention' }, t('tasks.unassigned')), claim);
  };
  showActions(task.assignee);

  return h(
    'li',
    {
      class: `task-row card${overdue ? ' is-overdue' : ''}`,
      'data-testid': 'task-row',
      'data-task-id': task.id,
      'data-business-key': task.businessKey,
      'data-task-key': task.taskDefinitionKey,
    },
    h(
      'a',
      { class: 'task-row-main', href, 'data-testid': 'task-link' },
      h('span', { class: 'task-step' }, stepName(task)),
      h('span', { class: 'task-title' }, taskTitle(task)),
      h(
        'span',
        { class: 'task-meta' },
        task.caseNumber ? h('span', {}, `${t('tasks.caseNumber')} ${task.caseNumber}`) : null,
        h('span', {}, `${t('tasks.created')} ${formatDateTime(task.created)}`),
        task.due
          ? h(
              'span',
              { class: overdue ? 'due is-overdue' : 'due' },
              `${t('tasks.due')} ${formatDateTime(task.due)}`,
              overdue ? h('strong', { class: 'badge badge-danger' }, t('tasks.overdue')) : null,
            )
          : null,
      ),
    ),
    actions,
  );
}
