import { afterEach, describe, expect, it } from "vitest";
import type { MockState } from "../../src/chatguru/mock/mock-server.js";
import type { SyncEvent } from "../../src/engine/shared/events.js";
import { sync } from "../../src/sync.js";
import { createSyncEnv, FAST, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const ROWS = 40;
const numberOf = (i: number) => `5511975${String(400001 + i)}`;

function campaign(extraColumns = ""): string {
  const lines = [`Telefone,Nome,Etapa${extraColumns ? `,${extraColumns}` : ""}`];
  for (let i = 0; i < ROWS; i++) {
    const extra = extraColumns ? `,https://cdn.example.com/b${i}.pdf` : "";
    lines.push(`${numberOf(i)},Pessoa ${i},etapa-${i}${extra}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Numbers whose `action` the mock carried out and then answered with a 5xx. */
function appliedThenFailed(state: MockState, action: string): Set<string> {
  return new Set(
    state.log.filter((e) => e.action === action && e.fault === "apply-then-fail").map((e) => e.chatNumber!),
  );
}

function sendsPerChat(state: MockState, via: "message_send" | "message_file_send"): Map<string, number> {
  return new Map(state.chats.map((c) => [c.number, c.sentMessages.filter((m) => m.via === via).length]));
}

describe("a send answered 500/502/504 after ChatGuru carried it out", () => {
  it("30 % of message_send applied-then-500: no chat gets 2 messages, those rows say uncertain, a re-run resends none", async () => {
    env = await createSyncEnv({
      applyThenFailRate: 0.3,
      applyThenFailActions: ["message_send"],
      applyThenFailStatuses: [500],
      seed: 11,
    });
    const options = {
      source: env.csv("l.csv", campaign()),
      mapping: env.mapping("m.json", {
        phone: "Telefone",
        name: "Nome",
        custom_fields: { Etapa: "Etapa" },
        message: { text: { template: "Olá {{Nome}}, seu boleto chegou" } },
      }),
      connection: env.connection,
      cwd: env.dir,
      ...FAST,
    };
    const events: SyncEvent[] = [];
    const report = await sync({ ...options, onEvent: (e) => events.push(e) });
    const state = env.mock.state();
    const faulted = appliedThenFailed(state, "message_send");
    // The summary says how many of the messages sent are uncertain.
    expect(events.find((e) => e.type === "messages-sent")).toMatchObject({ sent: ROWS, uncertain: faulted.size });
    expect(faulted.size).toBeGreaterThan(5);
    for (const [number, count] of sendsPerChat(state, "message_send")) expect(count, number).toBeLessThanOrEqual(1);
    // Every message went out exactly once: the faulted ones too (the mock carried them out).
    expect(state.chats.every((c) => c.sentMessages.filter((m) => m.via === "message_send").length === 1)).toBe(true);
    expect(state.requests.byAction.message_send).toBe(ROWS);

    const results = env.results(report.results!);
    for (const row of results) {
      const uncertain = faulted.has(row.Telefone!);
      expect(row.chatguru_status, `row ${row.Telefone}`).toBe(uncertain ? "failed" : "created");
      if (uncertain) {
        expect(row.chatguru_error).toMatch(/MESSAGE_UNCERTAIN|may or may not have reached/);
        expect(row.chatguru_message_status).toBe("uncertain");
      }
    }
    expect(report.counts.failed).toBe(faulted.size);
    expect(report.exitCode).toBe(1);

    // The person re-runs (plain, then --full): the uncertain messages are never sent again.
    env.mock.configure({ applyThenFailRate: 0 });
    await sync(options);
    await sync({ ...options, full: true });
    const after = env.mock.state();
    expect(after.requests.byAction.message_send).toBe(ROWS);
    for (const [number, count] of sendsPerChat(after, "message_send")) expect(count, number).toBe(1);
  }, 60_000);

  it("files, dialogs and a chat_add with visible text answered 502/504 after being applied are not resent either", async () => {
    env = await createSyncEnv({
      applyThenFailRate: 0.3,
      applyThenFailActions: ["message_file_send", "dialog_execute", "chat_add"],
      applyThenFailStatuses: [502, 504],
      dialogContextQuirk: false,
      // The mock refuses dialog ids its account does not have.
      dialogs: ["dlg-boas-vindas"],
      seed: 5,
    });
    const report = await sync({
      source: env.csv("l.csv", campaign("Boleto")),
      mapping: env.mapping("m.json", {
        phone: "Telefone",
        name: "Nome",
        chat_add: { text: { template: "Oi {{Nome}}!" } },
        custom_fields: { Etapa: "Etapa" },
        dialog_execute: { dialog_id: { value: "dlg-boas-vindas" } },
        file: { url: "Boleto" },
      }),
      connection: env.connection,
      cwd: env.dir,
      ...FAST,
    });
    const state = env.mock.state();
    for (const action of ["message_file_send", "dialog_execute", "chat_add"])
      expect(appliedThenFailed(state, action).size, action).toBeGreaterThan(0);
    for (const [number, adds] of Object.entries(state.chatAddsByNumber)) expect(adds, `chat_add ${number}`).toBe(1);
    for (const chat of state.chats) {
      expect(chat.dialogs.length, `dialogs of ${chat.number}`).toBeLessThanOrEqual(1);
      expect(chat.sentMessages.filter((m) => m.via === "chat_add").length).toBe(1);
      expect(chat.sentMessages.filter((m) => m.via === "message_file_send").length).toBeLessThanOrEqual(1);
    }
    const uncertain = new Set([
      ...appliedThenFailed(state, "message_file_send"),
      ...appliedThenFailed(state, "dialog_execute"),
    ]);
    const results = env.results(report.results!);
    for (const number of uncertain) {
      const row = results.find((r) => r.Telefone === number)!;
      expect(row.chatguru_status, number).toBe("failed");
      expect(row.chatguru_error, number).toMatch(/may or may not have reached/);
    }
    for (const number of appliedThenFailed(state, "chat_add")) {
      const row = results.find((r) => r.Telefone === number)!;
      // The lost add was checked by an update (the chat exists), never sent again; what follows it may be held.
      expect(["created", "failed", "pending"], number).toContain(row.chatguru_status);
      expect(row.chatguru_chat_number, number).toBe(number);
    }
  }, 60_000);
});
