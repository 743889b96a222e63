import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runCliInProcess } from "../helpers/cli.js";

describe("chatguru-sync init", () => {
  it("writes a starter mapping from the header that validates against the same file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-init-"));
    const source = join(repoRoot, "fixtures", "contacts.csv");
    const r = await runCliInProcess(["init", "--source", source], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Wrote mapping.json: phone ← "Telefone", name ← "Nome", 6 custom fields.');
    expect(JSON.parse(readFileSync(join(dir, "mapping.json"), "utf8"))).toEqual({
      $schema: "./mapping.schema.json",
      mode: "upsert",
      phone: { column: "Telefone", default_country: "BR" },
      name: "Nome",
      custom_fields: {
        "E-mail": "E-mail",
        Link: "Link",
        Cidade: "Cidade",
        UF: "UF",
        Etapa: "Etapa",
        Observações: "Observações",
      },
      empty: "skip",
    });
    const check = await runCliInProcess(["validate", "--source", source, "--mapping", "mapping.json", "--json"], {
      cwd: dir,
    });
    expect(JSON.parse(check.stdout)).toMatchObject({ counts: { total: 50, invalid: 2, duplicate: 1 } });
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
    expect(JSON.parse(readFileSync(join(dir, "m.json"), "utf8"))).toMatchObject({
      phone: { column: "Celular (WhatsApp)" },
      name: "Nome",
      custom_fields: { Plano: "Plano" },
    });
  });

  it("warns when no column looks like a phone (uses the first column)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cgs-init-"));
    writeFileSync(join(dir, "in.csv"), "Contato,Empresa\n");
    const r = await runCliInProcess(["init", "--source", "in.csv"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: no column looks like a phone number; edit "phone" in mapping.json.');
    expect(existsSync(join(dir, "mapping.json"))).toBe(true);
  });
});
