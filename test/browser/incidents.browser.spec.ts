import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { toEngineVariables } from '../../src/engine-client/engine-variables';
import { Intake } from '../../src/intakes/intake.entity';
import { eventually } from '../support/api';
import { apiEngineClient, openDatabase } from '../support/backend';
import { openPhone, screenshotDir, signIn } from '../support/browser';

jest.setTimeout(240_000);

describe('运维监控 in the browser', () => {
  const engine = apiEngineClient();
  let db: DataSource;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    db = await openDatabase();
    ({ browser, page, pageErrors } = await openPhone());
  });
  afterAll(async () => {
    await browser?.close();
    await db?.destroy();
  });

  it('district IT sees a case whose registration failed, fixes the cause, retries it from the phone, and the case moves on', async () => {
    // Given a jiashan case whose register step failed on every retry, because its intake row was missing
    const intakeId = randomUUID();
    const definition = await engine.latestDefinitionFor('intake-dispatch', 'jiashan');
    // The start variables the API gives every intake process (the triage step reads source and category).
    const instance = await engine.startProcess(definition!.id, intakeId, toEngineVariables({ intakeId, districtId: 'jiashan', source: 'iot-sensor', category: '油烟监测', title: '油烟监测告警' }));
    const [incident] = await eventually(async () => {
      const incidents = await engine.incidents(instance.id);
      return incidents.length > 0 && incidents;
    }, 'the register step to become an incident', 120_000);
    // and the cause fixed
    const title = `浏览器测试 故障重试 ${Date.now()}`;
    await db.getRepository(Intake).insert({
      id: intakeId,
      businessKey: intakeId,
      districtId: 'jiashan',
      source: 'iot-sensor',
      category: '油烟监测',
      title,
      description: '餐饮油烟在线监测超标告警',
      address: '嘉善县魏塘街道',
      status: 'received',
      processInstanceId: instance.id,
      createdBy: 'jiashan.officer',
    });

    // When jiashan's district IT opens 运维监控
    await signIn(page, '#/incidents', 'jiashan.district-it');
    const row = page.locator(`[data-testid="incident-row"][data-incident-id="${incident.id}"]`);
    await row.waitFor({ timeout: 30_000 });

    // Then the failed step of that case is listed with its reason
    await expect(row.locator('.case-title').textContent()).resolves.toBe(title);
    await expect(row.locator('[data-testid="incident-message"]').textContent()).resolves.toContain('does not exist');
    await page.screenshot({ path: path.join(screenshotDir, 'incidents.png'), fullPage: true });

    // When they retry it
    await row.locator('[data-testid="incident-retry"]').click();

    // Then it leaves the list and the case goes on to triage
    await row.waitFor({ state: 'detached', timeout: 30_000 });
    const triage = await eventually(
      async () => (await engine.queryTasks({ tenantIdIn: ['jiashan'], processInstanceId: instance.id })).find((t) => t.taskDefinitionKey === 'Triage'),
      'the case to reach triage',
      60_000,
    );
    expect(triage.tenantId).toBe('jiashan');
    expect(pageErrors).toEqual([]);
  });

  it('is not offered to a user who is not district IT', async () => {
    const officer = await openPhone();
    try {
      await signIn(officer.page, '#/tasks', 'jiashan.officer');
      await officer.page.locator('[data-testid="nav-tasks"]').waitFor();
      await expect(officer.page.locator('[data-testid="nav-incidents"]').count()).resolves.toBe(0);
    } finally {
      await officer.browser.close();
    }
  });
});
