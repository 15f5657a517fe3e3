import { ApiError, errorMessage } from '../api/api-error';
import { clear, h } from '../dom/h';
import { formatDateTime, localized, t } from '../i18n';
import type { AppContext } from '../shell/app-context';
import type { Page } from '../shell/router';
import { MAX_COMMENT_LENGTH } from '../../../src/deployments/deployment-view';
import { listDeployments, rollbackDeployment, uploadDeployment, type Deployment, type UploadProblem } from './deployments-api';
import { migrationPanel } from './migration-panel';


/** `#/deployments` 部署管理: district IT puts its district's model variants live, sees its versions and rolls back. */
export const deploymentsPage: Page = async (ctx, view) => {
  view.setTitle(t('deployments.title'));
  const problems = h('div', { class: 'alert alert-error', role: 'alert', 'data-testid': 'deployment-problems', hidden: true });
  const list = h('ul', { class: 'case-list', 'data-testid': 'deployment-list', 'aria-busy': 'true' }, h('li', { class: 'muted' }, t('app.loading')));
  const confirm = confirmDialog();
  view.onDispose(() => confirm.element.remove());

  const showProblems = (heading: string, items: UploadProblem[], messages: string[] = []): void => {
    clear(problems);
    problems.append(h('p', {}, heading));
    if (items.length || messages.length) {
      problems.append(h('ul', { class: 'deployment-problems' }, ...items.map(problemItem), ...messages.map((message) => h('li', {}, message))));
    }
    problems.hidden = false;
    problems.scrollIntoView({ block: 'nearest' });
  };

  const form = uploadForm(ctx, {
    clearProblems: () => {
      problems.hidden = true;
      clear(problems);
    },
    showProblems,
    deployed: async (version) => {
      ctx.toast(t('deployments.deployedToast', { version }));
      await view.refresh();
    },
  });

  const row = (deployment: Deployment, index: number, all: Deployment[]): HTMLElement => {
    const rolledBackFrom = deployment.rollbackOf ? all.find((other) => other.id === deployment.rollbackOf) : undefined;
    const hasProcess = deployment.definitions.some((d) => d.kind === 'process');
    const rollback =
      index === 0
        ? null
        : h(
            'button',
            {
              type: 'button',
              class: 'button button-secondary button-small',
              'data-testid': 'deployment-rollback',
              onClick: async (event) => {
                const button = event.currentTarget as HTMLButtonElement;
                if (!(await confirm.ask(deployment.version))) return;
                button.disabled = true;
                try {
                  const outcome = await rollbackDeployment(ctx.api, deployment.id);
                  if (!outcome.valid) {
                    button.disabled = false;
                    showProblems(t('deployments.rollbackRefused', { version: deployment.version }), outcome.problems);
                    return;
                  }
                  ctx.toast(t('deployments.rolledBackToast', { target: deployment.version, version: outcome.deployment.version }));
                  await view.refresh();
                } catch (error) {
                  button.disabled = false;
                  ctx.toast(errorMessage(error), 'error');
                }
              },
            },
            t('deployments.rollback'),
          );
    return h(
      'li',
      { class: 'card deployment-row', 'data-testid': 'deployment-row', 'data-deployment-id': deployment.id, 'data-version': deployment.version },
      h(
        'div',
        { class: 'card-head' },
        h('h3', { class: 'card-title', 'data-testid': 'deployment-version' }, t('deployments.version', { version: deployment.version })),
        index === 0 ? h('span', { class: 'badge status-completed', 'data-testid': 'deployment-current' }, t('deployments.current')) : null,
      ),
      h('p', { class: 'deployment-comment', 'data-testid': 'deployment-comment' }, deployment.comment),
      h(
        'p',
        { class: 'task-meta' },
        h('span', {}, t('deployments.deployedBy', { actor: deployment.deployedBy, at: formatDateTime(deployment.deployedAt) })),
        rolledBackFrom ? h('span', { class: 'badge badge-attention' }, t('deployments.rollbackOf', { version: rolledBackFrom.version })) : null,
      ),
      h(
        'dl',
        { class: 'facts facts-compact' },
        h('dt', {}, t('deployments.definitions')),
        h('dd', {}, h('ul', { class: 'deployment-definitions' }, ...deployment.definitions.map(definitionItem))),
        h('dt', {}, t('deployments.fileList')),
        h('dd', { 'data-testid': 'deployment-files' }, deployment.files.map((file) => file.name).join('、')),
      ),
      rollback,
      hasProcess ? h('a', { class: 'button button-secondary button-small', href: `#/deployments/${encodeURIComponent(deployment.id)}/diff`, 'data-testid': 'deployment-diff' }, t('migration.diffTemplate')) : null,
      index === 0 && hasProcess ? migrationPanel(ctx, deployment.id, view.signal) : null,
    );
  };

  view.outlet.append(
    h(
      'section',
      { class: 'page' },
      h('h1', {}, t('deployments.title')),
      h('p', { class: 'page-subtitle' }, t('deployments.hint')),
      h('h2', {}, t('deployments.upload')),
      problems,
      form,
      h('h2', {}, t('deployments.list')),
      list,
    ),
  );

  const deployments = await listDeployments(ctx.api, view.signal);
  list.removeAttribute('aria-busy');
  list.replaceChildren(...(deployments.length === 0 ? [h('li', { class: 'empty' }, t('deployments.empty'))] : deployments.map(row)));
};

function uploadForm(
  ctx: AppContext,
  on: { clearProblems(): void; showProblems(heading: string, items: UploadProblem[], messages?: string[]): void; deployed(version: number): Promise<void> },
): HTMLFormElement {
  const files = h('input', {
    type: 'file',
    id: 'deployment-files',
    name: 'file',
    multiple: true,
    accept: '.bpmn,.dmn,.form',
    'aria-required': 'true',
    'aria-describedby': 'deployment-files-hint',
    'data-testid': 'deployment-files-input',
  });
  const comment = h('textarea', {
    id: 'deployment-comment',
    name: 'comment',
    rows: '2',
    maxlength: String(MAX_COMMENT_LENGTH),
    'aria-required': 'true',
    placeholder: t('deployments.commentPlaceholder'),
    'data-testid': 'deployment-comment-input',
  });
  const submit = h('button', { type: 'submit', class: 'button button-primary button-block', 'data-testid': 'deployment-submit' }, t('deployments.submit'));
  const required = () => h('span', { class: 'required', 'aria-hidden': 'true' }, ' *');
  const form = h(
    'form',
    { class: 'card deployment-form', novalidate: true, 'data-testid': 'deployment-form' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: files.id }, t('deployments.files'), required()),
      files,
      h('p', { class: 'muted field-hint', id: 'deployment-files-hint' }, t('deployments.filesHint')),
    ),
    h('div', { class: 'field' }, h('label', { for: comment.id }, t('deployments.comment'), required()), comment),
    h('div', { class: 'action-bar' }, submit),
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    on.clearProblems();
    const chosen = [...(files.files ?? [])];
    const text = comment.value.trim();
    const missing = [...(chosen.length ? [] : [t('deployments.noFiles')]), ...(text ? [] : [t('deployments.noComment')])];
    if (missing.length) {
      on.showProblems(missing.join(' '), []);
      return;
    }
    submit.disabled = true;
    submit.textContent = t('deployments.submitting');
    try {
      const outcome = await uploadDeployment(ctx.api, chosen, text);
      if (outcome.valid) {
        await on.deployed(outcome.deployment.version);
        return;
      }
      on.showProblems(t('deployments.refused'), outcome.problems);
    } catch (error) {
      on.showProblems(errorMessage(error), [], error instanceof ApiError ? error.details.map((detail) => localized(detail)) : []);
    } finally {
      submit.disabled = false;
      submit.textContent = t('deployments.submit');
    }
  });
  return form;
}

function problemItem(problem: UploadProblem): HTMLElement {
  return h(
    'li',
    { class: 'deployment-problem', 'data-testid': 'deployment-problem', 'data-rule': problem.rule, 'data-element-id': problem.elementId ?? '' },
    h('p', { class: 'deployment-problem-message' }, localized(problem.message)),
    h(
      'p',
      { class: 'deployment-problem-where' },
      `${t('deployments.problemFile')}：${problem.file ?? t('deployments.wholeUpload')} · `,
      `${t('deployments.problemElement')}：${problem.elementId ?? t('deployments.wholeFile')} · `,
      `${t('deployments.problemRule')}：`,
      h('code', {}, problem.rule),
    ),
  );
}

function definitionItem(definition: Deployment['definitions'][number]): HTMLElement {
  const running =
    definition.kind === 'decision'
      ? t('deployments.decision')
      : definition.runningInstances === null
        ? t('deployments.runningUnknown')
        : t('deployments.running', { count: definition.runningInstances });
  return h(
    'li',
    { 'data-testid': 'deployment-definition', 'data-key': definition.key },
    h('code', {}, definition.key),
    ` ${t('deployments.definitionVersion', { version: definition.version })} · ${running}`,
  );
}

/** A modal asking before a rollback; answers true only on the confirm button. */
function confirmDialog(): { element: HTMLDialogElement; ask(version: number): Promise<boolean> } {
  const element = h('dialog', { class: 'confirm-dialog', 'data-testid': 'rollback-dialog', 'aria-labelledby': 'rollback-dialog-title' });
  document.body.append(element);
  return {
    element,
    ask(version) {
      return new Promise((resolve) => {
        let confirmed = false;
        const close = (answer: boolean) => () => {
          confirmed = answer;
          element.close();
        };
        element.replaceChildren(
          h('h2', { id: 'rollback-dialog-title' }, t('deployments.rollbackConfirmTitle', { version })),
          h('p', {}, t('deployments.rollbackConfirmText', { version })),
          h(
            'div',
            { class: 'dialog-actions' },
            h('button', { type: 'button', class: 'button button-secondary', 'data-testid': 'rollback-cancel', onClick: close(false) }, t('deployments.cancel')),
            h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'rollback-confirm', onClick: close(true) }, t('deployments.rollbackConfirm')),
          ),
        );
        // Escape closes it too, without confirming.
        element.addEventListener('close', () => resolve(confirmed), { once: true });
        element.showModal();
      });
    },
  };
}
