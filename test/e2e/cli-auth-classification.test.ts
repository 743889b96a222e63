import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli.js";
import { failure, startScriptedServer, type ScriptedServer } from "../helpers/scripted-chatguru.js";

/** Through the CLI: a field named like a credential fails its rows, it does not abort the run. */

let server: ScriptedServer | undefined;
afterEach(async () => server?.close());

async function syncAgainst(field: string, description: string) {
  server = await startScriptedServer(() => failure(description));
  const dir = mkdtempSync(join(tmpdir(), "cgs-auth-"));
  writeFileSync(join(dir, "l.csv"), `Telefone,Nome,Valor\n11987654321,Ana,a\n11987654322,Bia,b\n11987654323,Cris,c\n`);
  writeFileSync(
    join(dir, "m.json"),
    JSON.stringify({ phone: "Telefone", name: "Nome", mode: "update", custom_fields: { [field]: "Valor" } }),
  );
  const env = {
    CHATGURU_API_URL: server.url,
    CHATGURU_API_KEY: "cli-key-not-real",
    CHATGURU_ACCOUNT_ID: "acc",
    CHATGURU_PHONE_ID: "ph",
  };
  const r = await runCliInProcess(["sync", "--source", "l.csv", "--mapping", "m.json", "--rate", "0"], {
    env,
    cwd: dir,
  });
  const results = join(dir, "l.results.csv");
  return { ...r, results: () => readFileSync(results, "utf8"), hasResults: () => existsSync(results) };
}

describe("credential classification through the CLI", () => {
  it("a field named like a credential that the account lacks is a configuration error (exit 3), not 'rejected the credentials'", async () => {
    const r = await syncAgainst(
      "Chave PIX inválida",
      "Nenhum campo personalizado encontrado com o nome Chave_PIX_invalida",
    );
    expect(r.stderr).not.toMatch(/rejected the credentials/);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('ChatGuru does not know the custom field "Chave PIX inválida"');
    // The three rows were already in flight (--concurrency 4): each fails as a field error…
    expect(server!.requests).toHaveLength(3);
    expect(r.stderr).toMatch(/Rows 2, 3, 4: failed/);
    // …and ChatGuru changed nothing for any of them: no results file is written for that.
    expect(r.hasResults()).toBe(false);
  });

  it.each([
    ["API key do cliente", "Campo API_key_do_cliente não informado"],
    ["Chave de acesso", "Chave de acesso inválida"],
  ])(
    "field %j answered %j: every row fails as a field error, exit 1, not 'rejected the credentials'",
    async (field, d) => {
      const r = await syncAgainst(field, d);
      expect(r.stderr).not.toMatch(/rejected the credentials/);
      expect(r.code).toBe(1);
      expect(server!.requests).toHaveLength(3);
      expect(r.results().match(/failed/g)).toHaveLength(3);
    },
  );

  it("ChatGuru's own credential message still aborts the run with exit 3", async () => {
    const r = await syncAgainst("Chave PIX", "key inválida");
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/rejected the credentials/);
  });
});
