import { existsSync, readdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const ROWS = 8;
const numbers = Array.from({ length: ROWS }, (_, i) => `5511978${String(700001 + i)}`);

/** A first run that adds a note to each of ROWS existing chats; returns the command and the journal's path. */
async function firstRun() {
  env = await createSyncEnv({ existingChats: numbers });
  const csv = ["Telefone,Nome,Etapa", ...numbers.map((n, i) => `${n},Pessoa ${i},e${i}`)].join("\n");
  const source = env.csv("l.csv", `${csv}\n`);
  const mapping = env.mapping("m.json", {
    phone: "Telefone",
    name: "Nome",
    custom_fields: { Etapa: "Etapa" },
    note: { template: "Importado da planilha ({{Etapa}})" },
  });
  const state = join(env.dir, "state.ndjson");
  const args = ["sync", "--source", source, "--mapping", mapping, "--state", state, "--rate", "0"];
  const first = await runCliInProcess(args, { env: env.env, cwd: env.dir });
  expect(first.code, first.stderr).toBe(0);
  expect(env.mock.state().requests.byAction.note_add).toBe(ROWS);
  return { args, state };
}

const notes = () => env.mock.state().chats.reduce((n, c) => n + c.notes.length, 0);

describe("a journal whose records are gone is refused, never a fresh start", () => {
  it("an emptied (0-byte) journal: exit 2 naming the file and what to do, nothing sent, the file untouched", async () => {
    const { args, state } = await firstRun();
    const before = env.mock.state().requests.total;
    truncateSync(state, 0);
    const run = await runCliInProcess(args, { env: env.env, cwd: env.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(state);
    expect(run.stderr).toMatch(/is empty/);
    expect(run.stderr).toMatch(/--new-journal/);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(env.mock.state().requests.total).toBe(before);
    expect(readdirSync(env.dir).filter((f) => f.startsWith("state.ndjson"))).toContain("state.ndjson");
    // A dry run says the same.
    const dry = await runCliInProcess([...args, "--dry-run"], { env: env.env, cwd: env.dir });
    expect(dry.code).toBe(2);
    expect(dry.stderr).toMatch(/STATE_LOST|is empty/);
    // Blank lines only: the same.
    writeFileSync(state, "\n\n");
    expect((await runCliInProcess(args, { env: env.env, cwd: env.dir })).code).toBe(2);
    expect(notes()).toBe(ROWS);
  });

  it("a deleted journal whose learnt file remains beside it: exit 2; --new-journal starts over knowingly", async () => {
    const { args, state } = await firstRun();
    expect(existsSync(`${state}.learnt.json`)).toBe(true);
    rmSync(state);
    const run = await runCliInProcess(args, { env: env.env, cwd: env.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is missing/);
    expect(run.stderr).toContain("state.ndjson.learnt.json");
    expect(notes()).toBe(ROWS);
    const dry = await runCliInProcess([...args, "--dry-run"], { env: env.env, cwd: env.dir });
    expect(dry.code).toBe(2);

    // The person accepts it: a new journal, and the notes go again (they said so).
    const again = await runCliInProcess([...args, "--new-journal"], { env: env.env, cwd: env.dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/new journal/);
    expect(existsSync(state)).toBe(true);
    expect(notes()).toBe(2 * ROWS);
    // From then on it is a journal like any other: nothing is sent twice more.
    const after = await runCliInProcess(args, { env: env.env, cwd: env.dir });
    expect(after.code).toBe(0);
    expect(notes()).toBe(2 * ROWS);
  });
});
