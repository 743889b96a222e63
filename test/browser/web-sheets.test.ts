// A Google Sheet through the web app, in Debian's Chromium: the link pasted on Arquivo, read with the server's
// credentials (a local fake of the Sheets API), mapped, sent to the embedded mock, and every row's outcome written
// back into the sheet itself — the credentials never reaching the page.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../../src/chatguru/mock/mock-server.js";
import { startFakeSheetsServer, type FakeSheetsServer } from "../helpers/fake-sheets-server.js";
import { checkPage, openTab, SECRET_KEY, type AppTab } from "./helpers/app-page.js";
import { launchChromium } from "./helpers/chromium.js";
import { startUiInProcess, type InProcessUi } from "./helpers/ui-in-process.js";
import { ensureWebBuilt } from "./helpers/web-build.js";

const SHEET_ID = "abcDEF123456";
const TAB = "Leads SP";

let browser: Browser;
let mock: MockServer;
let sheets: FakeSheetsServer;
let ui: InProcessUi;
let tab: AppTab;
let work: string;

beforeAll(async () => {
  ensureWebBuilt();
  work = mkdtempSync(join(tmpdir(), "cgs-web-sheets-"));
  const dir = join(work, "app");
  mkdirSync(dir);
  mock = await startMockServer({ credentials: { key: SECRET_KEY } });
  sheets = await startFakeSheetsServer();
  sheets.setSheet(SHEET_ID, TAB, 7, [
    ["Nome", "WhatsApp"],
    ["Ana Souza", "(11) 98765-4321"],
    ["Beto Lima", "11 97777-1111"],
    ["Carla", "12345"],
  ]);
  // The connection saved once, as the Conexão page leaves it; Google's credentials come from the environment.
  const { accountId, phoneId } = mock.credentials;
  writeFileSync(
    join(dir, ".env"),
    `CHATGURU_API_URL=${mock.url}\nCHATGURU_API_KEY=${SECRET_KEY}\nCHATGURU_ACCOUNT_ID=${accountId}\n` +
      `CHATGURU_PHONE_ID=${phoneId}\n`,
  );
  const google = { SHEETS_API_URL: sheets.url, GOOGLE_ACCESS_TOKEN: sheets.token };
  ui = await startUiInProcess(dir, google);
  browser = await launchChromium();
  tab = await openTab(browser, ui.origin);
}, 60_000);

afterAll(async () => {
  await tab?.close();
  await browser?.close();
  await ui?.stop();
  await mock?.close();
  await sheets?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the web app with a Google Sheet", { timeout: 60_000 }, () => {
  it("reads the pasted link, sends the rows and writes each row's outcome back into the sheet", async () => {
    const { page } = tab;
    await page.goto(ui.startUrl);
    await page.goto(`${ui.origin}/arquivo`);

    // A link that is not a Google Sheet is refused beside its field; the sheet's link is read with its tab.
    await page.getByLabel("Link da planilha").fill("https://example.com/planilha");
    await page.getByRole("button", { name: "Usar esta planilha" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("docs.google.com/spreadsheets");
    await page.getByLabel("Link da planilha").fill(`https://docs.google.com/spreadsheets/d/${SHEET_ID}/edit#gid=7`);
    await page.getByRole("button", { name: "Usar esta planilha" }).click();
    await page.waitForURL(/\/arquivo\?fonte=/);
    await page.getByRole("heading", { name: /Leads SP foi lido/ }).waitFor();
    await checkPage(tab, "2-arquivo-planilha", "Arquivo de contatos", { focus: false });
    expect(await page.locator("main").textContent()).toContain("3 linhas de contatos");
    await page.getByRole("button", { name: "Continuar" }).click();

    // Colunas: the WhatsApp column is found, with its counts.
    await page.waitForURL(/\/colunas\?fonte=/);
    const whatsapp = page.getByRole("combobox", { name: "O que é a coluna WhatsApp" });
    expect(await whatsapp.inputValue()).toBe("phone");
    await expect.poll(() => page.locator("main").textContent()).toContain("2 celulares válidos, 1 inválido");
    await page.getByRole("button", { name: "Continuar" }).click();

    // Revisão, then the run.
    await page.waitForURL(/\/revisao\?fonte=/);
    await page.getByRole("button", { name: "Iniciar envio" }).waitFor();
    expect(await page.locator(".count-new .count-value").textContent()).toBe("2");
    expect(await page.locator(".count-invalid .count-value").textContent()).toBe("1");
    await page.getByRole("button", { name: "Iniciar envio" }).click();
    await page.waitForURL(/\/envio\?envio=/);
    const status = page.getByRole("status").filter({ hasText: "linhas" });
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain("Envio concluído");

    // The outcome is in the sheet itself: status columns beside the data, one per row, as the CLI writes them.
    expect(
      mock
        .state()
        .chats.map((chat) => chat.number)
        .sort(),
    ).toEqual(["5511977771111", "5511987654321"]);
    const [header, ...rows] = sheets.getSheet(SHEET_ID, TAB);
    const column = (name: string) => header!.indexOf(name);
    expect(column("chatguru_status")).toBeGreaterThan(1);
    expect(rows.map((row) => row[column("chatguru_status")])).toEqual(["created", "created", "invalid"]);
    expect(rows[2]![column("chatguru_error")]).toContain("12345");
    expect(JSON.stringify(sheets.getSheet(SHEET_ID, TAB))).not.toContain(sheets.token);
    expect(await page.content()).not.toContain(sheets.token);
  });
});
