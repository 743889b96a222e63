// Stopping and crashing in the middle of an import, from the browser: Parar then Continuar, and a server killed with
// SIGKILL then started again and continued from Histórico. Either way no chat is added twice and no contact gets the
// message twice; a reload during the run reattaches to it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer, type MockState } from "../../src/chatguru/mock/mock-server.js";
import { loadEnvironment } from "../../src/cli/env.js";
import { startUiServer } from "../../src/ui/server.js";
import { FAST_RUNS, UiClient } from "../helpers/ui-client.js";
import { checkPage, openTab, SECRET_KEY, type AppTab } from "./helpers/app-page.js";
import { launchChromium } from "./helpers/chromium.js";
import { startUi } from "./helpers/ui-process.js";
import { ensureWebBuilt } from "./helpers/web-build.js";

const ROWS = 8;
// Numbers the mock accepts (it refuses those ending in 0000), in area codes that keep the 13-digit form.
const numberOf = (i: number) => `11 9${String(72001001 + i)}`;

let browser: Browser;
let work: string;
const cleanup: Array<() => Promise<void>> = [];

interface Setup {
  mock: MockServer;
  dir: string;
  ui: { origin: string; startUrl: string; stop: () => Promise<void>; kill?: () => Promise<void> };
  tab: AppTab;
  sourceId: string;
}

/** The server in this process, its adds polled within milliseconds (as the spawned one's, under NODE_ENV=test). */
async function inProcessUi(dir: string): Promise<Setup["ui"]> {
  const server = await startUiServer({
    root: dir,
    env: { process: {}, merged: () => loadEnvironment(dir, {}) },
    rate: 0,
    concurrency: 1,
    runOptions: { ...FAST_RUNS },
  });
  return { origin: server.origin, startUrl: server.url, stop: () => server.close() };
}

/**
 * A mock slow enough to stop mid-run, the ui on its own folder (`process`: the real `chatguru-sync ui`, which a test
 * can kill), a file uploaded and mapped with a message.
 */
async function setUp(name: string, how: "process" | "in-process", latencyMs: number): Promise<Setup> {
  const mock = await startMockServer({ credentials: { key: SECRET_KEY }, latencyMs });
  const dir = join(work, name);
  mkdirSync(dir);
  writeFileSync(
    join(dir, ".env"),
    `CHATGURU_API_URL=${mock.url}\nCHATGURU_API_KEY=${SECRET_KEY}\n` +
      `CHATGURU_ACCOUNT_ID=${mock.credentials.accountId}\nCHATGURU_PHONE_ID=${mock.credentials.phoneId}\n`,
  );
  const ui = how === "process" ? await startUi({ dir, env: {}, rate: 0, concurrency: 1 }) : await inProcessUi(dir);
  const client = new UiClient(ui.origin);
  await client.login(ui.startUrl);
  const lines = ["Nome;Telefone;Etapa"];
  for (let i = 0; i < ROWS; i++) lines.push(`Pessoa ${i};${numberOf(i)};etapa-${i}`);
  const source = (await client.upload(`${name}.csv`, `${lines.join("\n")}\n`)).json as { id: string };
  const suggested = (await client.get(`/api/sources/${source.id}/mapping`)).json;
  const saved = await client.put(`/api/sources/${source.id}/mapping`, {
    // A custom field, as a real import has: an add whose answer the kill lost is then checked by an update, never
    // re-sent (with nothing to update, the engine may re-send a blank add, which ChatGuru answers "fetched").
    mapping: {
      ...suggested.mapping,
      custom_fields: { Etapa: "Etapa" },
      message: { text: { template: "Olá {{Nome}}, tudo bem?" } },
    },
  });
  expect(saved.status).toBe(200);
  const tab = await openTab(browser, ui.origin);
  await tab.page.goto(ui.startUrl);
  cleanup.push(async () => {
    await tab.close();
    await ui.stop();
    await mock.close();
  });
  return { mock, dir, ui, tab, sourceId: source.id };
}

/** From the Revisão page: the consent, then Iniciar envio; returns the run's page once its counters show. */
async function startRun(page: Page, origin: string, sourceId: string): Promise<void> {
  await page.goto(`${origin}/revisao?fonte=${sourceId}`);
  await page.getByRole("checkbox", { name: /autorizaram receber mensagens/ }).check();
  await page.getByRole("button", { name: "Iniciar envio" }).click();
  await page.waitForURL(/\/envio\?envio=/);
  await page.getByRole("status").filter({ hasText: "linhas" }).waitFor();
}

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function expectNothingTwice(state: MockState): void {
  for (const [number, adds] of Object.entries(state.chatAddsByNumber)) expect(adds, number).toBeLessThanOrEqual(1);
  for (const chat of state.chats) {
    expect(chat.sentMessages.filter((m) => m.via === "message_send").length, chat.number).toBeLessThanOrEqual(1);
  }
}

function expectAllDone(state: MockState): void {
  expect(state.chats).toHaveLength(ROWS);
  for (const chat of state.chats) expect(chat.sentMessages.filter((m) => m.via === "message_send")).toHaveLength(1);
}

beforeAll(async () => {
  ensureWebBuilt();
  work = mkdtempSync(join(tmpdir(), "cgs-web-resume-"));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("stopping and crashing mid-import, in Chromium", { timeout: 60_000 }, () => {
  it("a reload reattaches to the run; Parar stops it and Continuar finishes it with nothing sent twice", async () => {
    const { mock, ui, tab, sourceId } = await setUp("parar", "in-process", 150);
    const { page } = tab;
    await startRun(page, ui.origin, sourceId);
    await until(() => mock.state().requests.total >= 4, "the first requests");

    await page.reload();
    const status = page.getByRole("status").filter({ hasText: "linhas" });
    await expect.poll(() => status.textContent()).toMatch(/Enviando.*de 8 linhas/);
    await checkPage(tab, "5-envio-em-andamento", /^Envio/);

    // Reopened from the terminal's address in a new window, the app goes straight to the run in progress.
    const other = await openTab(browser, ui.origin);
    await other.page.goto(ui.startUrl);
    await other.page.waitForURL(/\/envio\?envio=/);
    expect(new URL(other.page.url()).searchParams.get("envio")).toBe(new URL(page.url()).searchParams.get("envio"));
    await other.close();

    await page.getByRole("button", { name: "Parar" }).click();
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain("Envio parado");
    const stopped = mock.state();
    expect(stopped.chats.length).toBeLessThan(ROWS);
    expectNothingTwice(stopped);
    await checkPage(tab, "5-envio-parado", /^Envio/, { focus: false });

    // Slow only while the run had to be stopped mid-way: the rest of the rows go at the mock's full speed.
    mock.configure({ latencyMs: 0 });
    const stoppedRun = new URL(page.url()).searchParams.get("envio")!;
    await page.getByRole("button", { name: "Continuar" }).click();
    await page.waitForURL((url) => url.searchParams.get("envio") !== stoppedRun);
    const resumed = page.getByRole("status").filter({ hasText: "linhas" });
    await expect.poll(() => resumed.textContent(), { timeout: 40_000 }).toContain("Envio concluído");
    const state = mock.state();
    expectNothingTwice(state);
    expectAllDone(state);
  });

  it("a server killed mid-run shows the run interrupted in Histórico; Continuar finishes it with nothing sent twice", async () => {
    const setup = await setUp("morto", "process", 60);
    const { mock, dir, sourceId } = setup;
    await startRun(setup.tab.page, setup.ui.origin, sourceId);
    await until(() => Object.keys(mock.state().chatAddsByNumber).length >= 2, "two chat_adds applied");
    await setup.ui.kill!();
    expect(mock.state().chats.length).toBeLessThan(ROWS);
    mock.configure({ latencyMs: 0 });

    // Started again on the same folder (in this process: its polls are quick), it finds the run interrupted.
    const ui = await inProcessUi(dir);
    const tab = await openTab(browser, ui.origin);
    cleanup.push(async () => {
      await tab.close();
      await ui.stop();
    });
    const { page } = tab;
    await page.goto(ui.startUrl);
    await page.getByRole("link", { name: "Histórico", exact: true }).click();
    const history = page.getByRole("table", { name: /Histórico/ });
    await expect.poll(() => history.getByRole("row").nth(1).textContent()).toContain("Envio interrompido");
    await checkPage(tab, "7-historico-interrompido", "Histórico");

    await history.getByRole("button", { name: "Continuar" }).click();
    await page.waitForURL(/\/envio\?envio=/);
    const status = page.getByRole("status").filter({ hasText: "linhas" });
    await expect.poll(() => status.textContent(), { timeout: 40_000 }).toContain("Envio concluído");
    const state = mock.state();
    expectNothingTwice(state);
    expect(state.chats).toHaveLength(ROWS);
  });
});
