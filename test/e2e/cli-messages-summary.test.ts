import { afterEach, describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const MAPPING = { mode: "update", phone: "Telefone", name: "Nome", message: { text: "Aviso" } };
const ROWS = "Telefone,Nome,Aviso\n11987650001,Ana,Seu boleto chegou\n11987650002,Bia,Seu boleto chegou\n";

describe("what the summary says about held messages", () => {
  it("a dry run on a new journal says a real run would hold them; the real run does not call them adds", async () => {
    env = await createSyncEnv({ existingChats: ["5511987650001", "5511987650002"] });
    const source = env.csv("l.csv", ROWS);
    const mapping = env.mapping("m.json", MAPPING);
    const plan = await runCliInProcess(["sync", "--source", source, "--mapping", mapping, "--dry-run"], {
      env: env.env,
      cwd: env.dir,
    });
    expect(plan.stderr).toContain("messages: 2 would be sent");
    expect(plan.stderr).toContain("no journal yet: a real run holds the ones for chats that already exist");

    const run = await runCliInProcess(["sync", "--source", source, "--mapping", mapping, "--rate", "0"], {
      env: env.env,
      cwd: env.dir,
    });
    expect(run.stderr).toContain("2 row(s) held: check them, then re-run with --release-held");
    expect(run.stderr).not.toContain("still being added by ChatGuru");
    expect(env.mock.state().requests.byAction.message_send ?? 0).toBe(0);
  });
});
