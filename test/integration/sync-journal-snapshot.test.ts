import { readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sync } from "../../src/sync.js";
import { createSyncEnv, FAST, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const ROWS = 1_500;
const number = (i: number) => `55119${String(1_000_000 + i).padStart(7, "0")}1`;
const csv = (edit?: number) =>
  "Telefone,Etapa\n" +
  Array.from({ length: ROWS }, (_, i) => `${number(i)},${i === edit ? "editada" : `etapa ${i % 5}`}`).join("\n") +
  "\n";

describe("re-runs opened from the journal's snapshot", () => {
  it("sends nothing for unchanged rows, one update for an edited one, and keeps every row's results", async () => {
    const numbers = Array.from({ length: ROWS }, (_, i) => number(i));
    env = await createSyncEnv({ existingChats: numbers });
    const mapping = env.mapping("m.json", { phone: "Telefone", custom_fields: { Etapa: "Etapa" }, mode: "update" });
    const source = env.csv("l.csv", csv());
    const options = { source, mapping, connection: env.connection, cwd: env.dir, ...FAST, concurrency: 16 };
    expect((await sync(options)).counts.updated).toBe(ROWS);
    const stateDir = path.join(env.dir, ".chatguru-sync");
    expect(readdirSync(stateDir).filter((f) => f.endsWith(".ndjson.snap"))).toHaveLength(1);

    const again = await sync(options);
    expect(again.counts.unchanged).toBe(ROWS);
    expect(again.requests.total).toBe(0);
    const rows = env.results(again.results!);
    expect(rows).toHaveLength(ROWS);
    expect(rows[321]).toMatchObject({ chatguru_status: "unchanged", chatguru_chat_number: number(321) });
    expect(rows[321]!.chatguru_synced_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);

    env.csv("l.csv", csv(700));
    const edited = await sync(options);
    expect(edited.counts).toMatchObject({ updated: 1, unchanged: ROWS - 1 });
    expect(edited.requests.byAction).toEqual({ chat_update_custom_fields: 1 });
    expect(env.mock.state().chats.find((c) => c.number === number(700))?.fields.field__Etapa).toBe("editada");

    // The edit is a line after the snapshot: replayed on top of it, it makes the next run send nothing again.
    const last = await sync(options);
    expect(last.counts.unchanged).toBe(ROWS);
    expect(last.requests.total).toBe(0);
  });
});
