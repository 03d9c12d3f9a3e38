import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startTestStack, type TestStack } from './test-stack';

/**
 * Debian's Chromium (`apt-get install chromium fonts-noto-cjk`; .ci/run installs them). A missing
 * browser fails the test with the remedy rather than skipping it.
 */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('找不到 Chromium：请运行 apt-get install -y chromium fonts-noto-cjk，或用 CHROMIUM_PATH 指定浏览器');
  }
}

export interface BrowserStack {
  stack: TestStack;
  /** http://127.0.0.1:<port> of the real API serving the built console. */
  baseUrl: string;
  browser: Browser;
  /** A fresh browser profile (its own cookies) at the given viewport, default 1280×800. */
  newPage(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  stop(): Promise<void>;
}

/** The real API, worker, PostgreSQL and Temporal of the e2e setup, listening on loopback, and a headless Chromium. */
export async function startBrowserStack(): Promise<BrowserStack> {
  const stack = await startTestStack();
  await stack.app.listen(0, '127.0.0.1');
  const { port } = stack.app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=zh-CN'] });
  const contexts: BrowserContext[] = [];
  return {
    stack,
    baseUrl,
    browser,
    async newPage(viewport = { width: 1280, height: 800 }) {
      const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      contexts.push(context);
      const page = await context.newPage();
      // A page that logs an error to its console (a CSP violation, an uncaught exception) fails its test.
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) errors.push(message.text());
      });
      (page as Page & { consoleErrors: string[] }).consoleErrors = errors;
      return { context, page };
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await stack.stop();
    },
  };
}

/** Errors the page wrote to its console so far (see {@link BrowserStack.newPage}). */
export function consoleErrors(page: Page): string[] {
  return (page as Page & { consoleErrors?: string[] }).consoleErrors ?? [];
}

/** Signs in through the login form as a demo user, typing as a person would, and waits for the console. */
export async function signIn(page: Page, username: string, password = 'demo123'): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('button', { name: /退\s*出/ }).waitFor();
}

const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

/** Saves what the page shows under docs/screenshots/<name>.png (committed, shown in the README). */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/**
 * Waits until the locator shows `text` (a person reads the page, not the API), failing with what it
 * showed instead. playwright-core has no assertion library of its own.
 */
export async function seeText(locator: Locator, text: string | RegExp, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let seen = '';
  for (;;) {
    seen = (await locator.first().innerText({ timeout: 1_000 }).catch(() => '')) ?? '';
    if (typeof text === 'string' ? seen.includes(text) : text.test(seen)) return;
    if (Date.now() > until) throw new Error(`页面上没有出现「${String(text)}」；实际显示：${seen.slice(0, 500) || '（空）'}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
