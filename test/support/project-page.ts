import type { Locator, Page } from 'playwright-core';
import { seeText } from './browser';

/** Waits until the project page's header shows the stage tag `label` (已退回, 公示中 …). */
export async function stageIs(page: Page, label: string): Promise<void> {
  await seeText(page.locator('.project-title .ant-tag'), label);
}

/**
 * Opens an action's dialog as a person would: the button in the header (or the phone's bottom
 * bar), or under 更多 when the bar has no room for it. Answers the dialog, found by its title.
 */
export async function openAction(page: Page, button: string, title = button): Promise<Locator> {
  await page.locator('.project-title').waitFor();
  const direct = page.getByRole('button', { name: button, exact: true });
  if ((await direct.count()) > 0) {
    await direct.click();
  } else {
    await page.getByRole('button', { name: /更多/ }).click();
    await page.getByRole('menuitem', { name: button }).click();
  }
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  return dialog;
}
