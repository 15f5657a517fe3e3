import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { as } from '../support/api';
import { baseUrl, screenshotDir, signIn } from '../support/browser';

jest.setTimeout(240_000);

const DESIGNER = 'jiashan.designer';
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];
const cjk = /[\u4e00-\u9fff]/;

/** The texts a designer reads in the properties panel: header type, group titles, entry labels. */
async function panelTexts(page: Page): Promise<string[]> {
  // Open every collapsed group so the labels inside are rendered and visible.
  const closed = page.locator('[data-testid="properties-panel"] .bio-properties-panel-group-header:not(.open)');
  for (let i = await closed.count(); i > 0; i--) await closed.first().click();
  return page
    .locator(
      '[data-testid="properties-panel"] :is(.bio-properties-panel-header-type, .bio-properties-panel-group-header-title, .bio-properties-panel-label):visible',
    )
    .allTextContents();
}

/** Clicks a palette entry, then an empty spot of the canvas to drop the new shape there. */
async function placeFromPalette(page: Page, action: string, at: { dx: number; fromBottom: number }): Promise<void> {
  await page.locator(`.djs-palette [data-action="${action}"]`).click();
  const box = (await page.locator('[data-testid="modeler-canvas"]').boundingBox())!;
  const x = box.x + at.dx;
  const y = box.y + box.height - at.fromBottom;
  await page.mouse.move(x - 20, y - 20);
  await page.mouse.move(x, y, { steps: 5 });
  await page.mouse.click(x, y);
}

describe('流程设计 in the browser', () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(screenshotDir, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.on('pageerror', (error) => {
      if (page.url().startsWith(baseUrl)) pageErrors.push(error.message);
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a jiashan designer edits intake-dispatch in Chinese: user task with role and form from lists, a templated service task, live lint and the server check', async () => {
    // Given jiashan's designer on 流程设计 with the intake-dispatch template open
    await signIn(page, '#/tasks', DESIGNER);
    await page.locator('[data-testid="nav-modeler"]').click();
    await page.locator('[data-testid="modeler-page"][data-ready="true"]').waitFor({ timeout: 60_000 });
    await expect(page.locator('[data-testid="modeler-page"]').getAttribute('data-model')).resolves.toBe('template/intake-dispatch');
    await expect(page.locator('.djs-palette [data-action="create.user-task"]').getAttribute('aria-label')).resolves.toBe('创建用户任务');

    // When they add a user task from the palette
    await placeFromPalette(page, 'create.user-task', { dx: 160, fromBottom: 70 });
    await expect(page.locator('[data-testid="properties-panel"] .bio-properties-panel-header-type').textContent()).resolves.toBe('用户任务');

    // Then every label of the panel is Chinese
    const userTaskTexts = await panelTexts(page);
    expect(userTaskTexts.length).toBeGreaterThan(10);
    expect(userTaskTexts.filter((text) => text.trim() && !cjk.test(text))).toEqual([]);

    // When they name it and pick a candidate group and a form from lists
    await page.locator('#bio-properties-panel-name').fill('现场核查');
    const groups = page.locator('#bio-properties-panel-candidateGroups');
    await expect(groups.locator('option[value="squad-leader"]').textContent()).resolves.toContain('中队长');
    await groups.selectOption('squad-leader');
    const forms = page.locator('#bio-properties-panel-formRef');
    await expect(forms.locator('option[value="intake-handle"]').textContent()).resolves.toContain('处置');
    await forms.selectOption('intake-handle');
    await expect(groups.inputValue()).resolves.toBe('squad-leader');
    await expect(forms.inputValue()).resolves.toBe('intake-handle');

    // And add a service task from the element template chooser
    await placeFromPalette(page, 'create.templated-service-task', { dx: 360, fromBottom: 70 });
    const chooser = page.locator('.djs-popup.element-template-chooser');
    await chooser.waitFor({ timeout: 10_000 });
    await chooser.locator('.entry', { hasText: '发送通知' }).click();
    await expect(page.locator('[data-testid="properties-panel"] .bio-properties-panel-header-type').textContent()).resolves.toBe('发送通知');
    const serviceTaskTexts = await panelTexts(page);
    expect(serviceTaskTexts.filter((text) => text.trim() && !cjk.test(text))).toEqual([]);

    // Then lint names the unconnected new steps in Chinese, and the server check answers too
    const problems = page.locator('[data-testid="problem-list"]');
    const lintProblem = problems.locator('[data-testid="problem"][data-source="lint"][data-rule="no-disconnected"]').first();
    await lintProblem.waitFor({ timeout: 10_000 });
    expect(await lintProblem.textContent()).toContain('元素未连接');
    await page.locator('[data-testid="problem-list"][data-server-state="idle"] [data-testid="problem"][data-source="server"]').first().waitFor({ timeout: 30_000 });
    const serverTexts = await problems.locator('[data-testid="problem"][data-source="server"]').allTextContents();
    expect(serverTexts.every((text) => cjk.test(text))).toBe(true);
    await expect(page.locator('.bjsl-overlay').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('[data-testid="server-problem-badge"]').count()).resolves.toBeGreaterThan(0);

    await page.screenshot({ path: path.join(screenshotDir, 'modeler-zh.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('starts a draft of jiashan’s own variant with 为本区定制 and saves the renamed step as its revision', async () => {
    // Given the district's deployed variant open in the modeler
    await page.locator('[data-testid="model-picker"]').selectOption('variant/intake-dispatch');
    await page.locator('[data-testid="modeler-page"][data-model="variant/intake-dispatch"][data-ready="true"]').waitFor({ timeout: 60_000 });

    // When the designer renames 研判 and starts a draft for the district, then saves it
    await page.locator('.djs-element[data-element-id="Triage"]').click();
    await expect(page.locator('[data-testid="properties-panel"] .bio-properties-panel-header-label').textContent()).resolves.toBe('研判');
    const general = page.locator('[data-testid="properties-panel"] [data-group-id="group-general"] .bio-properties-panel-group-header');
    if (!(await general.getAttribute('class'))?.includes('open')) await general.click();
    const renamed = `研判（浏览器 ${Date.now()}）`;
    await page.locator('#bio-properties-panel-name').fill(renamed);
    await page.fill('[data-testid="draft-comment"]', '浏览器测试：研判改名');
    await page.click('[data-testid="draft-start"]');
    await page.locator('[data-testid="toast"]', { hasText: '已为本区创建草稿' }).waitFor({ timeout: 30_000 });
    const id = ((await page.locator('[data-testid="draft-status"]').textContent()) ?? '').replace(/^草稿 #/, '');
    expect(id).not.toBe('');
    await page.click('[data-testid="draft-save"]');
    await page.locator('[data-testid="toast"]', { hasText: '草稿已保存' }).waitFor({ timeout: 30_000 });

    // Then the drafts API has the draft of jiashan's process with the new name in its newest revision
    const draft = await as(DESIGNER).get(`/drafts/${id}`);
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({ processKey: 'intake-dispatch', status: 'draft' });
    expect(draft.body.xml).toContain(renamed);
    expect(pageErrors).toEqual([]);
  });

  it('opens a decision table in dmn-js and a form in the form-js editor from the model picker, both in Chinese', async () => {
    await page.locator('[data-testid="model-picker"]').selectOption('dmn/triage');
    await page.locator('[data-testid="modeler-page"][data-model="dmn/triage"][data-ready="true"]').waitFor({ timeout: 60_000 });
    const table = page.locator('[data-testid="modeler-canvas"] .tjs-table');
    await expect(table.count()).resolves.toBe(1);
    // Every line of the table head: 当/且/则, the column labels, their types, 注释; and the hit policy above it
    const headLines = (await table.locator('thead').innerText()).split('\n').map((line) => line.trim()).filter(Boolean);
    expect(headLines).toEqual(expect.arrayContaining(['当', '且', '则', '字符串', '布尔', '整数', '注释']));
    expect(headLines.filter((line) => !cjk.test(line))).toEqual([]);
    await expect(page.locator('[data-testid="modeler-canvas"] .hit-policy').innerText()).resolves.toMatch(/命中策略：\s*首个命中/);

    await page.locator('[data-testid="model-picker"]').selectOption('form/intake-handle');
    await page.locator('[data-testid="modeler-page"][data-model="form/intake-handle"][data-ready="true"]').waitFor({ timeout: 60_000 });
    const editor = page.locator('[data-testid="modeler-canvas"] .fjs-editor-container');
    await editor.waitFor({ timeout: 10_000 });
    await expect(editor.textContent()).resolves.toContain('处置情况');

    // The palette names every field type in Chinese
    const paletteEntries = await editor.locator('.fjs-palette-field-text').allTextContents();
    expect(paletteEntries).toEqual(expect.arrayContaining(['单行文本', '多行文本', '复选框', '下拉选择']));
    expect(paletteEntries.filter((text) => !cjk.test(text))).toEqual([]);
    const palette = editor.locator('.fjs-palette');
    const paletteTitles = await palette.locator(':is(.fjs-palette-header, .fjs-palette-group-title)').allTextContents();
    expect(paletteTitles).toEqual(['组件', '输入', '选择', '展示', '容器', '操作']);
    const search = palette.locator('.fjs-palette-search');
    await expect(search.getAttribute('placeholder')).resolves.toBe('搜索组件');
    const tooltips = await palette.locator('.fjs-palette-field').evaluateAll((entries) => entries.map((entry) => entry.getAttribute('title') ?? ''));
    expect(tooltips).toContain('新建单行文本');
    expect(tooltips.filter((text) => !cjk.test(text))).toEqual([]);

    // When they search the palette for 文本, only the text types are left, and clearing the search brings all back
    await search.fill('文本');
    await expect(palette.locator('.fjs-palette-field-text').allTextContents()).resolves.toEqual(['单行文本', '多行文本', '文本']);
    await search.fill('没有这种组件');
    await expect(palette.locator('.fjs-palette-no-entries').textContent()).resolves.toBe('没有找到组件。');
    await palette.locator('.fjs-palette-search-clear[title="清空"]').click();
    await expect(palette.locator('.fjs-palette-field-text').allTextContents()).resolves.toEqual(paletteEntries);

    // When they drag 单行文本 from the palette onto the form, the form gets one more text field
    const textFields = editor.locator('.fjs-form-container .fjs-form-field-textfield');
    const textFieldsBefore = await textFields.count();
    const entryBox = (await palette.locator('.fjs-palette-field[data-field-type="textfield"]').boundingBox())!;
    const fieldBox = (await editor.locator('.fjs-element[data-id="HandlingResult"]').first().boundingBox())!;
    await page.mouse.move(entryBox.x + entryBox.width / 2, entryBox.y + entryBox.height / 2);
    await page.mouse.down();
    await page.mouse.move(fieldBox.x + fieldBox.width / 2, fieldBox.y + fieldBox.height - 5, { steps: 10 });
    await page.mouse.up();
    await textFields.nth(textFieldsBefore).waitFor({ timeout: 10_000 });
    await expect(textFields.count()).resolves.toBe(textFieldsBefore + 1);
    // labelled with the type's name in Chinese, as the palette named it
    await expect(editor.locator('.fjs-form-container .fjs-form-field-textfield label', { hasText: /^单行文本$/ }).count()).resolves.toBe(1);

    // When the designer selects the 处置情况 field, the panel names its type, groups and labels in Chinese
    await editor.locator('.fjs-element[data-id="HandlingResult"]').first().click();
    const panel = editor.locator('.fjs-properties-panel');
    await expect(panel.locator('.bio-properties-panel-header-type').textContent()).resolves.toBe('多行文本');
    const closed = panel.locator('.bio-properties-panel-group-header:not(.open)');
    for (let i = await closed.count(); i > 0; i--) await closed.first().click();
    const groupTitles = await panel.locator('.bio-properties-panel-group-header-title:visible').allTextContents();
    expect(groupTitles).toEqual(expect.arrayContaining(['常规', '条件', '布局', '校验']));
    expect(groupTitles.filter((text) => !cjk.test(text))).toEqual([]);
    const labels = await panel.locator('.bio-properties-panel-label:visible').allTextContents();
    expect(labels.length).toBeGreaterThan(5);
    expect(labels).toEqual(expect.arrayContaining(['字段标签', '键', '隐藏条件', '列宽', '必填', '最大长度']));
    expect(labels.filter((text) => text.trim() && !cjk.test(text))).toEqual([]);

    // When they rename the field in the panel, the form on the canvas shows the new label
    const field = editor.locator('.fjs-element[data-id="HandlingResult"]').first();
    await panel.locator('#bio-properties-panel-label').fill('处置结果说明');
    await field.locator('.fjs-form-field-label', { hasText: '处置结果说明' }).waitFor({ timeout: 10_000 });

    // And when they give it the key of the 问题已解决 checkbox, the panel refuses it in Chinese
    const key = panel.locator('#bio-properties-panel-key');
    await expect(key.inputValue()).resolves.toBe('handlingResult');
    await key.fill('resolved');
    const keyEntry = panel.locator('[data-entry-id="key"]');
    await keyEntry.locator('.bio-properties-panel-error', { hasText: '与其他字段的键或路径冲突。' }).waitFor({ timeout: 10_000 });
    await expect(keyEntry.getAttribute('class')).resolves.toContain('has-error');
    await page.screenshot({ path: path.join(screenshotDir, 'form-editor-zh.png'), fullPage: true });

    // When they open the triage form and select its 事件等级 radio group, the options source and every option are in Chinese too
    await page.locator('[data-testid="model-picker"]').selectOption('form/intake-triage');
    await page.locator('[data-testid="modeler-page"][data-model="form/intake-triage"][data-ready="true"]').waitFor({ timeout: 60_000 });
    const level = editor.locator('.fjs-element[data-id="TriageLevel"]').first();
    await level.click();
    await expect(panel.locator('.bio-properties-panel-header-type').textContent()).resolves.toBe('单选组');
    for (let i = await closed.count(); i > 0; i--) await closed.first().click();
    const closedOptions = panel.locator('.bio-properties-panel-collapsible-entry:not(.open) .bio-properties-panel-collapsible-entry-header');
    for (let i = await closedOptions.count(); i > 0; i--) await closedOptions.first().click();
    const optionTitles = await panel.locator('.bio-properties-panel-group-header-title:visible').allTextContents();
    expect(optionTitles).toEqual(expect.arrayContaining(['选项来源', '静态选项']));
    expect(optionTitles.filter((text) => !cjk.test(text))).toEqual([]);
    const optionLabels = await panel.locator('.bio-properties-panel-label:visible').allTextContents();
    expect(optionLabels).toEqual(expect.arrayContaining(['类型', '标签', '值', '默认值', '必填']));
    expect(optionLabels.filter((label) => label === '标签')).toHaveLength(2);
    expect(optionLabels.filter((text) => text.trim() && !cjk.test(text))).toEqual([]);
    const sources = await panel.locator('#bio-properties-panel-valuesSource-select option').allTextContents();
    expect(sources).toEqual(['静态', '输入数据', '表达式']);

    // When they rename the first option in the panel, the radio button on the canvas shows the new text
    await expect(level.locator('.fjs-inline-label label').allTextContents()).resolves.toEqual(['常规', '重大']);
    await panel.locator('#bio-properties-panel-staticOptions-0-label').fill('一般');
    await level.locator('.fjs-inline-label label', { hasText: /^一般$/ }).waitFor({ timeout: 10_000 });
    await expect(level.locator('.fjs-inline-label label').allTextContents()).resolves.toEqual(['一般', '重大']);
    // And a value another option already has is refused in Chinese
    await panel.locator('#bio-properties-panel-staticOptions-0-value').fill('major');
    await panel.locator('[data-entry-id="staticOptions-0-value"] .bio-properties-panel-error', { hasText: '不能重复。' }).waitFor({ timeout: 10_000 });
    // And a new option from the list's add button is named in Chinese
    await panel.locator('[data-group-id="group-staticOptions"] .bio-properties-panel-add-entry').click();
    await level.locator('.fjs-inline-label label', { hasText: /^值 3$/ }).waitFor({ timeout: 10_000 });
    await expect(level.locator('.fjs-inline-label label').allTextContents()).resolves.toEqual(['一般', '重大', '值 3']);

    // When they select the 办理时限 number field, its appearance, number and serialization entries are in Chinese
    await editor.locator('.fjs-element[data-id="HandlingDays"]').first().click();
    await expect(panel.locator('.bio-properties-panel-header-type').textContent()).resolves.toBe('数字');
    for (let i = await closed.count(); i > 0; i--) await closed.first().click();
    const numberLabels = await panel.locator(':is(.bio-properties-panel-group-header-title, .bio-properties-panel-label, .bio-properties-panel-description):visible').allTextContents();
    expect(numberLabels).toEqual(expect.arrayContaining(['前缀', '后缀', '小数位数', '步长', '以字符串输出', '可保存任意精度的数值']));
    expect(numberLabels.filter((text) => text.trim() && !cjk.test(text))).toEqual([]);

    await page.screenshot({ path: path.join(screenshotDir, 'form-editor-options-zh.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('switches the whole modeler to English and back, keeping the unsaved edits', async () => {
    await page.locator('[data-testid="model-picker"]').selectOption('template/intake-dispatch');
    await page.locator('[data-testid="modeler-page"][data-model="template/intake-dispatch"][data-ready="true"]').waitFor({ timeout: 60_000 });
    await expect(page.locator('.djs-element .djs-label', { hasText: '现场核查' }).count()).resolves.toBe(1);

    await page.click('[data-testid="language-switch"]');
    await page.locator('[data-testid="modeler-page"][data-ready="true"]').waitFor({ timeout: 60_000 });
    await expect(page.locator('.djs-palette [data-action="create.user-task"]').getAttribute('aria-label')).resolves.toBe('Create user task');
    await expect(page.locator('[data-testid="draft-start"]').textContent()).resolves.toBe('Customise for my district');
    await expect(page.locator('[data-testid="properties-panel"] .bio-properties-panel-group-header-title').first().textContent()).resolves.toBe('General');
    // The edits of the first test are still there after the editor was rebuilt in the other language
    await expect(page.locator('.djs-element .djs-label', { hasText: '现场核查' }).count()).resolves.toBe(1);
    // The form editor's palette is in English too
    await page.locator('[data-testid="model-picker"]').selectOption('form/intake-handle');
    await page.locator('[data-testid="modeler-page"][data-model="form/intake-handle"][data-ready="true"]').waitFor({ timeout: 60_000 });
    const palette = page.locator('[data-testid="modeler-canvas"] .fjs-palette');
    await expect(palette.locator(':is(.fjs-palette-header, .fjs-palette-group-title)').allTextContents()).resolves.toEqual(
      ['Components', 'Input', 'Selection', 'Presentation', 'Containers', 'Action'],
    );
    await expect(palette.locator('.fjs-palette-field[data-field-type="textfield"]').getAttribute('title')).resolves.toBe('Create a Text field element');

    await page.click('[data-testid="language-switch"]');
    await page.locator('[data-testid="modeler-page"][data-ready="true"]').waitFor({ timeout: 60_000 });
    await expect(page.locator('[data-testid="draft-start"]').textContent()).resolves.toBe('为本区定制');
    expect(pageErrors).toEqual([]);
  });
});
