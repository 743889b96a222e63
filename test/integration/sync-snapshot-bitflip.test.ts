import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { mulberry32 } from "../../src/chatguru/mock/mock-faults.js";
import { AT, HEADER_BYTES, layout } from "../../src/state/snapshot-format.js";
import { sync } from "../../src/sync.js";
import { createSyncEnv, FAST, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

// A snapshot is written for journals of 1 000+ rows.
const ROWS = 1_000;
const number = (i: number) => `55119${String(2_000_000 + i).padStart(7, "0")}1`;

/** Offsets in every part of the file: header fields, the records' words, the heap (keys, hashes, JSON), slots, meta. */
function offsets(snap: Buffer): number[] {
  const at = layout(snap.readUInt32LE(AT.count), snap.readDoubleLE(AT.heapBytes), snap.readUInt32LE(AT.slotCount));
  const random = mulberry32(2026);
  const within = (from: number, to: number, n: number) =>
    Array.from({ length: n }, () => from + Math.floor(random() * (to - from)));
  return [
    AT.count,
    AT.journalSize + 6,
    AT.fingerprint + 3,
    AT.checksum + 1,
    ...within(HEADER_BYTES, at.heap, 5),
    ...within(at.heap, at.slots, 10),
    ...within(at.slots, at.meta, 3),
    ...within(at.meta, snap.length, 3),
  ];
}

describe("a damaged journal snapshot (.snap) is never trusted", () => {
  it("a flipped bit anywhere in it: the journal is replayed, no note, message or field is sent again, exit 0", async () => {
    const numbers = Array.from({ length: ROWS }, (_, i) => number(i));
    env = await createSyncEnv({ existingChats: numbers });
    const csv = ["Telefone,Nome,Etapa", ...numbers.map((n, i) => `${n},Pessoa ${i},etapa ${i % 7}`)].join("\n");
    const options = {
      source: env.csv("l.csv", `${csv}\n`),
      mapping: env.mapping("m.json", {
        mode: "update",
        phone: "Telefone",
        name: "Nome",
        custom_fields: { Etapa: "Etapa" },
        note: { template: "Importado: {{Etapa}}" },
        message: { text: { template: "Olá {{Nome}}!" } },
      }),
      connection: env.connection,
      cwd: env.dir,
      ...FAST,
      concurrency: 16,
      maxMessages: ROWS,
    };
    const first = await sync({ ...options, releaseHeld: true });
    expect(first.counts.updated).toBe(ROWS);
    const stateDir = path.join(env.dir, ".chatguru-sync");
    const snapFile = path.join(
      stateDir,
      readdirSync(stateDir).find((f) => f.endsWith(".ndjson.snap"))!,
    );
    const original = readFileSync(snapFile);

    const spots = offsets(original);
    for (const [i, offset] of spots.entries()) {
      const damaged = Buffer.from(original);
      damaged[offset] = damaged[offset]! ^ (1 << (i % 8));
      writeFileSync(snapFile, damaged);
      const before = env.mock.state().requests.total;
      const report = await sync(options);
      const sent = env.mock.state().requests.total - before;
      expect(sent, `bit ${i % 8} of byte ${offset}: ${JSON.stringify(report.requests.byAction)}`).toBe(0);
      expect(report.exitCode, `byte ${offset}`).toBe(0);
      expect(report.counts.unchanged).toBe(ROWS);
    }
    const state = env.mock.state();
    expect(state.requests.byAction.note_add).toBe(ROWS);
    expect(state.requests.byAction.message_send).toBe(ROWS);
  }, 120_000);
});
