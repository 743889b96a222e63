import { afterEach, describe, expect, it } from "vitest";
import { createChatGuruClient } from "../../src/chatguru/client.js";
import type { ChatGuruClient } from "../../src/chatguru/types.js";
import { sync } from "../../src/sync.js";
import { createSyncEnv, FAST, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const MAPPING = { phone: "Telefone", name: "Nome", custom_fields: { Etapa: "Etapa" } };

/** Interrupts the run (as SIGINT does) the moment ChatGuru says an add is done: its follow-up never starts. */
function interruptingOnDone(inner: ChatGuruClient, controller: AbortController): ChatGuruClient {
  return {
    async call(action, params, options) {
      const response = await inner.call(action, params, options);
      if (action === "chat_add_status" && String(response.chat_add_status) === "done") controller.abort();
      return response;
    },
    close: () => inner.close(),
  };
}

describe("interrupt: a row whose add finished but whose update did not start", () => {
  it("shows `pending` with its chat_add_id and number, never a blank row; the next run finishes it", async () => {
    env = await createSyncEnv({});
    const lines = ["Telefone,Nome,Etapa"];
    for (let i = 0; i < 8; i++) lines.push(`5511970${100001 + i},P${i},e${i}`);
    const source = env.csv("l.csv", `${lines.join("\n")}\n`);
    const mapping = env.mapping("m.json", MAPPING);
    const controller = new AbortController();
    const inner = createChatGuruClient(env.connection);
    try {
      const report = await sync({
        source,
        mapping,
        connection: env.connection,
        client: interruptingOnDone(inner, controller),
        signal: controller.signal,
        cwd: env.dir,
        ...FAST,
      });
      expect(report.exitCode).toBe(130);
      const results = env.results(report.results!);
      const chats = env.mock.state().chats;
      expect(chats.length).toBeGreaterThan(0);
      for (const chat of chats) {
        const row = results.find((x) => x.Telefone === chat.number)!;
        expect(["created", "pending"], `row of ${chat.number}`).toContain(row.chatguru_status);
        expect(row.chatguru_chat_add_id, `row of ${chat.number}`).toMatch(/^[0-9a-f]{24}$/);
      }
      const pendingDone = results.find((x) => x.chatguru_status === "pending" && x.chatguru_chat_number !== "");
      expect(pendingDone?.chatguru_error).toMatch(/interrupted/i);
    } finally {
      inner.close();
    }
    const again = await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST });
    expect(again.counts.failed).toBe(0);
    expect(env.mock.state().requests.byAction.chat_add).toBe(8);
    for (const chat of env.mock.state().chats) expect(chat.fields.field__Etapa).toMatch(/^e\d$/);
  });
});
