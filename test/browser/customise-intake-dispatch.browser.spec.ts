import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from '../../src/repo-root';
import { as, createIntakeAs, eventually, taskInList } from '../support/api';
import { apiEngineClient, openDatabase } from '../support/backend';
import { screenshotDir, signIn } from '../support/browser';
import { uploadModels } from '../support/review-probe';

jest.setTimeout(420_000);

/**
 * The whole life of a district customisation of intake-dispatch, in the browser as its users do it: jiashan's
 * designer inserts 受理复核 (a user task from the palette, its role and form picked from lists) and a 复核提醒
 * notification (a service task from the element template chooser); jiashan's district IT reviews the diff and
 * deploys it; new jiashan intakes run both steps while other districts do not; the case already open moves onto
 * the new version; a rollback takes the steps away again for new intakes.
 */
const DISTRICT = 'jiashan';
const DESIGNER = `${DISTRICT}.designer`;
const IT = `${DISTRICT}.district-it`;
const shipped = readFileSync(path.join(repoRoot, 'bpmn', 'districts', DISTRICT, 'intake-dispatch.bpmn'), 'utf8');
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];
const RECHECK_TEMPLATE = 'intake.recheck-requested';

const intake = (username: string) => createIntakeAs(username, { address: `嘉善县罗星街道 测试路 ${randomUUID().slice(0, 8)} 号`, location: undefined });

/** The steps a case waits in now, by task definition key. */
async function waitsIn(processInstanceId: string, tenant: string): Promise<string[]> {
  const tasks = await apiEngineClient().queryTasks({ tenantIdIn: [tenant], processInstanceId });
  return tasks.map((t) => t.taskDefinitionKey);
}

const firstStep = (processInstanceId: string, tenant: string) =>
  eventually(async () => {
    const keys = await waitsIn(processInstanceId, tenant);
    return keys.length > 0 && keys;
  }, `the first user task of ${processInstanceId}`);

/** The middle of a (straight) sequence flow as drawn, in page coordinates, and how long it is on screen. */
async function middleOf(page: Page, flowId: string): Promise<{ x: number; y: number; length: number }> {
  const box = await page.locator(`.djs-connection[data-element-id="${flowId}"] .djs-visual`).first().boundingBox();
  if (!box) throw new Error(`${flowId} is not drawn`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, length: Math.max(box.width, box.height) };
}

/**
 * What a designer does before dropping a shape on a flow of a large diagram: scroll the canvas with the wheel until
 * the flow is in the middle, then zoom in on it (Ctrl + wheel) until it is long enough to aim at.
 */
async function bringIntoReach(page: Page, flowId: string): Promise<{ x: number; y: number }> {
  const canvas = (await page.locator('[data-testid="modeler-canvas"]').boundingBox())!;
  const centre = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 };
  for (let attempt = 0; attempt < 20; attempt++) {
    const flow = await middleOf(page, flowId);
    const centred = Math.abs(flow.x - centre.x) < canvas.width / 4 && Math.abs(flow.y - centre.y) < canvas.height / 4;
    if (centred && flow.length >= 45) return flow;
    await page.mouse.move(centred ? flow.x : centre.x, centred ? flow.y : centre.y);
    if (!centred) {
      await page.mouse.wheel(flow.x - centre.x, flow.y - centre.y);
    } else {
      await page.keyboard.down('Control');
      await page.mouse.wheel(0, -600);
      await page.keyboard.up('Control');
    }
    await page.waitForTimeout(150);
  }
  throw new Error(`could not bring ${flowId} into reach`);
}

/** Clicks a palette entry, then drops the new shape on the middle of a sequence flow, which splits the flow around it. */
async function insertOnFlow(page: Page, action: string, flowId: string): Promise<void> {
  const { x, y } = await bringIntoReach(page, flowId);
  await page.locator(`.djs-palette [data-action="${action}"]`).click();
  await page.mouse.move(x - 40, y + 40);
  await page.mouse.move(x, y, { steps: 8 });
  await page.mouse.click(x, y);
}

/** The opening tag of a BPMN element, to read the attributes the properties panel wrote. */
function openingTag(xml: string, id: string): string {
  return new RegExp(`<bpmn:\\w+ id="${id}"[^>]*>`).exec(xml)?.[0] ?? `(no element ${id})`;
}

/**
 * The errors the designer is shown once the server check has caught up with the last edit: it runs 800 ms after
 * an edit, so an idle list may still be the answer for an earlier state. Waits for a clean list, else returns what is left.
 */
async function settledErrors(page: Page): Promise<string[]> {
  const errors = page.locator('[data-testid="problem"]:is([data-source="server"], .modeler-problem-error)');
  const clean = page
    .waitForFunction(
      `document.querySelector('[data-testid="problem-list"][data-server-state="idle"]') && !document.querySelector('[data-testid="problem"]:is([data-source="server"], .modeler-problem-error)')`,
      null,
      { timeout: 30_000 },
    )
    .then(() => true, () => false);
  if (await clean) await page.waitForTimeout(1_500);
  return errors.allTextContents();
}

/** The text input of a properties-panel entry, found by its visible label. */
function panelInput(page: Page, label: string) {
  return page.locator('[data-testid="properties-panel"] .bio-properties-panel-entry', { has: page.locator('.bio-properties-panel-label', { hasText: new RegExp(`^${label}$`) }) }).locator('input, textarea').first();
}

async function openGroups(page: Page): Promise<void> {
  const closed = page.locator('[data-testid="properties-panel"] .bio-properties-panel-group-header:not(.open)');
  for (let i = await closed.count(); i > 0; i--) await closed.first().click();
}

describe('为本区定制 intake-dispatch in the browser: design, review, deploy, migrate, roll back', () => {
  let browser: Browser;
  let designer: Page;
  let reviewer: Page;
  const pageErrors: string[] = [];
  let baseline: { id: string; version: number };
  let openCase: { processInstanceId: string };
  let oldDefinitionId: string;
  let draftId: string;
  let deployedVersion: number;

  const newPage = async (viewport: { width: number; height: number }) => {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    return page;
  };

  beforeAll(async () => {
    // jiashan's record of what it runs now, so district IT has a version to roll back to
    const upload = await uploadModels('/deployments', IT, [{ name: 'intake-dispatch.bpmn', content: shipped }], '基线：现行嘉善流程');
    expect(upload.status).toBe(201);
    baseline = upload.body;
    // and a case already open on that version, waiting in 研判
    openCase = await intake(`${DISTRICT}.officer`);
    expect(await firstStep(openCase.processInstanceId, DISTRICT)).toEqual(['Triage']);
    oldDefinitionId = (await apiEngineClient().latestDefinitionFor('intake-dispatch', DISTRICT))!.id;

    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
    designer = await newPage({ width: 1600, height: 1000 });
    reviewer = await newPage({ width: 1280, height: 900 });
  });

  afterAll(async () => {
    await browser?.close();
    // Whatever happened, jiashan runs its shipped variant again for the specs after this one.
    await uploadModels('/deployments', IT, [{ name: 'intake-dispatch.bpmn', content: shipped }], '测试结束：恢复现行流程');
  });

  it('the designer inserts 受理复核 and a templated 复核提醒 into jiashan’s variant, with role and form from lists, and submits the draft', async () => {
    // Given jiashan's designer with the district's variant open in 流程设计, and a draft started for it
    await signIn(designer, '#/modeler/variant/intake-dispatch', DESIGNER);
    await designer.locator('[data-testid="modeler-page"][data-model="variant/intake-dispatch"][data-ready="true"]').waitFor({ timeout: 60_000 });
    await designer.fill('[data-testid="draft-comment"]', '研判前由指挥中心复核');
    await designer.click('[data-testid="draft-start"]');
    await designer.locator('[data-testid="toast"]', { hasText: '已为本区创建草稿' }).waitFor({ timeout: 30_000 });
    draftId = ((await designer.locator('[data-testid="draft-status"]').textContent()) ?? '').replace(/^草稿 #/, '');
    expect(draftId).toMatch(/^[0-9a-f-]{36}$/);

    // When they drop a user task from the palette on the flow into 研判
    await insertOnFlow(designer, 'create.user-task', 'Flow_TriageSuggest_Triage');
    await expect(designer.locator('[data-testid="properties-panel"] .bio-properties-panel-header-type').textContent()).resolves.toBe('用户任务');
    await openGroups(designer);
    await designer.locator('#bio-properties-panel-id').fill('Recheck');
    await designer.locator('#bio-properties-panel-name').fill('受理复核');
    // and pick its candidate group and form from the lists the panel offers
    await designer.locator('#bio-properties-panel-candidateGroups').selectOption('command-center');
    await designer.locator('#bio-properties-panel-formRef').selectOption('intake-handle');

    // and drop a service task from the template chooser on the flow into the triage suggestion
    await insertOnFlow(designer, 'create.templated-service-task', 'Flow_TriageRules_TriageSuggest');
    const chooser = designer.locator('.djs-popup.element-template-chooser');
    await chooser.waitFor({ timeout: 10_000 });
    await chooser.locator('.entry', { hasText: '发送通知' }).click();
    await expect(designer.locator('[data-testid="properties-panel"] .bio-properties-panel-header-type').textContent()).resolves.toBe('发送通知');
    await openGroups(designer);
    await designer.locator('#bio-properties-panel-id').fill('NotifyRecheck');
    await designer.locator('#bio-properties-panel-name').fill('复核提醒');
    await panelInput(designer, '接收人').fill('command-center');
    await panelInput(designer, '通知模板').fill(RECHECK_TEMPLATE);
    await panelInput(designer, '事项ID').fill('${intakeId}');
    await panelInput(designer, '渠道（log/webhook）').fill('log');
    await designer.keyboard.press('Tab');

    // Then neither the live lint nor the server check finds an error in the new model
    await expect(settledErrors(designer)).resolves.toEqual([]);
    await designer.screenshot({ path: path.join(screenshotDir, 'customise-intake-dispatch.png') });

    // When they submit the draft
    await designer.click('[data-testid="draft-submit"]');
    await designer.locator('[data-testid="toast"]', { hasText: '草稿已提交审核' }).waitFor({ timeout: 30_000 });

    // Then the draft waits for review with both new steps wired between the steps they were dropped on
    const draft = await as(DESIGNER).get(`/drafts/${draftId}`);
    expect(draft.body).toMatchObject({ processKey: 'intake-dispatch', status: 'submitted', problems: [] });
    const xml: string = draft.body.xml;
    expect(xml).toMatch(/<bpmn:sequenceFlow id="Flow_TriageSuggest_Triage" sourceRef="TriageSuggest" targetRef="Recheck"/);
    expect(xml).toMatch(/sourceRef="Recheck" targetRef="Triage"/);
    expect(xml).toMatch(/sourceRef="NotifyRecheck" targetRef="TriageSuggest"/);
    expect(openingTag(xml, 'Recheck')).toEqual(expect.stringContaining('camunda:candidateGroups="command-center"'));
    expect(openingTag(xml, 'Recheck')).toEqual(expect.stringContaining('camunda:formRef="intake-handle"'));
    expect(openingTag(xml, 'NotifyRecheck')).toEqual(expect.stringContaining('camunda:topic="notify"'));
    expect(pageErrors).toEqual([]);
  });

  it('jiashan’s district IT sees both steps on the diff and deploys the draft', async () => {
    // When district IT opens 审核 and the submitted draft
    await signIn(reviewer, '#/drafts', IT);
    const row = reviewer.locator(`[data-testid="draft-row"][data-draft-id="${draftId}"]`);
    await row.waitFor({ timeout: 30_000 });
    await expect(row.getAttribute('data-status')).resolves.toBe('submitted');
    await row.locator('[data-testid="draft-link"]').click();

    // Then, against the version jiashan runs now, the diagram colours the two new steps and the table names them
    // with their two new flows and nothing else added or removed, and the model check has passed
    await reviewer.locator('[data-testid="diff-diagram"][data-state="ready"]').waitFor({ timeout: 60_000 });
    await expect(reviewer.locator('[data-testid="diff-against"]').inputValue()).resolves.toBe('deployed');
    await expect(reviewer.locator('[data-testid="diff-row"][data-kind="added"]').count()).resolves.toBe(4);
    await expect(reviewer.locator('[data-testid="diff-row"][data-kind="removed"]').count()).resolves.toBe(0);
    for (const id of ['Recheck', 'NotifyRecheck']) {
      await expect(reviewer.locator(`[data-testid="diff-diagram"] .djs-element.diff-added[data-element-id="${id}"]`).count()).resolves.toBe(1);
    }
    await expect(reviewer.locator('[data-testid="diff-row"][data-kind="added"][data-element-id="Recheck"]').textContent()).resolves.toContain('受理复核');
    await expect(reviewer.locator('[data-testid="diff-row"][data-kind="added"][data-element-id="NotifyRecheck"]').textContent()).resolves.toContain('复核提醒');
    await expect(reviewer.locator('[data-testid="diff-row"][data-kind="changed"][data-element-id="Flow_TriageSuggest_Triage"]').count()).resolves.toBeGreaterThan(0);
    await reviewer.locator('[data-testid="draft-check-passed"]').waitFor();
    // The diagram opens on the changes at a readable size; 显示全图 shows where they sit in the whole process
    const recheckShape = reviewer.locator('[data-testid="diff-diagram"] .djs-element[data-element-id="Recheck"]');
    const focusedWidth = (await recheckShape.boundingBox())!.width;
    expect(focusedWidth).toBeGreaterThan(60);
    await reviewer.click('[data-testid="diff-show-all"]');
    expect((await recheckShape.boundingBox())!.width).toBeLessThan(focusedWidth / 2);
    await reviewer.click('[data-testid="diff-show-changes"]');
    await reviewer.screenshot({ path: path.join(screenshotDir, 'diff-intake-dispatch.png'), fullPage: true });

    // When they approve it
    await reviewer.fill('[data-testid="review-comment"]', '同意增加受理复核');
    await reviewer.click('[data-testid="approve-draft"]');
    const toast = reviewer.locator('[data-testid="toast"]', { hasText: '已部署版本' });
    await toast.waitFor({ timeout: 60_000 });
    deployedVersion = Number(/已部署版本 (\d+)/.exec((await toast.textContent()) ?? '')?.[1]);

    // Then 部署管理 lists the new version first, for jiashan
    const newest = reviewer.locator('[data-testid="deployment-row"]').first();
    await reviewer.locator(`[data-testid="deployment-row"][data-version="${deployedVersion}"]`).waitFor({ timeout: 30_000 });
    await expect(newest.getAttribute('data-version')).resolves.toBe(String(deployedVersion));
    await expect(newest.locator('[data-testid="deployment-comment"]').textContent()).resolves.toBe('同意增加受理复核');
    expect(await as(DESIGNER).get(`/drafts/${draftId}`)).toMatchObject({ body: { status: 'deployed', reviewedBy: IT } });
    expect(pageErrors).toEqual([]);
  });

  it('a new jiashan intake sends 复核提醒 and stops at 受理复核; wuxing (template) and wucheng (own variant) go straight to 研判', async () => {
    const jiashan = await intake(`${DISTRICT}.officer`);
    const wuxing = await intake('wuxing.officer');
    const wucheng = await intake('wucheng.officer');
    expect(await firstStep(jiashan.processInstanceId, DISTRICT)).toEqual(['Recheck']);
    expect(await firstStep(wuxing.processInstanceId, 'wuxing')).toEqual(['Triage']);
    expect(await firstStep(wucheng.processInstanceId, 'wucheng')).toEqual(['Triage']);

    // The templated step ran on the workers: the command centre's notification is queued for this case only
    const database = await openDatabase();
    try {
      const sent = await database.query('SELECT recipient, channel FROM outbox WHERE template = ? AND process_instance_id = ?', [RECHECK_TEMPLATE, jiashan.processInstanceId]);
      expect(sent).toEqual([{ recipient: 'command-center', channel: 'log' }]);
      const elsewhere = await database.query('SELECT COUNT(*) AS n FROM outbox WHERE template = ? AND process_instance_id IN (?, ?)', [RECHECK_TEMPLATE, wuxing.processInstanceId, wucheng.processInstanceId]);
      expect(Number(elsewhere[0].n)).toBe(0);
    } finally {
      await database.destroy();
    }

    // The command centre works the new step from its list with the form the designer picked, and the case goes on to 研判
    const recheck = await taskInList(`${DISTRICT}.command-center`, jiashan.businessKey, 'Recheck');
    const commandCenter = as(`${DISTRICT}.command-center`);
    expect((await commandCenter.post(`/tasks/${recheck.id}/claim`)).status).toBe(200);
    expect((await commandCenter.post(`/tasks/${recheck.id}/complete`, { handlingResult: '已电话核实，情况属实', resolved: true })).status).toBe(200);
    await eventually(async () => (await waitsIn(jiashan.processInstanceId, DISTRICT)).includes('Triage'), '研判 after 受理复核');
  });

  it('district IT migrates the case opened before the change from 部署管理; it keeps waiting in 研判 on the new version', async () => {
    const newest = reviewer.locator(`[data-testid="deployment-row"][data-version="${deployedVersion}"]`);
    await newest.locator('[data-testid="migration-open"]').click();
    const source = newest.locator(`[data-testid="migration-source"][data-source-definition-id="${oldDefinitionId}"]`);
    await source.waitFor({ timeout: 30_000 });
    await expect(source.locator('[data-testid="migration-blocking"]').count()).resolves.toBe(0);
    await source.locator('[data-testid="migration-start"]').click();
    await source.locator('[data-testid="migration-status"][data-status="completed"]').waitFor({ timeout: 90_000 });
    await expect(source.locator('[data-testid="migration-failed"]').count()).resolves.toBe(0);

    const moved = await apiEngineClient().queryTasks({ tenantIdIn: [DISTRICT], processInstanceId: openCase.processInstanceId });
    expect(moved.map((t) => t.taskDefinitionKey)).toEqual(['Triage']);
    expect(moved[0].processDefinitionId).not.toBe(oldDefinitionId);
    expect(pageErrors).toEqual([]);
  });

  it('rolling back to the baseline from 部署管理 takes 受理复核 away again for new jiashan intakes', async () => {
    await reviewer.locator(`[data-testid="deployment-row"][data-deployment-id="${baseline.id}"] [data-testid="deployment-rollback"]`).click();
    await reviewer.locator('[data-testid="rollback-dialog"] [data-testid="rollback-confirm"]').click();
    await reviewer.locator('[data-testid="toast"]', { hasText: `已回滚到版本 ${baseline.version}` }).waitFor({ timeout: 60_000 });
    const newest = reviewer.locator('[data-testid="deployment-row"]').first();
    await expect(newest.getAttribute('data-version')).resolves.not.toBe(String(deployedVersion));
    await reviewer.waitForFunction(`!document.querySelector('[data-testid="toast"]')`, null, { timeout: 15_000 });
    await reviewer.screenshot({ path: path.join(screenshotDir, 'deployments-rollback.png'), clip: { x: 0, y: 0, width: 1280, height: 1400 }, fullPage: true });

    const after = await intake(`${DISTRICT}.officer`);
    expect(await firstStep(after.processInstanceId, DISTRICT)).toEqual(['Triage']);
    expect(pageErrors).toEqual([]);
  });
});
