import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { as, callApi, tokenFor } from '../support/api';
import { apiEngineClient } from '../support/backend';
import { openPhone, screenshotDir, signIn } from '../support/browser';
import { nextTemplate, PROBE_KEY, probeTemplate, uploadModels, withReviewTask } from '../support/review-probe';

jest.setTimeout(240_000);

/** Jiashan reviews a customised review-probe process (user tasks only): nothing else of jiashan runs it. */
const DISTRICT = 'jiashan';
const IT = `${DISTRICT}.district-it`;
const DESIGNER = `${DISTRICT}.designer`;
/** Jiashan's probe: a 复核 step after 核查, and its own name for 结案. */
const jiashanProbe = withReviewTask(probeTemplate).replace('name="结案"', 'name="结案（嘉善）"');

describe('审核 in the browser: district IT reviews a draft’s diff and deploys it', () => {
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];
  let draftId: string;
  let runningOn: string;
  let instanceId: string | undefined;
  const engine = apiEngineClient();

  beforeAll(async () => {
    // Given the province's probe template and a jiashan designer's draft adding a 复核 task, submitted for review
    expect((await uploadModels('/templates', `${DISTRICT}.province-admin`, [{ name: `${PROBE_KEY}.bpmn`, content: probeTemplate }], '浏览器测试：模板')).status).toBe(201);
    const created = await as(DESIGNER).post('/drafts', { processKey: PROBE_KEY, comment: '浏览器测试：增加复核' });
    expect(created.status).toBe(201);
    draftId = created.body.id;
    const saved = await callApi('PUT', `/drafts/${draftId}`, { token: await tokenFor(DESIGNER), body: { xml: jiashanProbe, comment: '核查后增加复核，结案注明本区' } });
    expect(saved.status).toBe(200);
    expect((await as(DESIGNER).post(`/drafts/${draftId}/submit`)).status).toBe(200);
    // and one open case on the version jiashan runs now, for the migration after the deploy
    runningOn = (await engine.latestDefinitionFor(PROBE_KEY, DISTRICT))!.id;
    instanceId = (await engine.startProcess(runningOn, `probe-browser-${Date.now()}`, { districtId: { value: DISTRICT, type: 'String' }, title: { value: '审核浏览器测试', type: 'String' } })).id;
    ({ browser, page, pageErrors } = await openPhone());
  });

  afterAll(async () => {
    await browser?.close();
    if (instanceId) await engine.deleteProcessInstance(instanceId).catch(() => undefined);
  });

  it('the review page shows the added task on the diagram and in the table, with the model check passed', async () => {
    // When jiashan's district IT opens 审核 and the submitted draft
    await signIn(page, '#/tasks', IT);
    await page.locator('[data-testid="nav-review"]').click();
    const row = page.locator(`[data-testid="draft-row"][data-draft-id="${draftId}"]`);
    await row.waitFor({ timeout: 30_000 });
    await expect(row.getAttribute('data-status')).resolves.toBe('submitted');
    await row.locator('[data-testid="draft-link"]').click();

    // Then, against the template (the default only when jiashan has no probe variant yet), the diagram marks the
    // added task and the table lists it, in Chinese
    await page.locator('[data-testid="diff-against"]').selectOption('template');
    const diagram = page.locator('[data-testid="diff-diagram"][data-state="ready"]');
    await diagram.waitFor({ timeout: 60_000 });
    await expect(diagram.getAttribute('data-added')).resolves.toContain('Review');
    await expect(page.locator('[data-testid="diff-diagram"] .djs-element.diff-added[data-element-id="Review"]').count()).resolves.toBe(1);
    const added = page.locator('[data-testid="diff-row"][data-kind="added"][data-element-id="Review"]');
    await expect(added.textContent()).resolves.toContain('复核');
    await expect(added.textContent()).resolves.toContain('人工任务');
    const rewired = page.locator('[data-testid="diff-row"][data-kind="changed"][data-element-id="Flow_ToClose"]');
    await expect(rewired.textContent()).resolves.toContain('起点');
    await page.locator('[data-testid="draft-check-passed"]').waitFor();
    await page.screenshot({ path: path.join(screenshotDir, 'diff.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('approving deploys the draft for jiashan; 部署管理 shows it live and migrates the open case of the previous version', async () => {
    // When they approve with a comment
    await page.fill('[data-testid="review-comment"]', '浏览器测试：同意增加复核');
    await page.click('[data-testid="approve-draft"]');

    // Then a toast names the new version, and 部署管理 lists it first
    const toast = page.locator('[data-testid="toast"]', { hasText: '已部署版本' });
    await toast.waitFor({ timeout: 60_000 });
    const version = Number(/已部署版本 (\d+)/.exec((await toast.textContent()) ?? '')?.[1]);
    await page.locator(`[data-testid="deployment-row"][data-version="${version}"]`).waitFor({ timeout: 30_000 });
    const newest = page.locator('[data-testid="deployment-row"]').first();
    await expect(newest.getAttribute('data-version')).resolves.toBe(String(version));
    await expect(newest.locator('[data-testid="deployment-comment"]').textContent()).resolves.toBe('浏览器测试：同意增加复核');

    // and the open case of the previous version migrates from the panel of the live version
    await newest.locator('[data-testid="migration-open"]').click();
    const source = newest.locator(`[data-testid="migration-source"][data-source-definition-id="${runningOn}"]`);
    await source.waitFor({ timeout: 30_000 });
    await source.locator('[data-testid="migration-start"]').click();
    await source.locator('[data-testid="migration-status"][data-status="completed"]').waitFor({ timeout: 90_000 });
    expect((await engine.historicProcessInstance(instanceId!)).processDefinitionId).not.toBe(runningOn);
    // The picture shows the finished migration, not the toasts over it
    await page.waitForFunction(`!document.querySelector('[data-testid="toast"]')`, null, { timeout: 15_000 });
    // The live version and its migration; the whole history would make a picture metres long.
    await page.screenshot({ path: path.join(screenshotDir, 'deployments.png'), fullPage: true, clip: { x: 0, y: 0, width: 390, height: 2200 } });

    // and the API agrees: the draft is deployed, with jiashan as tenant
    const draft = await as(IT).get(`/drafts/${draftId}`);
    expect(draft.body).toMatchObject({ status: 'deployed', reviewedBy: IT });
    const [listed] = (await as(IT).get('/deployments')).body;
    expect(listed.definitions).toContainEqual(expect.objectContaining({ key: PROBE_KEY, tenantId: DISTRICT }));
    expect(pageErrors).toEqual([]);
  });

  it('the designer’s 审核 page lists the draft as deployed, with the reviewer’s comment, and offers 为本区定制 for processes, tables and forms', async () => {
    const designer = await openPhone();
    try {
      await signIn(designer.page, '#/drafts', DESIGNER);
      const row = designer.page.locator(`[data-testid="draft-row"][data-draft-id="${draftId}"]`);
      await row.waitFor({ timeout: 30_000 });
      await expect(row.getAttribute('data-status')).resolves.toBe('deployed');
      await expect(row.textContent()).resolves.toContain('浏览器测试：同意增加复核');
      // The models to customise are picked from a list, by kind; a form starts a form draft
      const picker = designer.page.locator('[data-testid="new-draft-form"] [data-testid="draft-model"]');
      const choices = await picker.locator('option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value));
      expect(choices).toEqual(expect.arrayContaining(['bpmn:intake-dispatch', 'bpmn:case-review', 'dmn:triage', 'dmn:discretion', 'form:intake-handle']));
      await picker.selectOption('form:intake-handle');
      await designer.page.fill('[data-testid="new-draft-form"] [data-testid="draft-comment"]', '浏览器测试：处置表单');
      await designer.page.click('[data-testid="new-draft-form"] button[type="submit"]');
      await expect(designer.page.locator('[data-testid="draft-review"] h1').textContent()).resolves.toBe('intake-handle（表单）');
      expect(designer.pageErrors).toEqual([]);
    } finally {
      await designer.browser.close();
    }
  });

  it('the live version compares with the template from 部署管理', async () => {
    await page.locator('[data-testid="deployment-row"]').first().locator('[data-testid="deployment-diff"]').click();
    await page.locator('[data-testid="diff-diagram"][data-state="ready"]').waitFor({ timeout: 60_000 });
    await expect(page.locator('[data-testid="diff-row"][data-kind="added"][data-element-id="Review"]').count()).resolves.toBe(1);
    expect(pageErrors).toEqual([]);
  });

  it('a new template version shows as 模板有更新; taking it keeps jiashan’s changes, brings the template’s and names the conflict', async () => {
    // Given the province's next template: 结案 and 核查 renamed, and a new 归档 step
    expect((await uploadModels('/templates', `${DISTRICT}.province-admin`, [{ name: `${PROBE_KEY}.bpmn`, content: nextTemplate(probeTemplate) }], '浏览器测试：模板更新')).status).toBe(201);
    const designer = await openPhone();
    try {
      // When jiashan's designer takes the update from 审核
      await signIn(designer.page, '#/drafts', DESIGNER);
      const update = designer.page.locator(`[data-testid="template-update"][data-key="${PROBE_KEY}"]`);
      await update.waitFor({ timeout: 30_000 });
      await update.locator('[data-testid="take-update"]').click();

      // Then the draft names the one conflict: both renamed 结案, and jiashan's name stays
      const conflict = designer.page.locator('[data-testid="merge-conflicts"] [data-testid="merge-conflict"]');
      await conflict.first().waitFor({ timeout: 30_000 });
      await expect(conflict.count()).resolves.toBe(1);
      await expect(conflict.getAttribute('data-element-id')).resolves.toBe('Close');
      await expect(conflict.textContent()).resolves.toContain('结案');

      // and, against what jiashan runs now, it adds the template's 归档 and renames 核查, with 复核 untouched
      await designer.page.locator('[data-testid="diff-diagram"][data-state="ready"]').waitFor({ timeout: 60_000 });
      await expect(designer.page.locator('[data-testid="diff-against"]').inputValue()).resolves.toBe('deployed');
      const rows = designer.page.locator('[data-testid="diff-row"]');
      const kinds = await rows.evaluateAll((all) => all.map((row) => `${row.getAttribute('data-kind')} ${row.getAttribute('data-element-id')}`));
      expect(kinds).toEqual(expect.arrayContaining(['added Archive', 'added Flow_ArchiveToEnd', 'changed Check']));
      expect(kinds.filter((kind) => kind.startsWith('removed') || kind.endsWith(' Review') || kind.endsWith(' Close'))).toEqual([]);
      await designer.page.screenshot({ path: path.join(screenshotDir, 'template-update.png'), fullPage: true });
      expect(designer.pageErrors).toEqual([]);
    } finally {
      await designer.browser.close();
    }
  });
});
