// The web app as a person uses it, in Debian's Chromium, against the embedded mock: a CSV import from Conexão to
// Histórico with the mouse, an .xlsx import with the keyboard only, each compared with what the CLI sends for the
// same file and mapping; then the security rules and the key, checked from the browser's side.
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../../src/chatguru/mock/mock-server.js";
import { repoRoot, runCliInProcess } from "../helpers/cli.js";
import { UiClient } from "../helpers/ui-client.js";
import { checkPage, isFocused, openTab, SECRET_KEY, tabTo, type AppTab } from "./helpers/app-page.js";
import { launchChromium } from "./helpers/chromium.js";
import { csvRows, requestsPerRow, xlsxRows } from "./helpers/compare.js";
import { startUiInProcess, type InProcessUi } from "./helpers/ui-in-process.js";
import { ensureWebBuilt } from "./helpers/web-build.js";

const CSV = join(repoRoot, "fixtures", "web", "clientes-loja.csv");
const XLSX = join(repoRoot, "fixtures", "xlsx", "leads.xlsx");
// The same speed for the web app's runs and the CLI's, one request at a time: both take the same decisions. The app
// speaks pt-BR, results files included, so the CLI it is compared with does too.
const SPEED = ["--rate", "0", "--concurrency", "1", "--lang", "pt-BR"];

let browser: Browser;
let mock: MockServer;
let ui: InProcessUi;
let tab: AppTab;
let work: string;
let dir: string;
const runIds: string[] = [];

function credentials(url: string): Record<string, string> {
  return {
    CHATGURU_API_URL: url,
    CHATGURU_API_KEY: SECRET_KEY,
    CHATGURU_ACCOUNT_ID: mock.credentials.accountId,
    CHATGURU_PHONE_ID: mock.credentials.phoneId,
  };
}

/**
 * The CLI on a copy of `file` with the mapping the web app saved, against its own mock holding the chats the web
 * app's mock held when its run started.
 */
async function cliRun(file: string, mappingPath: string) {
  const existingChats = mock.state().chats.map(({ number, name, fields }) => ({ number, name, fields }));
  const cliMock = await startMockServer({ credentials: { key: SECRET_KEY }, existingChats });
  const cliDir = mkdtempSync(join(work, "cli-"));
  const source = join(cliDir, file.split("/").pop()!);
  copyFileSync(file, source);
  const run = await runCliInProcess(
    ["sync", "--source", source, "--mapping", mappingPath, "--state", join(cliDir, "state.ndjson"), ...SPEED],
    { env: credentials(cliMock.url), cwd: cliDir },
  );
  const state = cliMock.state();
  await cliMock.close();
  return { run, state, source };
}

beforeAll(async () => {
  ensureWebBuilt();
  work = mkdtempSync(join(tmpdir(), "cgs-web-"));
  dir = join(work, "app");
  mkdirSync(dir);
  mock = await startMockServer({ credentials: { key: SECRET_KEY } });
  // The server in this process (the resume test spawns the real `chatguru-sync ui`).
  ui = await startUiInProcess(dir);
  browser = await launchChromium();
  tab = await openTab(browser, ui.origin);
}, 60_000);

afterAll(async () => {
  await tab?.close();
  await browser?.close();
  await ui?.stop();
  await mock?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the web app in Chromium, against the embedded mock", { timeout: 60_000 }, () => {
  it("imports a CSV from Conexão to Histórico: every page axe-clean and focused, the mock gets what the CLI sends", async () => {
    const { page } = tab;
    await page.goto(ui.startUrl);

    // Conexão: nothing saved yet. A wrong key is told apart and linked to its field; the right one goes on.
    await checkPage(tab, "1-conexao", "Conexão com o ChatGuru");
    await page.getByLabel("Endereço da API").fill(mock.url);
    await page.getByLabel("Chave da API").fill("chave-errada-0000");
    await page.getByLabel("ID da conta").fill(mock.credentials.accountId);
    await page.getByLabel("ID do celular").fill(mock.credentials.phoneId);
    await page.getByRole("button", { name: "Continuar" }).click();
    const summary = page.getByRole("alert");
    await expect.poll(() => summary.textContent()).toMatch(/chave/i);
    await summary.getByRole("link").first().click();
    await expect.poll(() => page.evaluate("document.activeElement.id")).toBe("cg-key");
    await page.getByLabel("Chave da API").fill(SECRET_KEY);
    await page.getByRole("button", { name: "Continuar" }).click();

    // Arquivo: the file input is labelled "Arquivo"; the page says how the file was read.
    await page.waitForURL(/\/arquivo$/);
    await checkPage(tab, "2-arquivo", "Arquivo de contatos");
    await page.getByLabel("Arquivo", { exact: true }).setInputFiles(CSV);
    await page.waitForURL(/\/arquivo\?fonte=/);
    await checkPage(tab, "2-arquivo-lido", "Arquivo de contatos");
    await expect.poll(() => page.locator("main").textContent()).toContain("11 linhas de contatos");
    expect(await page.getByLabel("Separador de colunas").inputValue()).toBe(";");
    await page.getByRole("button", { name: "Continuar" }).click();

    // Colunas: one <select> per column, counts of valid phones, WhatsApp required before Continuar.
    await page.waitForURL(/\/colunas\?fonte=/);
    await checkPage(tab, "3-colunas", "Colunas");
    const selects = page.getByRole("combobox", { name: /^O que é a coluna / });
    expect(await selects.count()).toBe(6);
    const celular = page.getByRole("combobox", { name: "O que é a coluna Celular" });
    expect(await celular.inputValue()).toBe("phone");
    await expect.poll(() => page.locator("main").textContent()).toContain("10 celulares válidos, 1 inválido");
    await celular.selectOption("ignore");
    await page.getByRole("button", { name: "Continuar" }).click();
    await page
      .getByRole("alert")
      .getByRole("link", { name: /WhatsApp/ })
      .click();
    await expect.poll(() => isFocused(celular)).toBe(true);
    await celular.selectOption("phone");
    await page.getByRole("combobox", { name: "O que é a coluna E-mail" }).selectOption("field");
    await page.getByLabel("Nome do campo no ChatGuru para E-mail").fill("Email");
    await page.getByRole("combobox", { name: "O que é a coluna Etapa do funil" }).selectOption("field");
    await page.getByRole("combobox", { name: "O que é a coluna Observações" }).selectOption("note");
    await page.getByLabel("Texto da mensagem", { exact: true }).fill("Olá {{Nome}}, obrigado pelo contato!");
    await page.getByText("Nome na API: field__Etapa_do_funil").waitFor();
    await page.getByText("Observações: Pediu orçamento por e-mail").waitFor();
    await page.getByText("Olá Ana Paula Souza, obrigado pelo contato!").waitFor();
    await checkPage(tab, "3-colunas-escolhidas", "Colunas", { focus: false, viewport: true });
    // Back to Arquivo and forward again: the choices are still there (kept until saved).
    await page.goBack();
    await page.getByRole("heading", { name: /clientes-loja\.csv foi lido/ }).waitFor();
    await page.goForward();
    expect(await page.getByRole("combobox", { name: "O que é a coluna Observações" }).inputValue()).toBe("note");
    expect(await page.getByLabel("Nome do campo no ChatGuru para E-mail").inputValue()).toBe("Email");
    await page.getByRole("button", { name: "Continuar" }).click();

    // Revisão: the plan, the problems by row with the fix, the first payloads, the message, the consent.
    await page.waitForURL(/\/revisao\?fonte=/);
    await page.getByRole("button", { name: "Iniciar envio" }).waitFor();
    await checkPage(tab, "4-revisao", "Revisão", { viewport: true });
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).toContain("Resumo: 11 linhas na planilha");
    expect(await page.locator(".count-new .count-value").textContent()).toBe("9");
    expect(await page.locator(".count-invalid .count-value").textContent()).toBe("1");
    expect(await page.locator(".count-duplicate .count-value").textContent()).toBe("1");
    const problems = page.getByRole("table", { name: "Linhas que não serão enviadas e como corrigir" });
    expect(await problems.getByRole("row").count()).toBe(3);
    expect(await problems.getByRole("rowheader").allTextContents()).toEqual(["7", "9"]);
    // Each problem in the words `chatguru-sync validate` prints for it under LANG=pt_BR (the one catalog).
    expect(await problems.getByRole("row", { name: /^7 / }).textContent()).toContain(
      '"12345" não é um número de telefone válido (curto demais)',
    );
    expect(await problems.getByRole("row", { name: /^9 / }).textContent()).toContain(
      "Repete a linha 2: o telefone 5511987654321 aparece de novo (vale a primeira linha)",
    );
    // Cost and time: this server's rate is uncapped (rate 0), so the time is said to depend on ChatGuru.
    const cost = page.getByRole("region", { name: "Custo e tempo" });
    expect(await cost.locator(".big").textContent()).toMatch(
      /^Cerca de \d+ requisições ao ChatGuru · o tempo depende de quão rápido o ChatGuru responde$/,
    );
    expect(main).toContain("9 mensagens serão enviadas");
    const firstAdd = page.getByRole("table", { name: "Linha 2 — criar o chat (chat_add)" });
    expect(await firstAdd.getByRole("row", { name: /chat_number/ }).textContent()).toContain("5511987654321");
    await page.getByRole("button", { name: "Iniciar envio" }).click();
    await page
      .getByRole("alert")
      .getByRole("link", { name: /consentimento/ })
      .click();
    const consent = page.getByRole("checkbox", { name: /autorizaram receber mensagens/ });
    await expect.poll(() => isFocused(consent)).toBe(true);
    await consent.check();

    // The CLI runs the same file and mapping against its own mock meanwhile.
    const cli = cliRun(CSV, join(dir, "clientes-loja.mapping.json"));
    const before = mock.state().log.length;
    await page.getByRole("button", { name: "Iniciar envio" }).click();

    // Envio: live counters in role="status" until the end.
    await page.waitForURL(/\/envio\?envio=/);
    runIds.push(new URL(page.url()).searchParams.get("envio")!);
    const status = page.getByRole("status").filter({ hasText: "linhas" });
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain("Envio concluído");
    expect(await status.textContent()).toContain("11 de 11 linhas");
    await checkPage(tab, "5-envio", /^Envio/);

    // Resultado: counts, a filter, the downloads.
    await page.getByRole("link", { name: "Ver resultado" }).click();
    await page.waitForURL(/\/resultado\?envio=/);
    await page.getByRole("table").waitFor();
    await checkPage(tab, "6-resultado", "Resultado");
    await page.getByLabel("Mostrar").selectOption("invalid");
    await expect.poll(() => page.getByRole("table").getByRole("rowheader").allTextContents()).toEqual(["7"]);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Baixar resultado completo" }).click(),
    ]);
    const uiResults = join(work, "ui-results.csv");
    await download.saveAs(uiResults);

    // Histórico: the run, in a table whose caption says Histórico.
    await page.getByRole("link", { name: "Histórico", exact: true }).click();
    await checkPage(tab, "7-historico", "Histórico");
    const history = page.getByRole("table", { name: /Histórico/ });
    expect(await history.getByRole("row").nth(1).textContent()).toMatch(
      /clientes-loja\.csv.*Envio concluído.*8 criados.*1 falha/,
    );
    await page.getByLabel("Situação").selectOption("interrupted");
    await page.getByText("Nenhum envio com estes filtros.").waitFor();
    expect(page.url()).toContain("situacao=interrupted");
    await page.getByLabel("Situação").selectOption("");
    await expect.poll(() => history.getByRole("row").count()).toBe(2);

    // What the mock received, per row, and the results file: the same as the CLI's for this file and mapping.
    const { run, state: cliState, source } = await cli;
    expect(run.code).toBe(1); // 1 invalid, 1 duplicate and 1 failed row, as the web app's run says too
    const uiState = mock.state();
    const webRequests = requestsPerRow({ ...uiState, log: uiState.log.slice(before) });
    expect(webRequests).toEqual(requestsPerRow(cliState));
    expect(uiState.chats).toHaveLength(8);
    expect(csvRows(uiResults, ";")).toEqual(csvRows(source.replace(/\.csv$/, ".results.csv"), ";"));
    for (const chat of uiState.chats) expect(chat.sentMessages.filter((m) => m.via === "message_send")).toHaveLength(1);

    // Reenviar falhas, from the run's Resultado page: only the failed row is tried again.
    await history.getByRole("link", { name: "Ver" }).first().click();
    await page.waitForURL(/\/resultado\?envio=/);
    const beforeRetry = mock.state().log.length;
    await page.getByRole("button", { name: "Reenviar falhas" }).click();
    // Revisão of the failed rows only, with the consent asked again (the mapping sends a message).
    await page.waitForURL(/\/revisao\?fonte=.*reenviar=falhas/);
    await page.getByRole("button", { name: "Iniciar envio" }).waitFor();
    await checkPage(tab, "4-revisao-reenviar-falhas", "Revisão");
    expect(await page.locator(".count-retry .count-value").textContent()).toBe("1");
    await page.getByRole("checkbox", { name: /autorizaram receber mensagens/ }).check();
    await page.getByRole("button", { name: "Iniciar envio" }).click();
    await page.waitForURL((url) => url.pathname === "/envio" && url.searchParams.get("envio") !== runIds[0]);
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain("Envio concluído");
    const retried = mock
      .state()
      .log.slice(beforeRetry)
      .filter((entry) => entry.chatNumber);
    expect(retried.length).toBeGreaterThan(0);
    for (const entry of retried) expect(entry.chatNumber).toMatch(/^55119?77770000$/);
  });

  it("imports an .xlsx with the keyboard only, and the mock gets what the CLI sends", async () => {
    const { page } = tab;
    await page.goto(`${ui.origin}/arquivo`);
    await checkPage(tab, "2-arquivo-xlsx", "Arquivo de contatos");
    const chooser = page.waitForEvent("filechooser");
    await tabTo(page, page.getByLabel("Arquivo", { exact: true }));
    await page.keyboard.press("Space");
    await (await chooser).setFiles(XLSX);
    await page.waitForURL(/\/arquivo\?fonte=/);
    await page.getByRole("heading", { name: /leads\.xlsx foi lido/ }).waitFor();
    await tabTo(page, page.getByRole("button", { name: "Continuar" }));
    await page.keyboard.press("Enter");

    await page.waitForURL(/\/colunas\?fonte=/);
    await checkPage(tab, "3-colunas-xlsx", "Colunas");
    expect(await page.getByRole("combobox", { name: "O que é a coluna Nome" }).inputValue()).toBe("name");
    await tabTo(page, page.getByRole("button", { name: "Continuar" }), 80);
    await page.keyboard.press("Enter");

    await page.waitForURL(/\/revisao\?fonte=/);
    await page.getByRole("button", { name: "Iniciar envio" }).waitFor();
    await checkPage(tab, "4-revisao-xlsx", "Revisão");
    const cli = cliRun(XLSX, join(dir, "leads.mapping.json"));
    const before = mock.state().log.length;
    await tabTo(page, page.getByRole("button", { name: "Iniciar envio" }), 120);
    await page.keyboard.press("Enter");

    await page.waitForURL(/\/envio\?envio=/);
    runIds.push(new URL(page.url()).searchParams.get("envio")!);
    const status = page.getByRole("status").filter({ hasText: "linhas" });
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain("Envio concluído");
    await page.getByRole("heading", { level: 1 }).focus();
    await tabTo(page, page.getByRole("link", { name: "Ver resultado" }));
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/resultado\?envio=/);
    await checkPage(tab, "6-resultado-xlsx", "Resultado");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      (async () => {
        await tabTo(page, page.getByRole("link", { name: "Baixar resultado completo" }));
        await page.keyboard.press("Enter");
      })(),
    ]);
    const uiResults = join(work, "ui-results.xlsx");
    await download.saveAs(uiResults);

    const { run, state: cliState, source } = await cli;
    expect(run.code).toBe(1); // the workbook's "Telefone ruim" row is invalid
    const uiState = mock.state();
    const webRequests = requestsPerRow({ ...uiState, log: uiState.log.slice(before) });
    expect(webRequests).toEqual(requestsPerRow(cliState));
    expect(Object.keys(webRequests.byNumber).length).toBeGreaterThan(0);
    const [webRows, cliRows] = [await xlsxRows(uiResults), await xlsxRows(source.replace(/\.xlsx$/, ".results.xlsx"))];
    expect(webRows).toEqual(cliRows);
  });

  it("reads a file dropped on the drop zone; a title row above the table is said and its fix is one click", async () => {
    const { page } = tab;
    await page.goto(`${ui.origin}/arquivo`);
    // An Excel-BR export dragged from the desktop (Windows-1252, `;`, a report title on row 1): the page takes it from
    // the drop's DataTransfer, not from the file input.
    const bytes = [...Buffer.from("Relatório de clientes\nNome;Celular\nJoão;11 98765-4321\n", "latin1")];
    const dropped = await page.evaluateHandle(
      `(() => { const t = new DataTransfer(); t.items.add(new File([new Uint8Array(${JSON.stringify(bytes)})], ` +
        `"arrastado.csv", { type: "text/csv" })); return t; })()`,
    );
    await page.dispatchEvent(".drop-zone", "dragover", { dataTransfer: dropped });
    await page.dispatchEvent(".drop-zone", "drop", { dataTransfer: dropped });
    await page.getByRole("heading", { name: /Não conseguimos ler arrastado\.csv/ }).waitFor();
    const main = page.locator("main");
    expect(await main.textContent()).toContain(
      'A linha 1 parece um título ("Relatório de clientes"), não os nomes das colunas; a linha 2 tem 2 colunas preenchidas.',
    );
    expect(await main.textContent()).not.toContain("--header-row");
    expect(await main.textContent()).not.toContain("Não há linhas de contatos");
    expect(await page.getByLabel("Linha do cabeçalho").inputValue()).toBe("2");
    await checkPage(tab, "2-arquivo-titulo", "Arquivo de contatos", { focus: false });
    await page.getByRole("button", { name: "Ler de novo com estas opções" }).click();
    await page.getByRole("heading", { name: /arrastado\.csv foi lido/ }).waitFor();
    expect(await main.textContent()).toContain("João");
    expect(await main.textContent()).toMatch(/Windows-1252/);
  });

  it("shows a 2 000-row file in samples and pages, never every row at once", async () => {
    const { page } = tab;
    const lines = ["Nome;Celular"];
    for (let i = 0; i < 2000; i++) lines.push(`Pessoa ${i};${i % 40 === 7 ? "123" : `11 9${71000000 + i}`}`);
    const big = join(work, "base-grande.csv");
    writeFileSync(big, `${lines.join("\n")}\n`);
    await page.goto(`${ui.origin}/arquivo`);
    await page.getByLabel("Arquivo", { exact: true }).setInputFiles(big);
    await page.getByRole("heading", { name: /base-grande\.csv foi lido/ }).waitFor();
    expect(await page.getByRole("table").getByRole("row").count()).toBe(11); // the header and 10 sample rows
    await page.getByRole("button", { name: "Continuar" }).click();
    await page.waitForURL(/\/colunas\?fonte=/);
    await expect.poll(() => page.locator("main").textContent()).toContain("1.950 celulares válidos, 50 inválidos");
    await page.getByRole("button", { name: "Continuar" }).click();
    await page.getByRole("button", { name: "Iniciar envio" }).waitFor();
    const problems = page.getByRole("table", { name: "Linhas que não serão enviadas e como corrigir" });
    expect(await problems.getByRole("rowheader").count()).toBe(20);
    const pager = page.getByRole("navigation", { name: "Linhas com problema" });
    expect(await pager.textContent()).toContain("1–20 de 50");
    await pager.getByRole("button", { name: "Próxima" }).click();
    expect(await problems.getByRole("rowheader").first().textContent()).toBe(String(2 + 7 + 40 * 20));
    expect(await page.evaluate("document.getElementsByTagName('*').length")).toBeLessThan(1500);
  });

  it("refuses a wrong Host, a foreign Origin (also from a real page on another port) and a missing token", async () => {
    const port = new URL(ui.origin).port;
    const raw = (path: string, headers: Record<string, string>, method = "GET") =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: "127.0.0.1", port, path, method, headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end(method === "GET" ? undefined : "{}");
      });
    const client = new UiClient(ui.origin);
    await client.login(ui.startUrl);
    const cookie = client.cookie;
    expect(cookie).toMatch(/=/);
    expect(await raw("/api/connection", { cookie })).toBe(200);
    expect(await raw("/api/connection", {})).toBe(401);
    expect(await raw(`/?t=${"x".repeat(ui.token.length)}`, {})).toBe(401);
    expect(await raw("/api/connection", { cookie, host: `rebind.example:${port}` })).toBe(421);
    expect(await raw("/api/connection", { cookie, origin: "http://evil.example" })).toBe(403);
    expect(await raw("/api/connection/check", { cookie, origin: `http://127.0.0.1:${mock.port}` }, "POST")).toBe(403);

    // A page served from another local port is another origin, though the cookie is same-site: its write is refused.
    const { page } = tab;
    await page.goto(`http://127.0.0.1:${mock.port}/__mock/state`);
    const sent = await page.evaluate(
      `fetch(${JSON.stringify(`${ui.origin}/api/connection`)}, { method: "PUT", mode: "no-cors", credentials: "include",
         headers: { "content-type": "text/plain" },
         body: JSON.stringify({ apiUrl: "http://evil.example/api/v1", accountId: "x", phoneId: "y" }) })
        .then(() => "sent", () => "blocked")`,
    );
    expect(["sent", "blocked"]).toContain(sent);
    const after = await client.get("/api/connection");
    expect(after.json.apiUrl).toBe(mock.url);
  });

  it("never shows the key: not in a page, an answer, an event, or a file the app wrote beside the data", async () => {
    expect(tab.bodies.length).toBeGreaterThan(20);
    for (const body of tab.bodies) expect(body).not.toContain(SECRET_KEY);
    const client = new UiClient(ui.origin);
    await client.login(ui.startUrl);
    for (const id of runIds) {
      const { raw, events } = await client.events(id);
      expect(events.length).toBeGreaterThan(0);
      expect(raw).not.toContain(SECRET_KEY);
    }
    const files: string[] = [];
    const walk = (path: string) => {
      for (const name of readdirSync(path)) {
        const full = join(path, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name !== ".env") files.push(full);
      }
    };
    walk(dir);
    expect(files.some((f) => f.endsWith("events.ndjson"))).toBe(true);
    for (const file of files) expect(readFileSync(file).includes(SECRET_KEY), file).toBe(false);
    expect(readFileSync(join(dir, ".env"), "utf8")).toContain(SECRET_KEY);
  });
});
