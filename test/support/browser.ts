import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const baseUrl = (process.env.XIETONG_TEST_BASE_URL ?? 'http://localhost:13000').replace(/\/$/, '');
export const screenshotDir = path.resolve(__dirname, '../../test-output/screenshots');

// Debian's Chromium, headless, with nothing that would reach outside this machine.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** A phone-sized page in a fresh browser profile (chromium.launch deletes it on close), in Chinese. */
export async function openPhone(): Promise<{ browser: Browser; page: Page; pageErrors: string[] }> {
  await mkdir(screenshotDir, { recursive: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => {
    if (page.url().startsWith(baseUrl)) pageErrors.push(error.message);
  });
  return { browser, page, pageErrors };
}

/** Opens a route of the app and signs in on the real Keycloak login page. */
export async function signIn(page: Page, route: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/${route}`);
  await page.locator('#username').waitFor({ timeout: 30_000 });
  await page.fill('#username', username);
  await page.fill('#password', 'demo');
  await page.click('#kc-login');
  await page.waitForURL((url) => url.href.startsWith(baseUrl), { timeout: 30_000 });
}
