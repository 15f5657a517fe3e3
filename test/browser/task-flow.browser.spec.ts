import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { createIntakeAs, taskInList } from '../support/api';
import { baseUrl, openPhone, screenshotDir, signIn } from '../support/browser';

// The register step runs in a worker, so the triage task shows up a moment after the intake.
const taskAppearsWithinMs = 60_000;

jest.setTimeout(240_000);

describe('task flow in the browser', () => {
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    ({ browser, page, pageErrors } = await openPhone());
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a command-centre operator triages a new intake from 我的待办 and the case moves on to the next step', async () => {
    // Given an intake registered by a jiashan officer through the API
    const title = `浏览器测试 占道经营 ${Date.now()}`;
    const { businessKey } = await createIntakeAs('jiashan.officer', {
      source: 'hotline',
      category: '占道经营',
      title,
      description: '市民来电反映：早市摊贩占用人行道经营，影响通行。',
      // Its own address and no location: an earlier run's open intake at the same spot would merge it as a duplicate.
      address: `嘉善县罗星街道体育南路 88 号（${Date.now()}）`,
      location: undefined,
      reporter: { name: '王先生', phone: '13800000000' },
    });

    // When the command-centre operator signs in on the real Keycloak login page
    await signIn(page, '#/tasks', 'jiashan.command-center');

    // Then 我的待办 shows who is signed in and, soon, the triage task of that case
    await expect(page.locator('[data-testid="user-district"]').textContent()).resolves.toBe('嘉善县');
    const row = await waitForTaskRow(page, businessKey);
    const taskId = await row.getAttribute('data-task-id');
    expect(taskId).toBeTruthy();
    await expect(row.getAttribute('data-task-key')).resolves.toBe('Triage');
    await expect(row.locator('.task-title').textContent()).resolves.toBe(title);
    // an unclaimed group task offers 认领; the test leaves it to the automatic claim on submit
    await expect(row.locator('[data-testid="claim-button"]').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(screenshotDir, 'task-list.png'), fullPage: true });

    // When the operator opens the task and fills in the triage form
    await row.locator('[data-testid="task-link"]').click();
    await page.locator('[data-testid="task-page"]').waitFor();
    await expect(page.locator('[data-testid="case-summary"] .card-title').textContent()).resolves.toBe(title);
    const form = page.locator('[data-testid="task-form"]');
    await form.locator('.fjs-form').waitFor({ timeout: 30_000 });
    // The triage table's suggestion is shown read-only once the form has its data; then the form takes input.
    await expect(form.locator('.fjs-form-field-textfield input[readonly]').first().inputValue()).resolves.toContain('建议');
    await page.waitForTimeout(1_000);
    await fillFormJsForm(form);
    await page.screenshot({ path: path.join(screenshotDir, 'task-form.png'), fullPage: true });

    // And submits it
    await page.click('[data-testid="task-submit"]');
    await page.waitForURL(/#\/tasks$/, { timeout: 30_000 }).catch(async () => {
      throw new Error(`submit did not return to the list: ${await formProblems(page)}`);
    });

    // Then a toast confirms it and the task is gone from the list
    await expect(page.locator('[data-testid="toast"]').first().textContent()).resolves.toContain(title);
    await page.locator('[data-testid="task-list"]:not([aria-busy])').waitFor();
    await expect(page.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`).count()).resolves.toBe(0);

    // And the case shows its diagram with the new current step highlighted, and the audit trail
    // (once the workers have dispatched it, the squad's 处置 is the open step)
    await taskInList('jiashan.squad-leader', businessKey, 'Handle');
    await page.goto(`${baseUrl}/#/cases/${encodeURIComponent(businessKey)}`);
    const diagram = await waitForHighlightedStep(page);
    const currentSteps = (await diagram.getAttribute('data-current-steps')) ?? '';
    expect(currentSteps.split(' ')).toEqual(['Handle']);
    await expect(diagram.locator('.djs-element.current-step').count()).resolves.toBeGreaterThan(0);
    const audit = page.locator('[data-testid="audit-list"] [data-testid="audit-entry"]');
    await expect(audit.count()).resolves.toBeGreaterThanOrEqual(2);
    // actions are shown with Chinese labels, not the API's codes
    await expect(audit.locator('.timeline-action').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringMatching(/[\u4e00-\u9fff]/)]),
    );
    await page.screenshot({ path: path.join(screenshotDir, 'case-view.png'), fullPage: true });

    expect(pageErrors).toEqual([]);
  });
});

/** Refreshes 我的待办 until the case's task is listed. */
async function waitForTaskRow(page: Page, businessKey: string): Promise<Locator> {
  const row = page.locator(`[data-testid="task-row"][data-business-key="${businessKey}"]`);
  const deadline = Date.now() + taskAppearsWithinMs;
  await page.locator('[data-testid="task-list"]').waitFor({ timeout: 30_000 });
  for (;;) {
    await page.locator('[data-testid="task-list"]:not([aria-busy])').waitFor({ timeout: 30_000 });
    if ((await row.count()) > 0) return row.first();
    if (Date.now() > deadline) throw new Error(`no task for case ${businessKey} within ${taskAppearsWithinMs} ms`);
    await page.waitForTimeout(2_000);
    await page.click('[data-testid="tasks-refresh"]');
  }
}

/** Reloads the case view until bpmn-js has drawn it with at least one current step marked. */
async function waitForHighlightedStep(page: Page): Promise<Locator> {
  const diagram = page.locator('[data-testid="case-diagram"]');
  const deadline = Date.now() + 30_000;
  for (;;) {
    await page.locator('[data-testid="case-diagram"]:not([data-state="loading"])').waitFor({ timeout: 30_000 });
    await expect(diagram.getAttribute('data-state')).resolves.toBe('ready');
    if (((await diagram.getAttribute('data-current-steps')) ?? '') !== '') return diagram;
    if (Date.now() > deadline) throw new Error('the case diagram never showed a current step');
    await page.waitForTimeout(2_000);
    await page.reload();
  }
}

/**
 * Answers every field of a form-js form a person would have to touch: the first option of
 * radios and selects, a sentence in empty text fields, 1 in numbers. Prefilled values stay.
 */
async function fillFormJsForm(form: Locator): Promise<void> {
  for (const group of await form.locator('.fjs-form-field-radio').all()) {
    if ((await group.locator('input[type="radio"]:checked').count()) === 0) {
      await group.locator('input[type="radio"]').first().check();
    }
  }
  for (const select of await form.locator('.fjs-form-field-select').all()) {
    if ((await select.locator('.fjs-select-placeholder').count()) > 0) {
      await select.locator('.fjs-input-group').click();
      await select.locator('.fjs-dropdownlist-item').first().click();
    }
  }
  // Read-only fields show what a step before decided (e.g. the triage suggestion); they are not filled in.
  for (const input of await form.locator('.fjs-form-field-textfield input:not([readonly]):not([disabled])').all()) {
    if ((await input.inputValue()) === '') await input.fill('浏览器测试');
  }
  for (const textarea of await form.locator('.fjs-form-field-textarea textarea').all()) {
    if ((await textarea.inputValue()) === '') await textarea.fill('浏览器测试：情况属实，按常规事项派单处置。');
  }
  for (const input of await form.locator('.fjs-form-field-number input').all()) {
    if ((await input.inputValue()) === '') await input.fill('1');
  }
}

/** What the page says is wrong, for a failure message worth reading. */
async function formProblems(page: Page): Promise<string> {
  const banner = await page.locator('[data-testid="form-errors"]:not([hidden])').allTextContents();
  const fields = await page.locator('.fjs-has-errors').allTextContents();
  return JSON.stringify({ url: page.url(), banner, fields });
}
