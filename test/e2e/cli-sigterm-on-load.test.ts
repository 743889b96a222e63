import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { spawnCli } from "../helpers/cli.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const MAPPING = { phone: "Telefone", name: "Nome", custom_fields: { Etapa: "Etapa" } };

function csv(n: number, stage: string): string {
  const lines = ["Telefone,Nome,Etapa"];
  for (let i = 0; i < n; i++) lines.push(`5511970${String(100001 + i)},P${i},${stage}${i}`);
  return `${lines.join("\n")}\n`;
}

describe("a SIGTERM while the CLI is still loading", () => {
  // Sent by a loader hook the moment bin.ts asks for main.js: deterministic, no timing. With the handlers installed
  // only after the CLI's imports, the process died by signal; now it is exit 130 and nothing is left locked.
  const sigtermOnLoad = fileURLToPath(new URL("../helpers/sigterm-on-load.mjs", import.meta.url));

  it("sync: exit 130, not killed by the signal; nothing sent, no lock left, interrupted said", async () => {
    env = await createSyncEnv();
    const source = env.csv("l.csv", csv(5, "e"));
    const mapping = env.mapping("m.json", MAPPING);
    const r = await spawnCli(["sync", "--source", source, "--mapping", mapping, "--rate", "0"], {
      env: env.env,
      cwd: env.dir,
      nodeArgs: ["--import", sigtermOnLoad],
    });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(130);
    expect(r.stderr).toContain("Interrupted");
    expect(env.mock.state().requests.total).toBe(0);
    const journals = join(env.dir, ".chatguru-sync");
    const left = existsSync(journals) ? readdirSync(journals) : [];
    expect(left.filter((name) => name.endsWith(".lock"))).toEqual([]);
  }, 60_000);
});
