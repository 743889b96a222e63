import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const MAPPING = { mode: "update", phone: "Telefone", name: "Nome", message: { text: "Aviso" } };
const ROWS = "Telefone,Nome,Aviso\n11987650001,Ana,Seu boleto chegou\n11987650002,Bia,Seu boleto chegou\n";

describe("what the summary says about held messages", () => {
  it("a first campaign is not held; with the journal lost, the dry run and the real run say which rows are", async () => {
    env = await createSyncEnv({ existingChats: ["5511987650001", "5511987650002"] });
    const source = env.csv("l.csv", ROWS);
    const mapping = env.mapping("m.json", MAPPING);
    const run = (...extra: string[]) =>
      runCliInProcess(["sync", "--source", source, "--mapping", mapping, "--rate", "0", ...extra], {
        env: env.env,
        cwd: env.dir,
      });
    const plan = await run("--dry-run");
    expect(plan.stderr).toContain("messages: 2 would be sent");
    expect(plan.stderr).not.toContain("may have been sent");
    const first = await run();
    expect(first.stderr).toContain("messages: 2 sent.");
    expect(env.mock.state().requests.byAction.message_send).toBe(2);

    rmSync(join(env.dir, ".chatguru-sync"), { recursive: true });
    env.csv("l.csv", ROWS.replaceAll("Seu boleto chegou", "Novo boleto"));
    const lostPlan = await run("--dry-run");
    expect(lostPlan.stderr).toContain("messages: 2 would be sent");
    expect(lostPlan.stderr).toContain("2 of them may have been sent by an earlier run whose journal is gone");
    const lost = await run();
    expect(lost.stderr).toContain("2 row(s) held: check them, then re-run with --release-held");
    expect(lost.stderr).toContain("row 2 → 5511987650001: held: message");
    expect(lost.stderr).toContain("--release-held 2,3 (or --release-held for all)");
    expect(lost.stderr).not.toContain("still being added by ChatGuru");
    expect(env.mock.state().requests.byAction.message_send).toBe(2);
  });
});

describe("no messages line above an error that stopped everything", () => {
  it("a mapping typo, a wrong key or a missing file print the error, not 'messages: 0 sent.'", async () => {
    env = await createSyncEnv({ existingChats: ["5511987650001", "5511987650002"] });
    const source = env.csv("l.csv", ROWS);
    const mapping = env.mapping("m.json", MAPPING);
    const typo = env.mapping("typo.json", { ...MAPPING, custom_fields: { Etapa: "Etapaa" } });
    const run = (args: string[], vars = env.env) =>
      runCliInProcess(["sync", "--mapping", mapping, "--rate", "0", ...args], { env: vars, cwd: env.dir });

    const mistyped = await runCliInProcess(["sync", "--source", source, "--mapping", typo], {
      env: env.env,
      cwd: env.dir,
    });
    expect(mistyped.code).toBe(2);
    const wrongKey = await run(["--source", source, "--release-held"], { ...env.env, CHATGURU_API_KEY: "revoked" });
    expect(wrongKey.code).toBe(3);
    const missing = await run(["--source", `${env.dir}/nao-existe.csv`]);
    expect(missing.code).toBe(2);
    for (const stopped of [mistyped, wrongKey, missing]) {
      expect(stopped.stderr).toMatch(/error: /);
      expect(stopped.stderr).not.toMatch(/messages: /);
    }
    // The line is there when the run went through (it is what the checks above would have seen).
    const ran = await run(["--source", source, "--release-held"]);
    expect(ran.stderr).toContain("messages: 2 sent.");
  });
});
