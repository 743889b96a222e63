import { afterEach, describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const MAPPING = { phone: "Telefone", name: "Nome", custom_fields: { Etapa: "Etapa" } };
const FAST = ["--rate", "0", "--concurrency", "4"];
/** 11987654321 exists (updated); 12345 is invalid; a number ending in 0000 is refused by the mock's chat_add. */
const MIXED = "Telefone,Nome,Etapa\n11987654321,Ana,novo\n12345,Bad,x\n11987650000,Zero,y\n";

async function sync(csv: string, flags: string[], command = "sync") {
  const source = env.csv("leads.csv", csv);
  return runCliInProcess(
    [command, "--source", source, "--mapping", env.mapping("m.json", MAPPING), ...FAST, ...flags],
    {
      env: env.env,
      cwd: env.dir,
    },
  );
}

describe("sync --fail-on", () => {
  it("invalid (default): an invalid or a failed row → exit 1", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const r = await sync("Telefone,Nome,Etapa\n11987654321,Ana,novo\n12345,Bad,x\n", ["--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).exitCode).toBe(1);
  });

  it("failed: invalid/duplicate rows alone exit 0, and --json's exitCode agrees", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const csv = "Telefone,Nome,Etapa\n11987654321,Ana,novo\n12345,Bad,x\n11987654321,Dup,z\n";
    const r = await sync(csv, ["--json", "--fail-on", "failed"]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ ok: true, exitCode: 0, counts: { invalid: 1, duplicate: 1 } });
  });

  it("failed: a failed row still exits 1", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const r = await sync(MIXED, ["--json", "--fail-on", "failed"]);
    expect(JSON.parse(r.stdout).counts.failed).toBe(1);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).exitCode).toBe(1);
  });

  it("never: exit 0 although rows are invalid and failed", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const r = await sync(MIXED, ["--fail-on", "never"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/1 invalid, 1 failed/);
  });

  it("a bad value is exit 2 with the exact message, and nothing is sent", async () => {
    env = await createSyncEnv();
    const r = await sync(MIXED, ["--fail-on", "sometimes"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --fail-on must be one of invalid, failed, never, got "sometimes".\n');
    expect(env.mock.state().requests.total).toBe(0);
  });
});

describe("sync --header-row and how the source was read", () => {
  const TITLED = "Relatório de leads;;\n;;\nTelefone;Nome;Etapa\n11987654321;Ana;novo\n";

  it("reads the header from row N and says how the file was read", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const r = await sync(TITLED, ["--header-row", "3"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('read leads.csv as UTF-8, delimiter ";", header on row 3\n');
    expect(r.stderr).toMatch(/1 row in [\d.]+ s — 1 updated/);
  });

  it("status takes --header-row too", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const r = await sync(TITLED, ["--header-row", "3"], "status");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("header on row 3");
  });

  it("a sep= line is named as what set the delimiter", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const r = await sync("sep=;\nTelefone;Nome;Etapa\n11987654321;Ana;novo\n", []);
    expect(r.stderr).toContain(
      'read leads.csv as UTF-8, delimiter ";", header on row 1 (a "sep=;" line set the delimiter)',
    );
  });

  it("--json: stdout is still exactly the one report", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const r = await sync(TITLED, ["--header-row", "3", "--json"]);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(r.stdout).exitCode).toBe(0);
  });

  it.each([
    ["0", '"0"'],
    ["abc", '"abc"'],
    ["2.5", '"2.5"'],
  ])("--header-row %s is exit 2 with the exact message", async (value, shown) => {
    env = await createSyncEnv();
    const r = await sync(TITLED, ["--header-row", value]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: --header-row must be a whole number from 1 up, got ${shown}.\n`);
    expect(env.mock.state().requests.total).toBe(0);
  });
});

describe("sync --quiet (cron) and --verbose", () => {
  it("--quiet prints nothing when the run ends as --fail-on accepts (cron mails nothing)", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const ok = await sync("Telefone,Nome,Etapa\n11987654321,Ana,novo\n", ["--quiet"]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe("");
    // A failed row that --fail-on never accepts: still nothing to say.
    const accepted = await sync(MIXED, ["--quiet", "--fail-on", "never"]);
    expect(accepted.code).toBe(0);
    expect(accepted.stderr).toBe("");
  });

  it("--quiet on a run that ends otherwise prints one dated summary line, then the rows to look at", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const r = await sync(MIXED, ["--quiet"]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d sync \S+leads\.csv: 3 rows — 1 updated, 1 invalid, 1 failed \(exit 1\)$/,
    );
    expect(lines.slice(1)).toEqual([
      "First problems:",
      expect.stringMatching(/^ {2}Row 3: invalid — ROW_PHONE_INVALID: /),
      expect.stringMatching(/^ {2}Row 4: failed — /),
    ]);
  });

  it("--quiet with no connection settings still prints the dated line, then the error", async () => {
    env = await createSyncEnv();
    const source = env.csv("leads.csv", "Telefone,Nome,Etapa\n11987654321,Ana,novo\n");
    const r = await runCliInProcess(
      ["sync", "--source", source, "--mapping", env.mapping("m.json", MAPPING), "--quiet"],
      { env: {}, cwd: env.dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^\S+ sync \S+leads\.csv: stopped \(exit 2\)\nerror: .*CHATGURU_API_URL/s);
  });

  it("--log FILE appends one dated line per run, whatever the outcome, and never the key", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const log = `${env.dir}/runs.log`;
    await sync("Telefone,Nome,Etapa\n11987654321,Ana,novo\n", ["--log", "runs.log"]);
    await sync(MIXED, ["--quiet", "--log", log]);
    const noKey = await runCliInProcess(
      ["sync", "--source", `${env.dir}/leads.csv`, "--mapping", `${env.dir}/m.json`, "--log", log],
      { env: { ...env.env, CHATGURU_API_KEY: undefined }, cwd: env.dir },
    );
    expect(noKey.code).toBe(2);
    const revoked = await sync(MIXED, ["--log", log, "--full", "--api-key", "revoked-key-0123456789"]);
    expect(revoked.code).toBe(3);
    const lines = env.read(log).trimEnd().split("\n");
    const stamp = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d sync \\S+leads\\.csv: ";
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^${stamp}1 row — 1 updated \\(exit 0\\)$`)),
      expect.stringMatching(new RegExp(`^${stamp}3 rows — 1 unchanged, 1 invalid, 1 failed \\(exit 1\\)$`)),
      expect.stringMatching(new RegExp(`^${stamp}stopped \\(exit 2\\) — .*CHATGURU_API_KEY`)),
      expect.stringMatching(new RegExp(`^${stamp}.*\\(exit 3\\) — `)),
    ]);
    expect(env.read(log)).not.toContain("revoked-key-0123456789");
  });

  it("--quiet still prints errors: a run that cannot start gets its dated line and the error", async () => {
    env = await createSyncEnv();
    const source = env.csv("leads.csv", "Celular,Nome\n11987654321,Ana\n");
    const r = await runCliInProcess(
      ["sync", "--source", source, "--mapping", env.mapping("m.json", MAPPING), "--quiet"],
      { env: env.env, cwd: env.dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^\S+ sync \S+leads\.csv: stopped \(exit 2\)\nerror: Mapping .*"Telefone"/s);
  });

  it("--verbose prints one line per request: row, action, HTTP status, latency — never the key", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const r = await sync(MIXED, ["--verbose"]);
    expect(r.stderr).toMatch(/^row 2 chat_update_custom_fields → 200 in \d+ ms$/m);
    expect(r.stderr).toMatch(/^row 4 chat_update_custom_fields → 400 in \d+ ms \(CHATGURU_CHAT_NOT_FOUND\)$/m);
    expect(r.stderr).toMatch(/^row 4 chat_add → 201 in \d+ ms$/m);
    const requestLines = r.stderr.split("\n").filter((l) => /^row \S+ \w+( \(attempt \d+\))? → /.test(l));
    expect(requestLines).toHaveLength(env.mock.state().requests.total);
    expect(r.stderr).not.toContain(env.env.CHATGURU_API_KEY);
  });

  it("without --verbose there are no request lines", async () => {
    env = await createSyncEnv({ existingChats: ["5511987654321"] });
    const r = await sync(MIXED, []);
    expect(r.stderr).not.toMatch(/ → \d+ in \d+ ms/);
  });
});
