import { afterEach, describe, expect, it } from "vitest";
import { createChatGuruClient } from "../../src/chatguru/client.js";
import { ChatGuruTimeoutError } from "../../src/chatguru/errors.js";
import type { ChatGuruClient } from "../../src/chatguru/types.js";
import { sync } from "../../src/sync.js";
import { createSyncEnv, FAST, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const MAPPING = {
  phone: "Telefone",
  name: "Nome",
  mode: "update",
  custom_fields: { Etapa: "Etapa" },
  note: { template: "Importado: {{Nome}}" },
};

function rows(n: number): { csv: string; numbers: string[] } {
  const lines = ["Telefone,Nome,Etapa"];
  const numbers: string[] = [];
  for (let i = 0; i < n; i++) {
    const number = `55119${String(70000000 + i)}`;
    lines.push(`${number},Pessoa ${i},etapa-${i}`);
    numbers.push(number);
  }
  return { csv: `${lines.join("\n")}\n`, numbers };
}

/** A client whose first `note_add` per number is lost: applied by ChatGuru (or not), then the answer never comes. */
function losingFirstNote(inner: ChatGuruClient, applied: boolean): ChatGuruClient & { lost: number } {
  const seen = new Set<string>();
  const wrapper = {
    lost: 0,
    async call(action: string, params: Record<string, string>, options?: Parameters<ChatGuruClient["call"]>[2]) {
      if (action === "note_add" && !seen.has(params.chat_number!)) {
        seen.add(params.chat_number!);
        wrapper.lost += 1;
        if (applied) await inner.call(action, params, options);
        throw new ChatGuruTimeoutError({ action, endpoint: "http://127.0.0.1/api/v1", timeoutMs: 1 });
      }
      return inner.call(action, params, options);
    },
    close: () => inner.close(),
  };
  return wrapper;
}

describe("a note whose answer was lost is sent again: at-least-once", () => {
  for (const applied of [false, true]) {
    it(`lost answer (${applied ? "note applied" : "note not applied"}): every chat ends with its note`, async () => {
      const { csv, numbers } = rows(6);
      env = await createSyncEnv({ existingChats: numbers });
      const inner = createChatGuruClient(env.connection);
      const client = losingFirstNote(inner, applied);
      try {
        const report = await sync({
          source: env.csv("l.csv", csv),
          mapping: env.mapping("m.json", MAPPING),
          connection: env.connection,
          client,
          cwd: env.dir,
          ...FAST,
        });
        expect(client.lost).toBe(6);
        expect(report.counts).toMatchObject({ updated: 6, failed: 0 });
        for (const [i, number] of numbers.entries()) {
          const notes = env.mock.state().chats.find((c) => c.number === number)!.notes;
          // Never missing; a duplicate is the accepted price when ChatGuru saved the note before the answer was lost.
          expect(notes).toEqual(Array(applied ? 2 : 1).fill(`Importado: Pessoa ${i}`));
        }
      } finally {
        inner.close();
      }
    });
  }

  it("under resets and timeouts no row says `updated` without its note, and a re-run fills every gap", async () => {
    const { csv, numbers } = rows(40);
    env = await createSyncEnv({ existingChats: numbers, resetRate: 0.3, timeoutRate: 0.05, seed: 11 });
    const source = env.csv("l.csv", csv);
    const mapping = env.mapping("m.json", MAPPING);
    const run = () =>
      sync({
        source,
        mapping,
        connection: { ...env.connection, timeoutMs: 400 },
        cwd: env.dir,
        ...FAST,
        concurrency: 6,
      });
    const first = await run();
    const results = env.results(first.results!);
    const notesOf = (number: string) => env.mock.state().chats.find((c) => c.number === number)!.notes;
    results.forEach((row, i) => {
      expect(["updated", "failed"], `row ${i + 2}`).toContain(row.chatguru_status);
      if (row.chatguru_status === "updated")
        expect(notesOf(numbers[i]!), `row ${i + 2}`).toContain(`Importado: Pessoa ${i}`);
    });

    env.mock.configure({ resetRate: 0, timeoutRate: 0 });
    const again = await run();
    expect(again.counts.failed).toBe(0);
    numbers.forEach((number, i) => expect(notesOf(number), `row ${i + 2}`).toContain(`Importado: Pessoa ${i}`));
  }, 60_000);
});
