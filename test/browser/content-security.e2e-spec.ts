import type { Page } from 'playwright-core';
import { consoleErrors, seeText, signIn, startBrowserStack, type BrowserStack } from '../support/browser';

/** Collects what the page's Content-Security-Policy refuses, from the browser's own violation events. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  await page.addInitScript({
    content: "document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(e.violatedDirective + ' ' + e.blockedURI));",
  });
  return violations;
}

/** The pages work under the server's Content-Security-Policy: a refused script, style or image logs an error. */
describe('pages under the Content-Security-Policy', () => {
  let b: BrowserStack;
  beforeAll(async () => {
    b = await startBrowserStack();
  });
  afterAll(async () => {
    await b?.stop();
  });

  it('Swagger UI at /docs draws the operations without any refusal', async () => {
    const { page } = await b.newPage();
    const violations = await watchViolations(page);
    const answer = await page.goto('/docs');
    expect(answer?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await seeText(page.locator('.swagger-ui'), '/auth/login');
    expect(violations).toEqual([]);
    expect(consoleErrors(page)).toEqual([]);
  });

  it('the console\'s pages, charts included, draw without any refusal', async () => {
    const { page } = await b.newPage();
    const violations = await watchViolations(page);
    await signIn(page, 'county1');
    for (const path of ['/projects', '/monitor', '/public']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
    }
    expect(violations).toEqual([]);
    // A slow answer under load (503) is another test's business; a refusal by the policy is ours.
    expect(consoleErrors(page).filter((text) => !/status of 5\d\d/.test(text))).toEqual([]);
  });
});
