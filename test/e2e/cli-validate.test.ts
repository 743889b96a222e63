import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCliInProcess, spawnCli } from "../helpers/cli.js";

describe("chatguru-sync validate", () => {
  it("README command: the example mapping on fixtures/contacts.csv exits 1 and prints counts and problems (spawned)", async () => {
    const r = await spawnCli(["validate", "--source", "fixtures/contacts.csv", "--mapping", "mapping.example.json"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Checked 50 rows of fixtures\/contacts\.csv in \d+\.\ds \(no API calls\)\.\n/);
    expect(r.stderr).toContain("  valid: 47   invalid: 2   duplicate: 1\n");
    expect(r.stderr).toContain('  Row 23, column "Telefone": "12345" is not a valid phone number (too short)\n');
    expect(r.stderr).toContain(
      '  Row 46, column "Telefone": duplicate of row 2: the phone number 5511987654321 appears again (the first row wins)\n',
    );
  });

  it("--json prints exactly one JSON object on stdout with counts and problems; --quiet silences stderr", async () => {
    const r = await runCliInProcess([
      "validate",
      "--source",
      "fixtures/contacts.csv",
      "--mapping",
      "mapping.example.json",
      "--json",
      "--quiet",
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      ok: false,
      exitCode: 1,
      counts: { total: 50, valid: 47, invalid: 2, duplicate: 1 },
      problemCount: 3,
    });
    expect((report.problems as unknown[])[0]).toEqual({
      row: 23,
      column: "Telefone",
      code: "ROW_PHONE_INVALID",
      message: '"12345" is not a valid phone number (too short)',
    });
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
  });

  it("exit 0 when every row is valid; --results writes the file relative to the working directory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-cli-"));
    writeFileSync(join(dir, "m.json"), '{"phone": "Telefone"}');
    writeFileSync(join(dir, "in.csv"), "Telefone;Nome\r\n11987654321;Ana\r\n");
    const r = await runCliInProcess(["validate", "--source", "in.csv", "--mapping", "m.json", "--results", "out.csv"], {
      cwd: dir,
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Results written to ${join(dir, "out.csv")}`);
    expect(readFileSync(join(dir, "out.csv"), "utf8")).toBe(
      "\uFEFFTelefone;Nome;chatguru_status;chatguru_error\r\n11987654321;Ana;valid;\r\n",
    );
  });

  it("a mapping error exits 2 with file:line:column", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-cli-"));
    writeFileSync(join(dir, "mapping.json"), '{\n  "phone": "Telefone",\n  "modo": "create"\n}\n');
    const r = await runCliInProcess(
      ["validate", "--source", join(repoRoot, "fixtures/contacts.csv"), "--mapping", "mapping.json"],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: Mapping mapping.json has 1 problem:\nmapping.json:3:3: unknown key "modo" (did you mean "mode"?)\n',
    );
  });

  it.each([
    [["--source", "missing.csv", "--mapping", "mapping.example.json"], /Source file not found: .*missing\.csv/],
    [["--source", "fixtures/contacts.csv", "--mapping", "nope.json"], /Mapping file not found: nope\.json/],
    [
      ["--source", "fixtures/contacts.csv", "--mapping", "mapping.example.json", "--encoding", "klingon"],
      /Unknown encoding "klingon"/,
    ],
    [
      ["--source", "fixtures/contacts.csv", "--mapping", "mapping.example.json", "--limit", "0"],
      /--limit must be a whole number from 1 up, got "0"/,
    ],
    [["--mapping", "mapping.example.json"], /Missing required argument: source/],
  ])("exit 2 for %j", async (args, message) => {
    const r = await runCliInProcess(["validate", ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });

  it("reads stdin with --source - (spawned)", async () => {
    const r = await spawnCli(["validate", "--source", "-", "--mapping", "mapping.example.json", "--json"], {
      input: "Telefone,Nome,E-mail,Link,Cidade,UF,Etapa,Observações\n11987654321,Ana,,,,,,\n",
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ counts: { total: 1, valid: 1 } });
  });
});
