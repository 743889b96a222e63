import { spawn } from "node:child_process";
import { copyFileSync, cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSheetsSpec } from "../../src/sheets/sheets-spec.js";
import { repoRoot, runCliInProcess, spawnCli, TEST_POLL_ENV, tsxLoader } from "../helpers/cli.js";
import { startFakeSheetsServer, type FakeSheetsServer } from "../helpers/fake-sheets-server.js";
import { englishLines } from "../helpers/english-detector.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

/** Every `npx chatguru-sync …` line of the README's ```sh blocks, so the docs cannot go stale. */
function readmeCommands(): string[][] {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks
    .flatMap((block) => block.split("\n"))
    .map((line) => line.trim())
    .filter((line) => line.startsWith("npx chatguru-sync "))
    .map((line) => shellWords(line).slice(2));
}

function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) words.push(m[1] ?? m[2] ?? m[3]!);
  return words;
}

function csvRows(path: string): string[][] {
  return readFileSync(path, "utf8")
    .split(/\r?\n/)
    .filter((l) => l !== "")
    .map((l) => l.split(","));
}

let env: SyncEnv;
let sheets: FakeSheetsServer;
let cwd: string;
beforeAll(async () => {
  env = await createSyncEnv({ addDelayMs: 50, existingChats: ["5511987654321"] });
  sheets = await startFakeSheetsServer();
  cwd = mkdtempSync(join(tmpdir(), "cgs-readme-"));
  cpSync(join(repoRoot, "fixtures"), join(cwd, "fixtures"), { recursive: true });
  copyFileSync(join(repoRoot, "mapping.example.json"), join(cwd, "mapping.example.json"));
  copyFileSync(join(repoRoot, "mapping.schema.json"), join(cwd, "mapping.schema.json"));
  copyFileSync(join(repoRoot, "mapping.example.json"), join(cwd, "mapping.json"));
});
afterAll(async () => {
  await env?.close();
  await sheets?.close();
});

describe("README commands run against the mock", () => {
  const commands = readmeCommands();

  it("the README shows the commands users need", () => {
    expect(commands.length).toBeGreaterThanOrEqual(10);
    expect(commands.map((c) => c[0])).toEqual(
      expect.arrayContaining(["sync", "validate", "init", "call", "mock-server"]),
    );
  });

  for (const args of commands) {
    it(`chatguru-sync ${args.join(" ")}`, async () => {
      const google = { SHEETS_API_URL: sheets.url, GOOGLE_ACCESS_TOKEN: sheets.token };
      const source = args[args.indexOf("--source") + 1] ?? "";
      const spec = args.includes("--source")
        ? parseSheetsSpec(source, args.includes("--sheet") ? args[args.indexOf("--sheet") + 1] : undefined)
        : undefined;
      if (spec) {
        // Serve the README's example sheet from the fake, with the demo contacts in it.
        sheets.setSheet(
          spec.spreadsheetId,
          spec.sheet ?? "Leads SP",
          spec.gid ?? 0,
          csvRows(join(repoRoot, "fixtures", "contacts.csv")),
        );
      }
      const controller = new AbortController();
      const isServer = args[0] === "mock-server" || args[0] === "ui";
      const isWatch = args.includes("--watch");
      // A free port for the server; no rate cap so the examples run fast.
      // `ui` never opens a browser from a test.
      const runArgs = isServer
        ? [...args.map((a, i) => (args[i - 1] === "--port" ? "0" : a)), ...(args[0] === "ui" ? ["--no-open"] : [])]
        : args[0] === "sync" && !args.includes("--rate")
          ? [...args, "--rate", "0"]
          : args;
      let stdout = "";
      let stderr = "";
      if (isServer || isWatch) {
        const timer = setInterval(() => {
          if ((isServer && stdout.includes("listening on")) || (isWatch && stderr.includes("cycle 1")))
            controller.abort();
        }, 20);
        const r = await runCliInProcessCapturing(
          runArgs,
          { ...env.env, ...google },
          controller.signal,
          (o, e) => ((stdout = o), (stderr = e)),
        );
        clearInterval(timer);
        if (isServer) {
          expect(r.code).toBe(0);
          const address = args[0] === "ui" ? /\/\?t=[\w-]+$/ : /\/api\/v1$/;
          expect(r.stdout.split("\n")[0]).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\//);
          expect(r.stdout.split("\n")[0]).toMatch(address);
        } else {
          expect(r.code).toBe(130);
          expect(r.stderr).toMatch(/cycle 1: \d+ rows/);
        }
        return;
      }
      const r = await runCliInProcess(runArgs, { env: { ...env.env, ...google }, cwd });
      expect(r.stderr).not.toMatch(/internal error/);
      // 0 or 1 (the fixture has invalid rows on purpose; `call` may answer an API error) — never a usage error.
      expect([0, 1], `exit ${r.code}: ${r.stderr}`).toContain(r.code);
    }, 60_000);
  }

  async function runCliInProcessCapturing(
    args: string[],
    variables: Record<string, string>,
    signal: AbortSignal,
    onOutput: (stdout: string, stderr: string) => void,
  ) {
    const { runCli } = await import("../../src/cli/main.js");
    let stdout = "";
    let stderr = "";
    const code = await runCli(args, {
      stdout: { write: (s: string) => ((stdout += s), onOutput(stdout, stderr)) },
      stderr: { write: (s: string) => ((stderr += s), onOutput(stdout, stderr)), isTTY: false },
      env: { ...TEST_POLL_ENV, ...variables },
      cwd,
      signal,
    });
    return { code, stdout, stderr };
  }

  /** `npm run demo` as a newcomer runs it, with her locale. */
  async function demo(locale: Record<string, string> = {}) {
    const child = spawn(process.execPath, ["--import", tsxLoader, join(repoRoot, "scripts", "demo.ts")], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...TEST_POLL_ENV, ...locale },
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? -1)));
    return { code, stderr };
  }

  it("npm run demo syncs the fixture against the embedded mock and says where the results are", async () => {
    const { code, stderr } = await demo();
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/50 rows in [\d.]+ s — \d+ created, \d+ updated/);
    expect(stderr).toContain(`results: ${join(repoRoot, "fixtures", "contacts.results.csv")}`);
    // Under a Brazilian locale the demo speaks Portuguese, its own lines included, as the CLI does.
    const pt = await demo({ LANG: "pt_BR.UTF-8" });
    expect(pt.code, pt.stderr).toBe(0);
    expect(englishLines(pt.stderr), pt.stderr).toEqual([]);
    expect(pt.stderr).toMatch(/^ChatGuru simulado em http:\S+ \(\d+ chats já existem; o chat_add leva ~0 s\)/);
    expect(pt.stderr).toMatch(/50 linhas em [\d,]+ s — \d+ criadas, \d+ atualizadas/);
    expect(pt.stderr).toContain("Código de saída 1: algumas linhas são inválidas/duplicadas/falharam de propósito");
  }, 90_000);

  it("spawned: npx-style entry point prints help", async () => {
    const r = await spawnCli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("chatguru-sync <command>");
  });
});
