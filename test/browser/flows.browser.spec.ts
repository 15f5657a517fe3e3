import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { apiEngineClient } from '../support/backend';
import { baseUrl, openPhone, screenshotDir, signIn } from '../support/browser';
import { complete, ended, fileCase, officer, openTask, reject, squadLeader } from '../integration/case-review.driver';

// The first service task of each flow runs in a worker: numbers and the completeness check appear a moment later.
const workerWithinMs = 60_000;

jest.setTimeout(300_000);

describe('案件办理, 信用修复 and 综合查一次 in the browser, as a wucheng officer on a phone', () => {
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];
  const engine = apiEngineClient();
  const started: string[] = [];

  beforeAll(async () => {
    ({ browser, page, pageErrors } = await openPhone());
    await signIn(page, '#/penalty-cases', officer);
  });

  afterAll(async () => {
    await browser?.close();
    for (const id of started) await engine.deleteProcessInstance(id).catch(() => undefined);
  });

  it('files a penalty case through the 立案 form, finds it in 案件办理, and its detail shows the review round with the reviewer’s comment', async () => {
    // Given the officer on 案件办理, which the navigation offers next to 信用修复 and 综合查一次
    await expect(page.locator('[data-testid="nav-penalty-cases"]').textContent()).resolves.toBe('案件办理');
    await expect(page.locator('[data-testid="nav-credit-repairs"]').textContent()).resolves.toBe('信用修复');
    await expect(page.locator('[data-testid="nav-inspections"]').textContent()).resolves.toBe('综合查一次');
    await page.locator('[data-testid="penalty-case-list"]').waitFor();

    // When they file a case through the form
    const partyName = `浏览器测试餐馆${Date.now()}`;
    await page.click('[data-testid="penalty-case-new"]');
    const form = page.locator('[data-testid="penalty-case-form"]');
    await form.waitFor();
    await form.locator('[data-testid="penalty-case-form-party-name"]').fill(partyName);
    await form.locator('[data-testid="penalty-case-form-party-type"]').selectOption('organization');
    await form.locator('[data-testid="penalty-case-form-violationCode"]').selectOption('kitchen-fumes');
    await form.locator('[data-testid="penalty-case-form-facts"]').fill('油烟净化设施未开启，油烟直排居民楼，经监测超标。');
    const filed = page.waitForResponse((r) => r.url().endsWith('/api/penalty-cases') && r.request().method() === 'POST');
    await page.click('[data-testid="penalty-case-form-submit"]');
    const response = await filed;
    expect(response.status()).toBe(201);
    const { id, processInstanceId } = (await response.json()) as { id: string; processInstanceId: string };
    started.push(processInstanceId);

    // Then its detail opens, in Chinese, with the party and the violation's name
    await page.waitForURL(new RegExp(`#/penalty-cases/${id}$`));
    const detail = page.locator(`[data-testid="penalty-case-page"][data-id="${id}"]`);
    await detail.waitFor();
    await expect(detail.locator('h1').textContent()).resolves.toBe(`行政处罚：${partyName}（餐饮油烟超标排放）`);
    await expect(detail.locator('[data-testid="penalty-case-facts"]').textContent()).resolves.toContain(`${partyName}（单位）`);

    // And 案件办理 lists it
    await page.click('[data-testid="nav-penalty-cases"]');
    const row = page.locator(`[data-testid="penalty-case-list-row"][data-id="${id}"]`);
    await row.waitFor();
    await expect(row.locator('.case-title').textContent()).resolves.toContain(partyName);

    // When the officer investigates and proposes, and the unit head returns the proposal with a comment
    await complete(engine, { id, processInstanceId }, 'Investigate', officer, { evidence: '油烟监测报告', circumstance: 'minor', correctedPromptly: false });
    await complete(engine, { id, processInstanceId }, 'Propose', officer, { proposedFineYuan: 5000, proposalReasoning: '初次违法，从轻处罚' });
    await complete(engine, { id, processInstanceId }, 'UnitHeadReview', squadLeader, reject('请补充油烟监测报告原件'));
    await openTask(engine, { id, processInstanceId }, 'Propose');

    // Then the detail shows the number, round 1 with the unit head's 退回 and the comment as written, and the trail
    await row.locator('a').click();
    await detail.waitFor();
    await expect(detail.locator('[data-testid="case-number"]').textContent()).resolves.toMatch(/\d/);
    const review = detail.locator('[data-testid="review-round"][data-round="1"] [data-testid="review"]');
    await expect(review.count()).resolves.toBe(1);
    await expect(review.getAttribute('data-level')).resolves.toBe('unit-head');
    await expect(review.textContent()).resolves.toContain('承办机构负责人审核');
    await expect(review.textContent()).resolves.toContain('退回');
    await expect(review.locator('[data-testid="review-comment"]').textContent()).resolves.toBe('请补充油烟监测报告原件');
    await expect(detail.locator('[data-testid="audit-entry"] .timeline-action').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['立案登记', '审核退回']),
    );
    await page.screenshot({ path: path.join(screenshotDir, 'penalty-case.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('downloads a case’s 不予行政处罚决定书 as a PDF through the bearer-token fetch', async () => {
    // Given a case that ended exempt (轻微免罚), so the worker generated its document
    const penaltyCase = await fileCase({ name: '浏览器测试王某', type: 'individual' }, 'illegal-signage', '擅自在店门口设置一块1平方米的广告牌');
    started.push(penaltyCase.processInstanceId);
    await complete(engine, penaltyCase, 'Investigate', officer, {
      evidence: '现场检查笔录、照片；当事人当场拆除',
      circumstance: 'minor',
      areaSqm: 1,
      firstViolation: true,
      harmMinor: true,
      harmCaused: false,
      correctedPromptly: true,
    });
    await ended(engine, penaltyCase);

    // When the officer opens it and taps 下载 PDF
    await page.goto(`${baseUrl}/#/penalty-cases/${penaltyCase.id}`);
    const document = page.locator('[data-testid="penalty-document"][data-kind="exemption"]');
    await document.waitFor({ timeout: 30_000 });
    await expect(document.textContent()).resolves.toContain('不予行政处罚决定书');
    await expect(page.locator('[data-testid="penalty-case-status"]').textContent()).resolves.toBe('已结案');
    const download = page.waitForEvent('download');
    await document.locator('[data-testid="document-download"]').click();

    // Then the browser gets the PDF itself
    const file = await (await download).path();
    expect(file).toBeTruthy();
    expect((await readFile(file as string)).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageErrors).toEqual([]);
  });

  it('shows a bad credit-repair application’s problems under their fields in Chinese, its own and the API’s', async () => {
    await page.goto(`${baseUrl}/#/credit-repairs/new`);
    const form = page.locator('[data-testid="credit-repair-form"]');
    await form.waitFor();
    await fillCreditRepair(page, `浏览器测试商行${Date.now()}`, ['applicationForm', 'identityProof']);
    await form.locator('[data-testid="credit-repair-form-applicantCode"]').fill('91330702abc');

    // When submitted with a code that is no credit code, nothing is sent and the field says why, in Chinese
    let posted = 0;
    const countPosts = (request: { url(): string; method(): string }) => {
      if (request.url().endsWith('/api/credit-repairs') && request.method() === 'POST') posted++;
    };
    page.on('request', countPosts);
    await page.click('[data-testid="credit-repair-form-submit"]');
    const codeError = form.locator('[data-testid="credit-repair-form-applicantCode-error"]');
    await expect(codeError.textContent()).resolves.toBe('请填写统一社会信用代码或身份证号（15至18位数字或大写字母）');
    await expect(form.locator('[data-field="applicantCode"]').getAttribute('class')).resolves.toContain('has-error');
    await expect(page.locator('[data-testid="form-errors"]').isVisible()).resolves.toBe(true);
    expect(posted).toBe(0);
    page.off('request', countPosts);

    // When the API itself refuses a field (a material code unknown for the repair type, slipped into the request)
    await form.locator('[data-testid="credit-repair-form-applicantCode"]').fill('91330702MA2EXAMPL');
    await page.route('**/api/credit-repairs', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { materialsProvided: string[] };
      await route.continue({ postData: JSON.stringify({ ...body, materialsProvided: [...body.materialsProvided, 'taxReceipt'] }) });
    });
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/credit-repairs') && r.request().method() === 'POST');
    await page.click('[data-testid="credit-repair-form-submit"]');
    expect((await refused).status()).toBe(400);
    await page.unroute('**/api/credit-repairs');

    // Then the API's Chinese message shows under 已提交材料 and the code error is gone
    const materialsError = form.locator('[data-testid="credit-repair-form-materialsProvided-error"]');
    await materialsError.waitFor();
    await expect(materialsError.textContent()).resolves.toContain('“taxReceipt”不是该修复类型的材料');
    await expect(codeError.isVisible()).resolves.toBe(false);
    await page.screenshot({ path: path.join(screenshotDir, 'credit-repair-form-errors.png'), fullPage: true });
    await expect(page.url()).toMatch(/#\/credit-repairs\/new$/);
    expect(pageErrors).toEqual([]);
  });

  it('files a credit-repair application missing a material and sees the one-time notice of what is missing', async () => {
    // Given the officer on 信用修复
    await page.click('[data-testid="nav-credit-repairs"]');
    await page.locator('[data-testid="credit-repair-list"]').waitFor();
    await page.click('[data-testid="credit-repair-new"]');
    await page.locator('[data-testid="credit-repair-form"]').waitFor();

    // When they take in an application without the 信用承诺书
    const applicant = `浏览器测试餐饮店${Date.now()}`;
    await fillCreditRepair(page, applicant, ['applicationForm', 'identityProof', 'penaltyFulfilled']);
    const created = page.waitForResponse((r) => r.url().endsWith('/api/credit-repairs') && r.request().method() === 'POST');
    await page.click('[data-testid="credit-repair-form-submit"]');
    const response = await created;
    expect(response.status()).toBe(201);
    const { id, processInstanceId } = (await response.json()) as { id: string; processInstanceId: string };
    started.push(processInstanceId);
    await page.waitForURL(new RegExp(`#/credit-repairs/${id}$`));

    // Then, once the completeness check has run, the detail lists exactly the missing material and the deadline
    const missing = await waitForLocator(page, '[data-testid="missing-materials"]');
    await expect(missing.locator('li').allTextContents()).resolves.toEqual(['信用承诺书']);
    await expect(missing.textContent()).resolves.toContain('前补正');
    await expect(page.locator('[data-testid="credit-repair-status"]').textContent()).resolves.toBe('材料待补正');
    await expect(page.locator('[data-testid="material"][data-code="creditCommitment"]').getAttribute('data-provided')).resolves.toBe('false');
    await expect(page.locator('[data-testid="material"][data-code="applicationForm"]').getAttribute('data-provided')).resolves.toBe('true');
    await expect(page.locator('[data-testid="audit-entry"] .timeline-action').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['受理申请', '一次性告知缺少材料']),
    );
    await page.screenshot({ path: path.join(screenshotDir, 'credit-repair.png'), fullPage: true });

    // And 信用修复 lists it
    await page.click('[data-testid="nav-credit-repairs"]');
    const row = page.locator(`[data-testid="credit-repair-list-row"][data-id="${id}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('材料待补正');
    expect(pageErrors).toEqual([]);
  });

  it('plans a 综合查一次 from the API’s scenarios, sees its checklist, and reads the page in English after the switch', async () => {
    // Given the officer on the new-inspection form, whose scenarios come from the API
    await page.click('[data-testid="nav-inspections"]');
    await page.locator('[data-testid="inspection-list"]').waitFor();
    await page.click('[data-testid="inspection-new"]');
    const form = page.locator('[data-testid="inspection-form"]');
    await form.waitFor();
    await form.locator('[data-testid="inspection-form-scenario"]').selectOption('catering');
    await expect(form.locator('[data-testid="inspection-departments"]').textContent()).resolves.toContain('市场监管所');

    // When they plan an inspection of a restaurant
    const partyName = `浏览器测试小吃店${Date.now()}`;
    await form.locator('[data-testid="inspection-form-partyName"]').fill(partyName);
    await form.locator('[data-testid="inspection-form-address"]').fill('婺城区城东街道八一北街 18 号');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/inspections') && r.request().method() === 'POST');
    await page.click('[data-testid="inspection-form-submit"]');
    const response = await created;
    expect(response.status()).toBe(201);
    const { id, processInstanceId } = (await response.json()) as { id: string; processInstanceId: string };
    started.push(processInstanceId);

    // Then its detail shows the generated title and the scenario's checklist by department
    await page.waitForURL(new RegExp(`#/inspections/${id}$`));
    const detail = page.locator(`[data-testid="inspection-page"][data-id="${id}"]`);
    await detail.waitFor();
    await expect(detail.locator('h1').textContent()).resolves.toBe(`综合查一次：餐饮类·${partyName}`);
    await expect(detail.locator('[data-testid="inspection-checklist"]').textContent()).resolves.toContain('油烟净化设施运行记录');

    // When the officer switches to English, the same page reads in English; back in Chinese afterwards
    await page.click('[data-testid="language-switch"]');
    await expect(page.locator('[data-testid="nav-inspections"]').textContent()).resolves.toBe('Joint inspections');
    await page.locator('[data-testid="inspection-page"] .card-title', { hasText: 'Checklist' }).waitFor();
    await expect(page.locator('[data-testid="inspection-facts"]').textContent()).resolves.toContain('Catering');
    await page.click('[data-testid="language-switch"]');
    await expect(page.locator('[data-testid="nav-inspections"]').textContent()).resolves.toBe('综合查一次');
    expect(pageErrors).toEqual([]);
  });
});

describe('who sees 案件办理, 信用修复 and 综合查一次', () => {
  it('shows a squad leader the lists without the filing buttons, and district IT none of them', async () => {
    // A squad leader reviews penalty cases and plans inspections but does not file cases or take in applications
    const leader = await openPhone();
    try {
      await signIn(leader.page, '#/penalty-cases', 'wucheng.squad-leader');
      await leader.page.locator('[data-testid="penalty-case-list"]').waitFor();
      await expect(leader.page.locator('[data-testid="penalty-case-new"]').count()).resolves.toBe(0);
      await leader.page.click('[data-testid="nav-credit-repairs"]');
      await leader.page.locator('[data-testid="credit-repair-list"]').waitFor();
      await expect(leader.page.locator('[data-testid="credit-repair-new"]').count()).resolves.toBe(0);
      await leader.page.click('[data-testid="nav-inspections"]');
      await leader.page.locator('[data-testid="inspection-new"]').waitFor();
      expect(leader.pageErrors).toEqual([]);
    } finally {
      await leader.browser.close();
    }

    const districtIt = await openPhone();
    try {
      await signIn(districtIt.page, '#/tasks', 'wucheng.district-it');
      await districtIt.page.locator('[data-testid="nav-incidents"]').waitFor();
      for (const nav of ['penalty-cases', 'credit-repairs', 'inspections']) {
        await expect(districtIt.page.locator(`[data-testid="nav-${nav}"]`).count()).resolves.toBe(0);
      }
    } finally {
      await districtIt.browser.close();
    }
  });
});

async function fillCreditRepair(page: Page, applicant: string, materials: string[]): Promise<void> {
  const form = page.locator('[data-testid="credit-repair-form"]');
  await form.locator('[data-testid="credit-repair-form-repairType"]').selectOption('penalty-general');
  await form.locator('[data-testid="credit-repair-form-applicantName"]').fill(applicant);
  await form.locator('[data-testid="credit-repair-form-applicantCode"]').fill('91330702MA2EXAMPL');
  await form.locator('[data-testid="credit-repair-form-applicantPhone"]').fill('13800000000');
  await form.locator('[data-testid="credit-repair-form-creditRecordRef"]').fill('婺综执罚决字〔2026〕第18号');
  await form.locator('[data-testid="credit-repair-form-reason"]').fill('罚款已缴清，违法行为已整改完毕，申请修复信用记录。');
  for (const code of materials) await form.locator(`[data-testid="material-${code}"]`).check();
}

/** Reloads the page until the worker's result shows. */
async function waitForLocator(page: Page, selector: string) {
  const deadline = Date.now() + workerWithinMs;
  for (;;) {
    const found = page.locator(selector);
    await page.locator('[data-testid="credit-repair-page"]').waitFor({ timeout: 30_000 });
    if ((await found.count()) > 0) return found;
    if (Date.now() > deadline) throw new Error(`${selector} did not appear within ${workerWithinMs} ms`);
    await page.waitForTimeout(2_000);
    await page.reload();
  }
}
