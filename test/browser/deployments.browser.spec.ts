import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { as, tokenFor, urls } from '../support/api';
import { openPhone, screenshotDir, signIn } from '../support/browser';

jest.setTimeout(240_000);

/** Xiaoshan-Xintang, as in test/e2e/deployments.spec.ts: it gets its shipped variant back at the end, which the district-practices spec drives. */
const DISTRICT = 'xiaoshan-xintang';
const IT = `${DISTRICT}.district-it`;

const root = path.join(__dirname, '..', '..');
const template = readFileSync(path.join(root, 'bpmn', 'templates', 'intake-dispatch.bpmn')).toString();
const forms = readdirSync(path.join(root, 'bpmn', 'forms'))
  .filter((name) => name.endsWith('.form'))
  .map((name) => ({ name, content: readFileSync(path.join(root, 'bpmn', 'forms', name)) }));
const scriptTask = readFileSync(path.join(root, 'test', 'fixtures', 'script-task.bpmn'));

const asUpload = (files: Array<{ name: string; content: string | Buffer }>) =>
  files.map((file) => ({ name: file.name, mimeType: 'application/octet-stream', buffer: Buffer.from(file.content) }));

/** Puts the district's shipped variant live through the API, exactly as the e2e spec ends. */
async function restoreShipped(): Promise<number> {
  const shipped = readFileSync(path.join(root, 'bpmn', 'districts', DISTRICT, 'intake-dispatch.bpmn'));
  const form = new FormData();
  form.append('comment', '恢复本区变体（测试结束）');
  for (const file of [{ name: 'intake-dispatch.bpmn', content: shipped }, ...forms]) form.append('file', new Blob([file.content]), file.name);
  const response = await fetch(`${urls.app}/api/deployments`, { method: 'POST', headers: { authorization: `Bearer ${await tokenFor(IT)}` }, body: form });
  return response.status;
}

describe('部署管理 in the browser', () => {
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];
  const rows = () => page.locator('[data-testid="deployment-row"]');

  beforeAll(async () => {
    // A version of the district's own to roll back to, whichever specs ran before this one
    expect(await restoreShipped()).toBe(201);
    ({ browser, page, pageErrors } = await openPhone());
  });
  afterAll(async () => {
    await browser?.close();
    // Leave the district running what it ships.
    expect(await restoreShipped()).toBe(201);
  });

  it('district IT uploads a model with a script task from the phone, sees the problem naming the element, and nothing is deployed', async () => {
    // Given xiaoshan-xintang's district IT on 部署管理
    await signIn(page, '#/tasks', IT);
    await page.locator('[data-testid="nav-deployments"]').click();
    await page.locator('[data-testid="deployment-list"]:not([aria-busy])').waitFor({ timeout: 30_000 });
    const before = (await as(IT).get('/deployments')).body.length;

    // When they upload a model with a script task, with a comment
    await page.locator('[data-testid="deployment-files-input"]').setInputFiles(asUpload([{ name: 'script-probe.bpmn', content: scriptTask }]));
    await page.fill('[data-testid="deployment-comment-input"]', '浏览器测试：带脚本任务');
    await page.click('[data-testid="deployment-submit"]');

    // Then the refusal names the file, the element and the rule, in Chinese
    const problem = page.locator('[data-testid="deployment-problem"][data-element-id="RunGroovy"]');
    await problem.waitFor({ timeout: 30_000 });
    await expect(problem.getAttribute('data-rule')).resolves.toBe('no-script');
    const text = await problem.textContent();
    expect(text).toContain('script-probe.bpmn');
    expect(text).toContain('RunGroovy');
    expect(text).toMatch(/[\u4e00-\u9fff]/);
    // and no version was added
    expect((await as(IT).get('/deployments')).body).toHaveLength(before);
    expect(pageErrors).toEqual([]);
  });

  it('district IT deploys a variant with its forms and sees it as the live version, newest first', async () => {
    const comment = `浏览器测试：研判改名 ${Date.now()}`;
    const variant = { name: 'intake-dispatch.bpmn', content: template.replace('name="研判"', 'name="研判（新塘浏览器）"') };
    expect(variant.content).not.toBe(template);

    // When they upload the variant and the two shared forms with a comment
    await page.locator('[data-testid="deployment-files-input"]').setInputFiles(asUpload([variant, ...forms]));
    await page.fill('[data-testid="deployment-comment-input"]', comment);
    await page.click('[data-testid="deployment-submit"]');

    // Then a toast names the new version, and it heads the list as the live one, with its comment and definitions
    const toast = page.locator('[data-testid="toast"]', { hasText: '已部署版本' });
    await toast.waitFor({ timeout: 60_000 });
    const version = Number(/已部署版本 (\d+)/.exec((await toast.textContent()) ?? '')?.[1]);
    expect(version).toBeGreaterThan(0);
    const newest = rows().first();
    await page.locator(`[data-testid="deployment-row"][data-version="${version}"]`).waitFor({ timeout: 30_000 });
    await expect(newest.getAttribute('data-version')).resolves.toBe(String(version));
    await expect(newest.locator('[data-testid="deployment-comment"]').textContent()).resolves.toBe(comment);
    await expect(newest.locator('[data-testid="deployment-current"]').count()).resolves.toBe(1);
    await expect(newest.locator('[data-testid="deployment-rollback"]').count()).resolves.toBe(0);
    await expect(newest.locator('[data-testid="deployment-files"]').textContent()).resolves.toContain('intake-dispatch.bpmn');
    await expect(newest.locator('[data-testid="deployment-definition"][data-key="intake-dispatch"]').count()).resolves.toBe(1);
    // and the problems of the refused upload are gone
    await expect(page.locator('[data-testid="deployment-problem"]').count()).resolves.toBe(0);
    // The form and the newest versions; the whole history would make a picture metres long.
    await page.screenshot({ path: path.join(screenshotDir, 'deployments.png'), fullPage: true, clip: { x: 0, y: 0, width: 390, height: 1600 } });

    // and the API agrees it is the district's newest version
    const [listed] = (await as(IT).get('/deployments')).body;
    expect(listed).toMatchObject({ version, comment });
    expect(pageErrors).toEqual([]);
  });

  it('district IT rolls back to the previous version after confirming, and the rollback becomes the live version', async () => {
    const previous = rows().nth(1);
    const target = Number(await previous.getAttribute('data-version'));

    // When they ask to roll back, cancel once, then confirm
    await previous.locator('[data-testid="deployment-rollback"]').click();
    await page.locator('[data-testid="rollback-cancel"]').click();
    await expect(page.locator('[data-testid="rollback-dialog"]').isVisible()).resolves.toBe(false);
    const countBefore = await rows().count();
    await previous.locator('[data-testid="deployment-rollback"]').click();
    await page.locator('[data-testid="rollback-confirm"]').click();

    // Then a new version heads the list, rolled back from the target
    const toast = page.locator('[data-testid="toast"]', { hasText: `已回滚到版本 ${target}` });
    await toast.waitFor({ timeout: 60_000 });
    const version = Number(/新版本 (\d+)/.exec((await toast.textContent()) ?? '')?.[1]);
    await page.locator(`[data-testid="deployment-row"][data-version="${version}"]`).waitFor({ timeout: 30_000 });
    await expect(rows().first().getAttribute('data-version')).resolves.toBe(String(version));
    await expect(rows().first().locator('[data-testid="deployment-comment"]').textContent()).resolves.toBe(`回滚到版本 ${target}`);
    expect(await rows().count()).toBe(Math.min(countBefore + 1, 100));
    expect(pageErrors).toEqual([]);
  });
});
