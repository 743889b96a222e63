import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCliInProcess, spawnCli } from "../helpers/cli.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const ROWS = 16;
const numberOf = (i: number) => `5511976${String(500001 + i)}`;

/**
 * kill -9 a real CLI run of a message campaign while ChatGuru answers 500 to a third of the messages and files it
 * carried out, then run it again (plain, then --full): no contact ever gets a message or file twice, and the runs
 * after the kill end sanely (0, or 1 for the rows whose send is uncertain), never with an internal error.
 */
describe("chaos: kill -9 while sends are answered 5xx after being carried out", () => {
  it("no chat gets a message or file twice across the kill and two re-runs", async () => {
    const lines = ["Telefone,Nome,Boleto"];
    for (let i = 0; i < ROWS; i++) lines.push(`${numberOf(i)},Pessoa ${i},https://cdn.example.com/b${i}.pdf`);
    env = await createSyncEnv({
      addDelayMs: 60,
      latencyMs: 30,
      applyThenFailRate: 0.35,
      applyThenFailActions: ["message_send", "message_file_send"],
      applyThenFailStatuses: [500],
      seed: 3,
    });
    // An add of unknown outcome must be probed for longer than the mock takes to add (60 ms), or an add that
    // landed would be added again: well above it, as a real run's 10 s are above ChatGuru's seconds.
    env.env.CHATGURU_SYNC_TEST_PROBE_MS = "1500";
    const source = env.csv("l.csv", `${lines.join("\n")}\n`);
    const mapping = env.mapping("m.json", {
      phone: "Telefone",
      name: "Nome",
      message: { text: { template: "Lembrete para {{Nome}}" } },
      file: { url: "Boleto" },
    });
    const args = ["sync", "--source", source, "--mapping", mapping, "--state", join(env.dir, "state.ndjson")];
    const tuning = ["--rate", "0", "--concurrency", "4", "--json"];

    const run = spawnCli([...args, ...tuning], { env: env.env, cwd: env.dir });
    const deadline = Date.now() + 30_000;
    // Killed in the middle of the files, when the first answers of the campaign were 500s carried out long before.
    const filesApplied = () =>
      env.mock.state().log.filter((e) => e.action === "message_file_send" && e.status !== 0).length;
    while (filesApplied() < ROWS / 2) {
      if (Date.now() > deadline) throw new Error("the kill point was never reached");
      await new Promise((r) => setTimeout(r, 2));
    }
    run.child.kill("SIGKILL");
    expect((await run).signal).toBe("SIGKILL");

    // The latency only placed the kill; the re-runs need not be slow.
    env.mock.configure({ applyThenFailRate: 0, latencyMs: 0 });
    for (const extra of [[], ["--full"]]) {
      const rerun = await runCliInProcess([...args, ...tuning, ...extra], { env: env.env, cwd: env.dir });
      expect(rerun.stderr).not.toMatch(/internal error/);
      expect([0, 1], rerun.stderr).toContain(rerun.code);
    }
    const state = env.mock.state();
    for (const [number, adds] of Object.entries(state.chatAddsByNumber)) expect(adds, `chat_add ${number}`).toBe(1);
    for (const chat of state.chats) {
      for (const via of ["message_send", "message_file_send"] as const) {
        const sent = chat.sentMessages.filter((m) => m.via === via).length;
        expect(sent, `${via} to ${chat.number}`).toBeLessThanOrEqual(1);
      }
    }
    // Every send the mock answered 5xx after carrying out shows on its row (or was superseded by the kill).
    const results = env.results(join(env.dir, "l.results.csv"));
    expect(results).toHaveLength(ROWS);
    expect(results.every((r) => r.chatguru_status !== "")).toBe(true);
  }, 90_000);
});
