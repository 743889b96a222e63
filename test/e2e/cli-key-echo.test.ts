import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { SyncEvent } from "../../src/engine/shared/events.js";
import { sync } from "../../src/sync.js";
import { runCliInProcess } from "../helpers/cli.js";
import { keyLeaks } from "../helpers/key-leaks.js";
import { failure, startScriptedServer, success, type ScriptedServer } from "../helpers/scripted-chatguru.js";
import { FAST } from "../helpers/sync-env.js";

/**
 * A server that echoes PART of the key (its first 20 characters) and its base64 form, and one that quotes the whole
 * key in its credential error. Nothing of 12 or more characters of the key may reach any output or file, and
 * `key inválida: <key>` is still a credential error (exit 3), not a row ChatGuru rejected.
 */

const KEY = "Zq7TfK2mWc9XbR4vLp8NdH3sJy6GaE1u";
const b64 = (text: string) => Buffer.from(text).toString("base64");
const ECHO = `Valor inválido (recebido key=${KEY.slice(0, 20)}, auth ${b64(`acc:${KEY}`)}, t=${b64(KEY)})`;

let server: ScriptedServer | undefined;
afterEach(async () => server?.close());

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), "cgs-echo-"));
  writeFileSync(join(dir, "l.csv"), "Telefone,Nome,Etapa\n11987654321,Ana,x\n11987654322,Bia,y\n");
  writeFileSync(
    join(dir, "m.json"),
    JSON.stringify({ phone: "Telefone", name: "Nome", mode: "update", custom_fields: { Etapa: "Etapa" } }),
  );
  const env = {
    CHATGURU_API_URL: server!.url,
    CHATGURU_API_KEY: KEY,
    CHATGURU_ACCOUNT_ID: "acc",
    CHATGURU_PHONE_ID: "ph",
  };
  return { dir, env };
}

/** Every file a run left in `dir` (results, errors, journal and its sidecars). */
function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[path] = readFileSync(path, "latin1") + readFileSync(path, "utf8");
    }
  };
  walk(dir);
  return out;
}

describe("a server echoing part of the key, and its base64 form", () => {
  it("no 12-character run of the key or its base64 forms in stderr, --json, results, errors, journal, call output or events", async () => {
    server = await startScriptedServer(({ action }) =>
      action === "note_add" ? success({ note_id: "n1", debug: ECHO }) : failure(ECHO),
    );
    const { dir, env } = workspace();
    const base = ["sync", "--source", "l.csv", "--mapping", "m.json", "--rate", "0", "--timeout", "2"];
    const json = await runCliInProcess([...base, "--json"], { env, cwd: dir });
    const human = await runCliInProcess([...base, "--full", "--verbose"], { env, cwd: dir });
    const callError = await runCliInProcess(["call", "chat_update_custom_fields", "-p", "chat_number=5511987654321"], {
      env,
      cwd: dir,
    });
    const callOk = await runCliInProcess(["call", "note_add", "-p", "chat_number=5511987654321", "-p", "note_text=x"], {
      env,
      cwd: dir,
    });
    const events: SyncEvent[] = [];
    await sync({
      source: join(dir, "l.csv"),
      mapping: join(dir, "m.json"),
      connection: { apiUrl: server.url, key: KEY, accountId: "acc", phoneId: "ph", timeoutMs: 2_000 },
      cwd: dir,
      ...FAST,
      full: true,
      onEvent: (e) => events.push(e),
    });
    // The server really echoed: the rows failed with its words, and call printed its answer.
    expect(readFileSync(join(dir, "l.results.csv"), "utf8")).toContain("Valor inválido (recebido key=***");
    expect(callOk.stdout).toContain('"debug"');
    expect(callError.code).toBe(1);
    expect(existsSync(join(dir, "l.errors.csv"))).toBe(true);
    const outputs: Record<string, string> = {
      ...filesOf(dir),
      "--json stdout": json.stdout,
      "--json stderr": json.stderr,
      "human stderr": human.stderr,
      "call error stdout": callError.stdout,
      "call error stderr": callError.stderr,
      "call ok stdout": callOk.stdout,
      events: JSON.stringify(events),
    };
    expect(Object.keys(outputs).some((name) => name.includes(".chatguru-sync"))).toBe(true);
    for (const [where, text] of Object.entries(outputs)) expect(keyLeaks(text, KEY), where).toEqual([]);
  });
});

describe("a credential error that quotes the key", () => {
  const quoting = () => failure(`key inválida: ${KEY}`);

  it("call exits 3 (credentials), not 1", async () => {
    server = await startScriptedServer(quoting);
    const { dir, env } = workspace();
    const r = await runCliInProcess(["call", "note_add", "-p", "chat_number=5511987654321", "-p", "note_text=x"], {
      env,
      cwd: dir,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("rejected the credentials");
    expect(keyLeaks(r.stdout + r.stderr, KEY)).toEqual([]);
  });

  it("sync aborts at the first answer with exit 3 (CHATGURU_AUTH), no row CHATGURU_REJECTED", async () => {
    server = await startScriptedServer(quoting);
    const { dir, env } = workspace();
    const r = await runCliInProcess(["sync", "--source", "l.csv", "--mapping", "m.json", "--rate", "0", "--json"], {
      env,
      cwd: dir,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('rejected the credentials: 400 "key inválida: ***"');
    expect(r.stderr).not.toContain("CHATGURU_REJECTED");
    const report = JSON.parse(r.stdout);
    expect(report.error.code).toBe("CHATGURU_AUTH");
    // Only the rows in flight (two, --concurrency 4) met the answer; nothing said CHATGURU_REJECTED or went on to 20.
    expect(server.requests.length).toBeLessThanOrEqual(2);
    // A run that reached no row writes no results file on a first run (nothing a row had is changed).
    expect(report.results).toBeUndefined();
  });
});
