import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createChatGuruClient } from "../../src/chatguru/client.js";
import { ChatGuruAuthError } from "../../src/chatguru/errors.js";
import type { ChatGuruClient } from "../../src/chatguru/types.js";
import { sync } from "../../src/sync.js";
import { createSyncEnv, FAST, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const MAPPING = { phone: "Telefone", name: "Nome", custom_fields: { Etapa: "Etapa" } };
const number = (i: number) => `5511975${String(400001 + i)}`;

/** 40 good rows, then a bad phone and a repeat of row 2: rows a stopped run never gets to. */
function leads(etapa: string): string {
  const lines = ["Telefone,Nome,Etapa"];
  for (let i = 0; i < 40; i++) lines.push(`${number(i)},P${i},${etapa}`);
  lines.push("123,Curto,x", `${number(0)},De novo,x`);
  return `${lines.join("\n")}\n`;
}

const files = (dir: string) => ["l.results.csv", "l.errors.csv"].map((f) => join(dir, f));
const read = (paths: string[]) => paths.map((p) => (existsSync(p) ? readFileSync(p, "utf8") : undefined));

describe("an outage changes no result a row already had (a run that reached no row)", () => {
  it("--full against a stopped server (exit 3 after refused connections): results and errors files unchanged", async () => {
    env = await createSyncEnv();
    const source = env.csv("l.csv", leads("novo"));
    const mapping = env.mapping("m.json", MAPPING);
    const first = await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST });
    expect(first.counts).toMatchObject({ created: 40, invalid: 1, duplicate: 1 });
    const before = read(files(env.dir));
    expect(before.every((text) => text !== undefined)).toBe(true);

    await env.mock.close();
    const warnings: string[] = [];
    const down = await sync({
      source,
      mapping,
      connection: env.connection,
      cwd: env.dir,
      full: true,
      ...FAST,
      concurrency: 1,
      onEvent: (e) => void (e.type === "warning" && warnings.push(e.message)),
    });
    expect(down.exitCode).toBe(3);
    expect(down.resultsKept).toBe(true);
    expect(read(files(env.dir))).toEqual(before);
    expect(warnings.join("\n")).toMatch(/results were left as they were/);
  });

  it("a wrong key on a fresh folder writes no results and no errors file (no blank statuses)", async () => {
    env = await createSyncEnv();
    const source = env.csv("l.csv", leads("novo"));
    const mapping = env.mapping("m.json", MAPPING);
    const report = await sync({
      source,
      mapping,
      connection: { ...env.connection, key: "wrong-key" },
      cwd: env.dir,
      ...FAST,
    });
    expect(report.exitCode).toBe(3);
    expect(report.error?.code).toBe("CHATGURU_AUTH");
    expect(read(files(env.dir))).toEqual([undefined, undefined]);
  });

  it("a wrong key after a good run leaves both files as they were", async () => {
    env = await createSyncEnv();
    const source = env.csv("l.csv", leads("novo"));
    const mapping = env.mapping("m.json", MAPPING);
    await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST });
    const before = read(files(env.dir));
    env.csv("l.csv", leads("cliente"));
    const report = await sync({
      source,
      mapping,
      connection: { ...env.connection, key: "wrong" },
      cwd: env.dir,
      ...FAST,
    });
    expect(report.exitCode).toBe(3);
    expect(read(files(env.dir))).toEqual(before);
  });

  it("a run that reached some rows, then stopped: rows it never got to are not labelled by it", async () => {
    env = await createSyncEnv();
    const source = env.csv("l.csv", leads("novo"));
    const mapping = env.mapping("m.json", MAPPING);
    await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST });
    env.csv("l.csv", leads("cliente"));
    const inner = createChatGuruClient(env.connection);
    let updates = 0;
    // The credentials are revoked after 3 updates: the run stops with rows 5.. not reached.
    const revoked: ChatGuruClient = {
      async call(action, params, options) {
        if (action === "chat_update_custom_fields" && ++updates > 3) {
          throw new ChatGuruAuthError({ action, httpStatus: 400, description: "key inválida" });
        }
        return await inner.call(action, params, options);
      },
      close: () => inner.close(),
    };
    try {
      const report = await sync({
        source,
        mapping,
        client: revoked,
        connection: env.connection,
        cwd: env.dir,
        ...FAST,
        concurrency: 1,
      });
      expect(report.exitCode).toBe(3);
      expect(report.counts.updated).toBe(3);
    } finally {
      inner.close();
    }
    const rows = env.results(join(env.dir, "l.results.csv"));
    expect(rows.slice(0, 3).map((r) => r.chatguru_status)).toEqual(["updated", "updated", "updated"]);
    // Not reached: their last result from the journal — never a blank.
    expect(rows.slice(4, 40).every((r) => r.chatguru_status === "created")).toBe(true);
    // Known without a request: still invalid and duplicate — not blank, not the first row's `created`.
    expect(rows[40]!.chatguru_status).toBe("invalid");
    expect(rows[41]!.chatguru_status).toBe("duplicate");
    expect(readFileSync(join(env.dir, "l.errors.csv"), "utf8")).toMatch(/ROW_PHONE_INVALID[\s\S]*ROW_DUPLICATE_KEY/);
  });
});
