// Screenshots of the web app as a person meets it: `chatguru-sync ui`'s defaults (--rate 5, so the Revisão page
// says the time), the embedded mock, the fixtures/web CSV walked through Colunas, Revisão, Envio (while it runs)
// and Resultado. Usage: npx tsx scripts/web-screenshots.ts [OUT_DIR]   (default /tmp/shots; needs Chromium and the
// pages built, e.g. by `npm run build:web`). docs/web-app-*.png are copied from the `-tela` ones by hand.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Page } from "playwright-core";
import { startMockServer } from "../src/chatguru/mock/mock-server.js";
import { loadEnvironment } from "../src/cli/env.js";
import { startUiServer } from "../src/ui/server.js";

const out = process.argv[2] ?? "/tmp/shots";
const root = join(import.meta.dirname, "..");
const KEY = "sk-SCREENSHOTS-0000";

async function shoot(page: Page, name: string): Promise<void> {
  await page.evaluate("document.fonts.ready");
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
  await page.evaluate("window.scrollTo(0, 0)");
  await page.screenshot({ path: join(out, `${name}-tela.png`) });
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), "cgs-shots-"));
  const mock = await startMockServer({ credentials: { key: KEY } });
  const { accountId, phoneId } = mock.credentials;
  writeFileSync(
    join(dir, ".env"),
    `CHATGURU_API_URL=${mock.url}\nCHATGURU_API_KEY=${KEY}\nCHATGURU_ACCOUNT_ID=${accountId}\nCHATGURU_PHONE_ID=${phoneId}\n`,
  );
  const csv = join(dir, "clientes-loja.csv");
  copyFileSync(join(root, "fixtures", "web", "clientes-loja.csv"), csv);
  const server = await startUiServer({ root: dir, env: { process: {}, merged: () => loadEnvironment(dir, {}) } });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "pt-BR" });
    await page.goto(server.url);
    await page.goto(`${server.origin}/arquivo`);
    await page.getByLabel("Arquivo", { exact: true }).setInputFiles(csv);
    await page.waitForURL(/\/arquivo\?fonte=/);
    await page.getByRole("button", { name: "Continuar" }).click();
    await page.waitForURL(/\/colunas\?fonte=/);
    await page.getByRole("combobox", { name: "O que é a coluna E-mail" }).selectOption("field");
    await page.getByLabel("Nome do campo no ChatGuru para E-mail").fill("Email");
    await page.getByRole("combobox", { name: "O que é a coluna Observações" }).selectOption("note");
    await page.getByLabel("Texto da mensagem", { exact: true }).fill("Olá {{Nome}}, obrigado pelo contato!");
    await page.getByText("Olá Ana Paula Souza, obrigado pelo contato!").waitFor();
    await shoot(page, "3-colunas");
    await page.getByRole("button", { name: "Continuar" }).click();
    await page.waitForURL(/\/revisao\?fonte=/);
    await page.getByRole("button", { name: "Iniciar envio" }).waitFor();
    await shoot(page, "4-revisao");
    await page.getByRole("checkbox", { name: /autorizaram receber mensagens/ }).check();
    await page.getByRole("button", { name: "Iniciar envio" }).click();
    await page.waitForURL(/\/envio\?envio=/);
    const status = page.getByRole("status").filter({ hasText: "linhas" });
    await status.filter({ hasText: /[1-9]\d* de \d+ linhas/ }).waitFor();
    await shoot(page, "5-envio");
    await status.filter({ hasText: "Envio concluído" }).waitFor({ timeout: 120_000 });
    await shoot(page, "5-envio-concluido");
    await page.getByRole("link", { name: "Ver resultado" }).click();
    await page.waitForURL(/\/resultado\?envio=/);
    await page.getByRole("heading", { name: "Linha por linha" }).waitFor();
    await shoot(page, "6-resultado");
  } finally {
    await browser.close();
    await server.close();
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`screenshots in ${out}`);
}

await main();
