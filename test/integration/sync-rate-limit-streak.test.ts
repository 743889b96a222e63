import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sync } from "../../src/sync.js";
import { FAST } from "../helpers/sync-env.js";
import { failure, startScriptedServer, type ScriptedServer } from "../helpers/scripted-chatguru.js";

/**
 * With --rate 0 and many workers against a rate-limited server, most requests get 429 but some are
 * answered (`Chat não encontrado.`). Those answers prove the server lets requests through: the run must not abort
 * as "429 N times in a row".
 */

let server: ScriptedServer | undefined;
afterEach(async () => server?.close());

describe("a server that answers 429 to most requests but not all", () => {
  it("does not abort the run: every row gets its real answer", async () => {
    server = await startScriptedServer(({ index }) =>
      index % 4 === 3
        ? failure("Chat não encontrado.")
        : {
            status: 429,
            body: { code: 429, result: "error", description: "Too many requests" },
            headers: { "Retry-After": "0" },
          },
    );
    const dir = mkdtempSync(join(tmpdir(), "cgs-429-"));
    const lines = ["Telefone,Nome,Etapa"];
    for (let i = 0; i < 10; i++) lines.push(`119${70000000 + i},Pessoa ${i},x`);
    writeFileSync(join(dir, "l.csv"), `${lines.join("\n")}\n`);
    writeFileSync(
      join(dir, "m.json"),
      JSON.stringify({ phone: "Telefone", name: "Nome", mode: "update", custom_fields: { Etapa: "Etapa" } }),
    );
    const report = await sync({
      source: join(dir, "l.csv"),
      mapping: join(dir, "m.json"),
      connection: { apiUrl: server.url, key: "rl-key-not-real", accountId: "a", phoneId: "p", timeoutMs: 2_000 },
      cwd: dir,
      ...FAST,
      rate: Infinity,
      concurrency: 16,
      retryPolicy: { ...FAST.retryPolicy, maxConsecutiveRateLimits: 20 },
    });
    expect(report.counts).toMatchObject({ total: 10, failed: 10 });
    const results = readFileSync(report.results!, "utf8");
    expect(results.match(/CHATGURU_CHAT_NOT_FOUND/g)).toHaveLength(10);
    expect(results).not.toContain("times in a row");
    // More 429s were answered in total than the limit: only a streak may stop a run.
    expect(server.requests.length - 20).toBeGreaterThan(20);
  }, 30_000);
});
