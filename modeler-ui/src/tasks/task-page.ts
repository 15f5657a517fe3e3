import { ApiError, errorMessage, type FieldError } from '../api/api-error';
import { clear, h } from '../dom/h';
import { localized, t } from '../i18n';
import type { Page } from '../shell/router';
import { caseSummaryCard } from './case-summary-card';
import type { TaskForm } from './task-form';
import { claimTask, completeTask, getTask, stepName, taskTitle } from './tasks-api';

/**
 * `#/tasks/:id` 办理: case summary and the step's form-js form.
 * An unclaimed task is claimed automatically on submit: one tap less in the field, and claim and
 * completion are still two audited actions on the server.
 */
export const taskPage: Page = async (ctx, view) => {
  const [taskId = ''] = view.params;
  const task = await getTask(ctx.api, taskId, view.signal);
  view.setTitle(stepName(task));

  let assignedToMe = task.assignee === ctx.user.username;
  let taskForm: TaskForm | undefined;
  let busy = false;

  const errors = h('div', { class: 'alert alert-error', role: 'alert', 'data-testid': 'form-errors', hidden: true });
  const claimNote = assignedToMe
    ? null
    : h('p', { class: 'alert alert-info', 'data-testid': 'auto-claim-note' }, t('task.autoClaimNote'));
  const formContainer = h('div', { class: 'task-form', 'data-testid': 'task-form' }, h('p', { class: 'muted' }, t('task.formLoading')));
  const submit = h(
    'button',
    { type: 'button', class: 'button button-primary button-block', 'data-testid': 'task-submit' },
    task.form ? t('task.submit') : t('task.complete'),
  );

  view.outlet.append(
    h(
      'section',
      { class: 'page', 'data-testid': 'task-page', 'data-task-id': task.id },
      h('a', { class: 'back-link', href: '#/tasks' }, `‹ ${t('task.back')}`),
      h('h1', {}, t('task.heading', { step: stepName(task) })),
      task.case ? caseSummaryCard(task.case) : null,
      h(
        'section',
        { class: 'card', 'aria-label': t('task.form') },
        h('h2', { class: 'card-title' }, t('task.form')),
        claimNote,
        errors,
        task.form ? formContainer : h('p', { class: 'muted', 'data-testid': 'no-form-note' }, t('task.noForm')),
      ),
      h('div', { class: 'action-bar' }, submit),
    ),
  );

  const showErrors = (message: string, details: FieldError[] = []): void => {
    clear(errors);
    const labelled = details.map((detail) => {
      const fieldLabel = taskForm?.fieldLabel(detail.field);
      const text = fieldLabel ? `${fieldLabel}：${localized(detail)}` : localized(detail);
      return h('li', { 'data-field': detail.field }, text);
    });
    errors.append(h('p', {}, message), ...(labelled.length ? [h('ul', {}, ...labelled)] : []));
    errors.hidden = false;
    errors.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  const complete = async (values: Record<string, unknown>): Promise<void> => {
    if (busy) return;
    busy = true;
    submit.disabled = true;
    submit.textContent = t('task.submitting');
    errors.hidden = true;
    try {
      if (!assignedToMe) {
        await claimTask(ctx.api, task.id);
        assignedToMe = true;
        claimNote?.remove();
      }
      await completeTask(ctx.api, task.id, values);
      ctx.toast(t('task.completedToast', { title: taskTitle(task) }));
      ctx.navigate('#/tasks');
    } catch (error) {
      const details = error instanceof ApiError ? error.details : [];
      taskForm?.showFieldErrors(details);
      showErrors(errorMessage(error), details);
    } finally {
      busy = false;
      submit.disabled = false;
      submit.textContent = task.form ? t('task.submit') : t('task.complete');
    }
  };

  if (!task.form) {
    submit.addEventListener('click', () => void complete({}));
    return;
  }

  submit.disabled = true;
  try {
    const { mountTaskForm } = await import('./task-form');
    if (view.signal.aborted) return;
    clear(formContainer);
    taskForm = await mountTaskForm(formContainer, task.form, task.variables ?? {});
  } catch (error) {
    if (view.signal.aborted) return;
    clear(formContainer);
    formContainer.append(h('p', { class: 'alert alert-error', role: 'alert' }, t('task.formLoadFailed')));
    console.error(error); // keep the case summary on screen; the schema error is for the designer
    return;
  }
  const mounted = taskForm;
  view.onDispose(() => mounted.destroy());
  mounted.onSubmit(({ data, hasErrors }) => {
    if (hasErrors) showErrors(t('task.fixFields'));
    else void complete(data);
  });
  submit.addEventListener('click', () => mounted.submit());
  submit.disabled = false;
};
