import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse as parseJsonc } from "jsonc-parser";
import { describe, expect, it } from "vitest";
import { repoRoot, runCliInProcess } from "../helpers/cli.js";

describe("chatguru-sync init", () => {
  it("maps only phone and name, lists the other columns as commented suggestions, and validates", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-init-"));
    const source = join(repoRoot, "fixtures", "contacts.csv");
    const r = await runCliInProcess(["init", "--source", source], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Wrote mapping.json: phone ← "Telefone", name ← "Nome".');
    expect(r.stderr).toContain(
      '6 other columns are listed as suggested custom fields, commented out: "E-mail", "Link", "Cidade", "UF", "Etapa", "Observações".',
    );
    const text = readFileSync(join(dir, "mapping.json"), "utf8");
    expect(text).toContain('    // "Observações": "Observações",');
    const mapping = parseJsonc(text) as Record<string, unknown>;
    expect(mapping).toEqual({
      $schema: expect.any(String),
      mode: "upsert",
      phone: { column: "Telefone", default_country: "BR" },
      name: "Nome",
      custom_fields: {},
      empty: "skip",
    });
    // $schema resolves from where the mapping is saved, not from the working directory of the person.
    expect(existsSync(resolve(dir, String(mapping.$schema)))).toBe(true);
    const check = await runCliInProcess(["validate", "--source", source, "--mapping", "mapping.json", "--json"], {
      cwd: dir,
    });
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout)).toMatchObject({ counts: { total: 50, invalid: 2, duplicate: 1 } });
  });

  it("finds the phone column by its values when no header names it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-init-"));
    writeFileSync(join(dir, "in.csv"), "Cliente;Contato;Obs\nAna;11987654321;x\nBia;(21) 99876-5432;y\n");
    const r = await runCliInProcess(["init", "--source", "in.csv", "--out", "sub/m.json"], { cwd: dir });
    expect(r.code).toBe(2); // the folder sub/ does not exist: a usage error, not a stack trace
    expect(r.stderr).toBe(
      "error: Cannot write sub/m.json: its folder does not exist or is not writable. Create the folder or pass another --out.\n",
    );
    const ok = await runCliInProcess(["init", "--source", "in.csv", "--out", "m.json"], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain('phone ← "Contato" (its cells look like phone numbers), name ← "Cliente".');
    expect(parseJsonc(readFileSync(join(dir, "m.json"), "utf8"))).toMatchObject({ phone: { column: "Contato" } });
  });

  it("exits 2 naming the columns when none looks like a phone, and writes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-init-"));
    writeFileSync(join(dir, "in.csv"), "Cliente;Obs\nAna;x\n");
    const r = await runCliInProcess(["init", "--source", "in.csv"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No column of in.csv looks like a WhatsApp number (columns: "Cliente", "Obs")');
    expect(existsSync(join(dir, "mapping.json"))).toBe(false);
  });

  it("refuses to overwrite without --force (exit 2, file untouched); --force overwrites", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-init-"));
    writeFileSync(join(dir, "m.json"), "keep me");
    writeFileSync(join(dir, "in.csv"), "Nome;Celular (WhatsApp);Plano\n");
    const refused = await runCliInProcess(["init", "--source", "in.csv", "--out", "m.json"], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe("error: m.json already exists; use --force to overwrite it.\n");
    expect(readFileSync(join(dir, "m.json"), "utf8")).toBe("keep me");
    const forced = await runCliInProcess(["init", "--source", "in.csv", "--out", "m.json", "--force"], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(parseJsonc(readFileSync(join(dir, "m.json"), "utf8"))).toMatchObject({
      phone: { column: "Celular (WhatsApp)" },
      name: "Nome",
      custom_fields: {},
    });
  });
  it("among columns named like a phone, picks the one whose cells hold numbers (empty Celular, filled Telefone)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-init-"));
    writeFileSync(join(dir, "in.csv"), "Nome;Celular;Telefone\nAna;;11987654321\nBia;;(21) 99876-5432\n");
    const r = await runCliInProcess(["init", "--source", "in.csv"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('phone ← "Telefone", name ← "Nome".');
  });
  it("the suggested next command keeps the source flags (a title row needs --header-row again)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-init-"));
    writeFileSync(join(dir, "in.csv"), "Relatório de leads\n\nNome;Celular\nAna;11987654321\n");
    const r = await runCliInProcess(["init", "--source", "in.csv", "--header-row", "3"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("Next: chatguru-sync validate --source in.csv --header-row 3 --mapping mapping.json");
  });
});
