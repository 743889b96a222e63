import { copyFileSync, cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runCliInProcess } from "../helpers/cli.js";
import { englishLines, englishWords } from "../helpers/english-detector.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

/** The README's main flow — its `init`, `validate` and `sync` lines over the demo CSV — in the order it shows them. */
function mainFlow(): string[][] {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  return [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
    .flatMap((m) => m[1]!.split("\n"))
    .map((line) => line.trim())
    .filter((line) => /^npx chatguru-sync (init|validate|sync) .*--source fixtures\/contacts\.csv/.test(line))
    .filter((line) => !line.includes("--watch") && !line.includes("--json"))
    .map((line) => line.split(/\s+/).slice(2));
}

let env: SyncEnv;
let cwd: string;
beforeAll(async () => {
  env = await createSyncEnv({ addDelayMs: 50, existingChats: ["5511987654321"] });
  cwd = mkdtempSync(join(tmpdir(), "cgs-readme-pt-"));
  cpSync(join(repoRoot, "fixtures"), join(cwd, "fixtures"), { recursive: true });
  copyFileSync(join(repoRoot, "mapping.example.json"), join(cwd, "mapping.example.json"));
  copyFileSync(join(repoRoot, "mapping.schema.json"), join(cwd, "mapping.schema.json"));
});
afterAll(async () => {
  await env?.close();
});

const pt = (extra: Record<string, string> = {}) => ({ ...env.env, LANG: "pt_BR.UTF-8", ...extra });

describe("the README's main flow under LANG=pt_BR.UTF-8 speaks Brazilian Portuguese", () => {
  it("the detector finds English and lets Portuguese, codes, paths and quoted values through", () => {
    expect(englishWords('Row 23: invalid — ROW_PHONE_INVALID: column "Telefone": "12345" is not valid')).toEqual([
      "row",
      "invalid",
      "column",
      "is",
      "not",
      "valid",
    ]);
    expect(
      englishWords('Linha 23: inválida — ROW_PHONE_INVALID: coluna "Telefone": "12345 is not a phone" (curto demais)'),
    ).toEqual([]);
    expect(englishWords("  resultados: /tmp/x/fixtures/contacts.results.csv --limit 5 field__Email chat_add")).toEqual(
      [],
    );
  });

  it("init → validate → sync --dry-run → sync (canary and full): every printed line is Portuguese", async () => {
    const flow = mainFlow();
    expect(flow.map((args) => args[0])).toEqual(["init", "validate", "sync", "sync", "sync"]);
    let printed = "";
    for (const args of flow) {
      const runArgs = args[0] === "sync" ? [...args, "--rate", "0"] : args;
      const r = await runCliInProcess(runArgs, { env: pt(), cwd });
      expect([0, 1], `exit ${r.code}: ${r.stderr}`).toContain(r.code);
      printed += `$ chatguru-sync ${runArgs.join(" ")}\n${r.stdout}${r.stderr}`;
    }
    expect(englishLines(printed), printed).toEqual([]);
    expect(printed).not.toMatch(/\[object Object\]|undefined|NaN/);
    // What a person should see, in her words, with the codes as they are.
    expect(printed).toContain("50 linhas de fixtures/contacts.csv verificadas");
    expect(printed).toMatch(/simulação: 50 linhas em \d+,\d s — 2 inválidas, 1 duplicada/);
    expect(printed).toMatch(/50 linhas em \d+,\d s — /);
    expect(printed).toContain("ROW_PHONE_INVALID");
    expect(printed).toContain('coluna "Telefone": "12345" não é um número de telefone válido (curto demais)');
    expect(printed).toContain("CHAT_ADD_REFUSED");
    expect(printed).toContain("mais 45 linhas ficaram de fora por --limit");
    // The files she opens in Excel say it in her words too, each cell still starting with its code.
    const errors = readFileSync(join(cwd, "fixtures", "contacts.errors.csv"), "utf8");
    expect(errors).toContain('ROW_PHONE_INVALID: coluna ""Telefone"": ""12345"" não é um número de telefone válido');
    expect(errors).toContain("CHAT_ADD_REFUSED: o ChatGuru recusou o chat");
    // The status column (`invalid`, `failed`…) is data the tool reads back; the error column is prose.
    const cells = [...errors.matchAll(/,"?([A-Z][A-Z_]+: .*?)"?\r?$/gm)].map((m) => m[1]!.replace(/""/g, '"'));
    expect(cells.length).toBeGreaterThanOrEqual(5);
    expect(englishLines(cells.join("\n"))).toEqual([]);
  }, 60_000);

  it("--help and a run-stopping error are Portuguese too, the error's code aside", async () => {
    let helps = "";
    for (const command of ["sync", "validate", "status", "call", "mock-server", "init"]) {
      helps += (await runCliInProcess([command, "--help"], { env: pt(), cwd })).stdout;
    }
    helps += (await runCliInProcess(["--help"], { env: pt(), cwd })).stdout;
    const missing = await runCliInProcess(
      ["sync", "--source", "fixtures/nope.csv", "--mapping", "mapping.example.json"],
      { env: pt(), cwd },
    );
    const noKey = await runCliInProcess(
      ["sync", "--source", "fixtures/contacts.csv", "--mapping", "mapping.example.json"],
      { env: { LANG: "pt_BR.UTF-8" }, cwd },
    );
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^erro: Arquivo de origem não encontrado: \S+nope\.csv\. Confira o nome e a pasta\.\n$/,
    );
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain("Faltam dados de conexão com o ChatGuru");
    const printed = `${helps}${missing.stderr}${noKey.stderr}`;
    expect(englishLines(printed), printed).toEqual([]);
  });

  it("the same flow without a pt_BR locale stays English, byte for byte as before", async () => {
    const r = await runCliInProcess(
      ["validate", "--source", "fixtures/contacts.csv", "--mapping", "mapping.example.json"],
      { env: env.env, cwd },
    );
    expect(r.stderr).toMatch(/^Checked 50 rows of fixtures\/contacts\.csv in \d+\.\ds \(no API calls\)\.\n/);
    expect(r.stderr).toContain('  Row 23, column "Telefone": "12345" is not a valid phone number (too short)\n');
  });
});
