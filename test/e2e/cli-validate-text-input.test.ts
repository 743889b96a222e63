import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCliInProcess, spawnCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "cgs-cli-text-"));
writeFileSync(join(dir, "m.json"), '{"phone": "Telefone", "name": "Nome"}');
const mapping = join(dir, "m.json");

describe("chatguru-sync validate on what spreadsheets really write", () => {
  it("an .xlsx renamed .csv exits 2 naming what it is and what to do, with no rows read (spawned)", async () => {
    const r = await spawnCli(["validate", "--source", "fixtures/csv/xlsx-renamed.csv", "--mapping", mapping]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("xlsx-renamed.csv is not a CSV text file: it looks like an Excel workbook (.xlsx)");
    expect(r.stderr).toContain('save it from the spreadsheet program as "CSV UTF-8"');
    expect(r.stderr).not.toMatch(/Checked|Row \d/);
  });

  it.each(["utf16le-tab.txt", "utf16be-tab.csv"])(
    "UTF-16 'Texto Unicode' %s validates as text: 3 valid rows",
    async (name) => {
      const r = await runCliInProcess(
        ["validate", "--source", `fixtures/csv/${name}`, "--mapping", mapping, "--json"],
        {
          cwd: repoRoot,
        },
      );
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, counts: { total: 3, valid: 3, invalid: 0 } });
    },
  );

  it("a file with title rows exits 2 suggesting --header-row", async () => {
    const r = await runCliInProcess(["validate", "--source", "fixtures/csv/title-rows.csv", "--mapping", mapping]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("pass --header-row 3");
  });
});
