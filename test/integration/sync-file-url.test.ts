import { afterEach, describe, expect, it } from "vitest";
import { sync } from "../../src/sync.js";
import { createSyncEnv, FAST, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

describe("file_url goes out as a valid URL", () => {
  it("spaces and accents are percent-encoded, encoded parts kept, a stray % escaped; a re-run sends nothing", async () => {
    const chats = ["5511977600001", "5511977600002", "5511977600003"];
    env = await createSyncEnv({ existingChats: chats });
    const links = [
      "https://cdn.example.com/boletos/Boleto Março.pdf",
      "https://cdn.example.com/boletos/Boleto%20Abril%20%C3%A7.pdf",
      "https://cdn.example.com/boletos/100% pago.pdf",
    ];
    const csv = ["Telefone,Boleto", ...chats.map((n, i) => `${n},${links[i]}`)].join("\n");
    const options = {
      source: env.csv("l.csv", `${csv}\n`),
      mapping: env.mapping("m.json", { phone: "Telefone", mode: "update", file: { url: "Boleto" } }),
      connection: env.connection,
      cwd: env.dir,
      // These chats exist and the journal is new: the files would be held until released.
      releaseHeld: true,
      ...FAST,
    };
    const report = await sync(options);
    expect(report.counts.failed + report.counts.invalid).toBe(0);
    const sent = (number: string) =>
      env.mock
        .state()
        .chats.find((c) => c.number === number)!
        .sentMessages.filter((m) => m.via === "message_file_send")
        .map((m) => m.fileUrl);
    expect(sent(chats[0]!)).toEqual(["https://cdn.example.com/boletos/Boleto%20Mar%C3%A7o.pdf"]);
    expect(sent(chats[1]!)).toEqual(["https://cdn.example.com/boletos/Boleto%20Abril%20%C3%A7.pdf"]);
    expect(sent(chats[2]!)).toEqual(["https://cdn.example.com/boletos/100%25%20pago.pdf"]);
    // The journal keeps the link as the sheet has it: the same cell is never sent again.
    await sync({ ...options, full: true });
    expect(env.mock.state().requests.byAction.message_file_send).toBe(3);
  });
});
