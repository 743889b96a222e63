// One browser tab on the web app, with what every page must pass checked in one place: the heading has the focus,
// axe-core finds nothing, no console error (a CSP refusal shows there), and a screenshot kept as a test artifact.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Locator, Page, Response } from "playwright-core";
import { expect } from "vitest";
import { repoRoot } from "../../helpers/cli.js";
import { axeViolations, describeViolations } from "./axe.js";

/** The API key every browser test gives the mock: found anywhere the browser can see, it is a leak. */
export const SECRET_KEY = "sk-WEB-TEST-5e0b7c2a91";

export const ARTIFACTS = join(repoRoot, "test-artifacts");
export const SCREENSHOTS = join(ARTIFACTS, "screenshots");

export interface AppTab {
  page: Page;
  context: BrowserContext;
  /** Bodies of every answer the app's origin sent to this tab (pages, JSON, scripts), for the key check. */
  bodies: string[];
  consoleErrors: string[];
  close: () => Promise<void>;
}

export async function openTab(browser: Browser, origin: string): Promise<AppTab> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "pt-BR" });
  const page = await context.newPage();
  const bodies: string[] = [];
  const consoleErrors: string[] = [];
  const pending: Promise<void>[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  page.on("response", (response: Response) => {
    if (!response.url().startsWith(origin)) return;
    if ((response.headers()["content-type"] ?? "").includes("text/event-stream")) return;
    pending.push(
      response.text().then(
        (text) => void bodies.push(text),
        () => undefined,
      ),
    );
  });
  return {
    page,
    context,
    bodies,
    consoleErrors,
    close: async () => {
      await Promise.allSettled(pending);
      await context.close();
    },
  };
}

/**
 * The checks every page gets once it has settled: its h1 holds the focus (so keyboard and screen-reader users start
 * there; `focus: false` after the test has moved it), axe-core reports zero violations, the key is nowhere in the
 * document, and a full-page screenshot is saved as `<name>.png`.
 */
export async function checkPage(
  tab: AppTab,
  name: string,
  heading: string | RegExp,
  options: { focus?: boolean; viewport?: boolean } = {},
): Promise<void> {
  const { page } = tab;
  const h1 = page.getByRole("heading", { level: 1, name: heading });
  await h1.waitFor();
  if (options.focus !== false) {
    await expect.poll(() => page.evaluate("document.activeElement && document.activeElement.tagName")).toBe("H1");
  }
  expect(await page.content()).not.toContain(SECRET_KEY);
  await page.evaluate("document.fonts.ready");
  const violations = await axeViolations(page);
  // One file per page (test files run in parallel workers): test-artifacts/axe/<name>.json beside the screenshots.
  mkdirSync(join(ARTIFACTS, "axe"), { recursive: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const record = { page: name, path: new URL(page.url()).pathname, violations };
  writeFileSync(join(ARTIFACTS, "axe", `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  if (options.viewport) {
    // What a person sees first, for the README (docs/web-app-*.png are copied from these by hand).
    await page.evaluate("window.scrollTo(0, 0)");
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-tela.png`) });
  }
  expect(describeViolations(violations), `axe on ${name}`).toBe("");
  expect(tab.consoleErrors, `console errors on ${name}`).toEqual([]);
}

/**
 * Presses Tab until `target` has the focus (at most `max` times): proof that a keyboard reaches it in order from
 * where the focus is now. Returns how many presses it took.
 */
export async function tabTo(page: Page, target: Locator, max = 60): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press("Tab");
    if (await isFocused(target)) return presses;
  }
  throw new Error(`the keyboard did not reach ${target.toString()} in ${max} presses of Tab`);
}

export function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === el.ownerDocument.activeElement);
}
