import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openPhone, screenshotDir, signIn } from '../support/browser';

jest.setTimeout(180_000);

describe('办结统计 on 运维监控 in the browser', () => {
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => ({ browser, page, pageErrors } = await openPhone()));
  afterAll(() => browser?.close());

  it('district IT sees its own district’s closure figures, as the API computes them', async () => {
    // The figures the page itself received from the real API (other tests keep changing them meanwhile).
    const answered = page.waitForResponse((response) => response.url().includes('/api/metrics/districts'), { timeout: 60_000 });
    await signIn(page, '#/incidents', 'jiashan.district-it');
    const card = page.locator('[data-testid="metrics-card"]');
    const row = card.locator('[data-testid="metrics-district"]');
    await row.waitFor({ timeout: 30_000 });
    const response = await answered;
    expect(response.status()).toBe(200);
    const [api] = (await response.json()).districts;
    const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

    await expect(card.locator('h2').textContent()).resolves.toBe('办结统计');
    await expect(row.count()).resolves.toBe(1);
    await expect(row.locator('th').textContent()).resolves.toBe('嘉善县');
    expect(await row.locator('td').allTextContents()).toEqual([
      String(api.open),
      String(api.closed),
      percent(api.closureRate),
      percent(api.onTimeRate),
      String(api.overdue),
      api.averageHandlingMinutes === null ? '—' : `${api.averageHandlingMinutes} 分钟`,
      percent(api.rapidResponse.complianceRate),
    ]);
    expect(api.districtId).toBe('jiashan');
    await expect(card.locator('[data-testid="metrics-overall"]').count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(screenshotDir, 'metrics-card.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
