import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli.js";
import {
  failure,
  startScriptedServer,
  success,
  type ScriptedAnswer,
  type ScriptedServer,
} from "../helpers/scripted-chatguru.js";

/** Answers ChatGuru (or what stands in front of it) gives that are not a row's problem: a moved host, throttling. */

let server: ScriptedServer | undefined;
afterEach(async () => server?.close());

const ROWS = 6;

async function syncAgainst(answer: (index: number) => ScriptedAnswer, extra: string[] = []) {
  server = await startScriptedServer((request) => answer(request.index));
  const dir = mkdtempSync(join(tmpdir(), "cgs-transport-"));
  const lines = ["Telefone,Nome,Etapa"];
  for (let i = 0; i < ROWS; i++) lines.push(`1198765${String(4300 + i)},Pessoa ${i},e${i}`);
  writeFileSync(join(dir, "l.csv"), `${lines.join("\n")}\n`);
  writeFileSync(
    join(dir, "m.json"),
    JSON.stringify({ phone: "Telefone", name: "Nome", mode: "update", custom_fields: { Etapa: "Etapa" } }),
  );
  const env = {
    CHATGURU_API_URL: server.url,
    CHATGURU_API_KEY: "cli-key-not-real",
    CHATGURU_ACCOUNT_ID: "acc",
    CHATGURU_PHONE_ID: "ph",
  };
  const r = await runCliInProcess(["sync", "--source", "l.csv", "--mapping", "m.json", "--rate", "0", ...extra], {
    env,
    cwd: dir,
  });
  return { ...r, dir, env, results: () => readFileSync(join(dir, "l.results.csv"), "utf8") };
}

const moved: ScriptedAnswer = {
  status: 301,
  body: "<html><head><title>301 Moved Permanently</title></head><body>nginx</body></html>",
  headers: { Location: "https://s15.chatguru.app/api/v1", "Content-Type": "text/html" },
};

describe("a 3xx: the endpoint moved", () => {
  it("stops the sync at once (exit 3) naming the Location, instead of failing every row as 'not ChatGuru JSON'", async () => {
    const r = await syncAgainst(() => moved, ["--concurrency", "1"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("https://s15.chatguru.app/api/v1");
    expect(r.stderr).toMatch(/CHATGURU_API_URL/);
    expect(r.stderr).not.toMatch(/not ChatGuru JSON/);
    expect(r.stderr).not.toMatch(/internal error/);
    // One request, not one per row (nor 20 before "too many failures").
    expect(server!.requests).toHaveLength(1);
  });

  it("`call` does not follow it either: exit 3 and the Location", async () => {
    server = await startScriptedServer(() => moved);
    const r = await runCliInProcess(["call", "chat_add_status", "-p", "chat_add_id=1"], {
      env: {
        CHATGURU_API_URL: server.url,
        CHATGURU_API_KEY: "cli-key-not-real",
        CHATGURU_ACCOUNT_ID: "acc",
        CHATGURU_PHONE_ID: "ph",
      },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("moved to https://s15.chatguru.app/api/v1");
    expect(server.requests).toHaveLength(1);
  });
});

describe('throttling sent as HTTP 400 "Limite de requisições excedido"', () => {
  it("is a 429: the queue pauses and the rows go through, none failed and the run is not aborted", async () => {
    const throttled = failure("Limite de requisições excedido");
    // The first 21 answers are throttling (more than the 20 failures in a row that abort a run).
    const r = await syncAgainst(
      (index) =>
        index < 21
          ? { ...throttled, headers: { "Retry-After": "0" } }
          : success({ chat_id: "c1", description: "Campos personalizados foram salvos." }),
      ["--concurrency", "2"],
    );
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code, r.stderr).toBe(0);
    expect(r.results().match(/,updated,/g)).toHaveLength(ROWS);
    expect(r.results()).not.toMatch(/failed/);
  });
});
