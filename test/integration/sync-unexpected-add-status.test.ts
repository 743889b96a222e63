import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { SyncEvent } from "../../src/engine/shared/events.js";
import { sync } from "../../src/sync.js";
import { FAST } from "../helpers/sync-env.js";
import { failure, startScriptedServer, success, type ScriptedServer } from "../helpers/scripted-chatguru.js";

/**
 * The value set of chat_add_status is an open question (integrators saw pending, done, fetched and error).
 * A value outside it is not final: the add id is kept and the row ends `pending`, never failed nor re-added.
 */

let server: ScriptedServer | undefined;
afterEach(async () => server?.close());

const MAPPING = { phone: "Telefone", name: "Nome", custom_fields: { Etapa: "Etapa" } };
const CREDS = { key: "unit-key-not-real", accountId: "acc-1", phoneId: "ph-1" };

async function run(addStatus: string, pollStatus: string) {
  server = await startScriptedServer(({ action }) => {
    if (action === "chat_update_custom_fields") return failure("Chat não encontrado.");
    if (action === "chat_add")
      return success({ description: "ok", chat_add_id: "add-0001", chat_add_status: addStatus }, 201);
    if (action === "chat_add_status")
      return success({ chat_add_id: "add-0001", chat_add_status: pollStatus, chat_add_status_description: "" });
    return failure(`unexpected action ${action}`);
  });
  const dir = mkdtempSync(join(tmpdir(), "cgs-addstatus-"));
  const source = join(dir, "l.csv");
  writeFileSync(source, "Telefone,Nome,Etapa\n11987654321,Ana,novo\n");
  const mapping = join(dir, "m.json");
  writeFileSync(mapping, JSON.stringify(MAPPING));
  const events: SyncEvent[] = [];
  const options = {
    source,
    mapping,
    connection: { apiUrl: server.url, ...CREDS, timeoutMs: 2_000 },
    cwd: dir,
    ...FAST,
    addTimeoutSeconds: 0.4,
    onEvent: (e: SyncEvent) => events.push(e),
  };
  const report = await sync(options);
  return { report, events, options, dir };
}

function warnings(events: SyncEvent[]): string[] {
  return events.flatMap((e) => (e.type === "warning" ? [e.message] : []));
}

describe("an unexpected chat_add_status value", () => {
  it("chat_add answered `queued` with an id: the id is journaled and in the results, the row ends pending", async () => {
    const { report, events } = await run("queued", "queued");
    expect(report.counts).toMatchObject({ total: 1, pending: 1, failed: 0 });
    const journal = readFileSync(report.state!, "utf8");
    expect(journal).toContain('"chatAddId":"add-0001"');
    expect(journal).not.toContain('"addStatus":"uncertain"');
    const results = readFileSync(report.results!, "utf8");
    expect(results).toContain("add-0001");
    expect(results).toContain("pending");
    expect(results).not.toContain("CHATGURU_BAD_RESPONSE");
    expect(results).not.toContain("CHATGURU_API_URL");
    // It kept polling until --add-timeout, not one poll and out.
    expect(server!.requests.filter((r) => r.action === "chat_add_status").length).toBeGreaterThan(1);
    expect(server!.requests.filter((r) => r.action === "chat_add")).toHaveLength(1);
    expect(warnings(events).join("\n")).toMatch(/"queued"/);
  });

  it("a poll answering `success` keeps the row pending (with a warning), and a re-run polls, never re-adds", async () => {
    const first = await run("pending", "success");
    expect(first.report.counts).toMatchObject({ pending: 1, failed: 0 });
    expect(warnings(first.events).join("\n")).toMatch(/"success"/);
    expect(readFileSync(first.report.state!, "utf8")).toContain('"chatAddId":"add-0001"');
    const polls = server!.requests.filter((r) => r.action === "chat_add_status").length;
    expect(polls).toBeGreaterThan(1);

    const again = await sync(first.options);
    expect(again.counts).toMatchObject({ pending: 1, failed: 0 });
    expect(server!.requests.filter((r) => r.action === "chat_add")).toHaveLength(1);
    expect(server!.requests.filter((r) => r.action === "chat_add_status").length).toBeGreaterThan(polls);
  });
});

/**
 * A server whose adds answer `success` (a word integrators never saw) for as long as they are polled. `visible`: the
 * chat exists from the add on (its fields are taken), or never does ("Chat não encontrado.").
 */
async function neverDocumented(visible: boolean) {
  const chats = new Set<string>();
  server = await startScriptedServer(({ action, params }) => {
    const number = params.get("chat_number") ?? "";
    if (action === "chat_update_custom_fields")
      return chats.has(number) ? success({ chat_id: `c${number}` }) : failure("Chat não encontrado.");
    if (action === "chat_add") {
      if (visible) chats.add(number);
      return success({ chat_add_id: `add-${number}`, chat_add_status: "success" }, 201);
    }
    if (action === "chat_add_status")
      return success({ chat_add_id: params.get("chat_add_id"), chat_add_status: "success" });
    return failure(`unexpected action ${action}`);
  });
  const dir = mkdtempSync(join(tmpdir(), "cgs-addwords-"));
  const lines = ["Telefone,Nome,Etapa", ...Array.from({ length: 8 }, (_, i) => `1198765${4000 + i},P${i},novo`)];
  writeFileSync(join(dir, "l.csv"), `${lines.join("\n")}\n`);
  writeFileSync(join(dir, "m.json"), JSON.stringify(MAPPING));
  return { dir, source: join(dir, "l.csv"), mapping: join(dir, "m.json") };
}

describe("undocumented chat_add_status words do not stall the run", () => {
  it("adds answered `success` whose chats exist: the fields find them, every row is created, no add waits out its timeout", async () => {
    const { dir, source, mapping } = await neverDocumented(true);
    const events: SyncEvent[] = [];
    const report = await sync({
      source,
      mapping,
      connection: { apiUrl: server!.url, ...CREDS, timeoutMs: 2_000 },
      cwd: dir,
      ...FAST,
      concurrency: 2,
      // Far beyond the test's timeout: waiting on any add until then fails the test.
      addTimeoutSeconds: 600,
      onEvent: (e) => events.push(e),
    });
    expect(report.counts).toMatchObject({ total: 8, created: 8, pending: 0, failed: 0 });
    expect(server!.requests.filter((r) => r.action === "chat_add")).toHaveLength(8);
    expect(warnings(events).join("\n")).toMatch(/"success".*the chat exists/);
    const results = readFileSync(report.results!, "utf8");
    expect(results.match(/created/g)).toHaveLength(8);
  }, 20_000);

  it("adds answered `success` whose chats never appear: every add goes out at once, none holds the run for the others", async () => {
    const { dir, source, mapping } = await neverDocumented(false);
    let addsAtFirstEnd: number | undefined;
    const report = await sync({
      source,
      mapping,
      connection: { apiUrl: server!.url, ...CREDS, timeoutMs: 2_000 },
      cwd: dir,
      ...FAST,
      concurrency: 1,
      addTimeoutSeconds: 3,
      onEvent: (e) => {
        if (e.type === "row" && addsAtFirstEnd === undefined)
          addsAtFirstEnd = server!.requests.filter((r) => r.action === "chat_add").length;
      },
    });
    expect(report.counts).toMatchObject({ total: 8, pending: 8, failed: 0 });
    // Before any add reached its --add-timeout, all eight had been sent (a gate letting one through per timeout would stall them).
    expect(addsAtFirstEnd).toBe(8);
    // Each add was looked for by its fields a bounded number of times (two number forms per look).
    const updates = server!.requests.filter((r) => r.action === "chat_update_custom_fields").length;
    expect(updates).toBeLessThanOrEqual(8 * (2 + 3 * 2));
  }, 20_000);
});
