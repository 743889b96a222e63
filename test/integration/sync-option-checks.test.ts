import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { loadMapping } from "../../src/mapping/load-mapping.js";
import { createCsvSource } from "../../src/sources/csv-source.js";
import { sync } from "../../src/sync.js";
import { validate } from "../../src/validate.js";
import { startScriptedServer, success, type ScriptedServer } from "../helpers/scripted-chatguru.js";
import { FAST } from "../helpers/sync-env.js";

/**
 * The library checks what it is given, once, before anything is sent: each bad option is a UsageError naming it — not
 * requests that fail one by one until TOO_MANY_FAILURES, nor a raw TypeError from deep inside the run.
 */

let server: ScriptedServer;
let dir: string;
beforeEach(async () => {
  server = await startScriptedServer(() => success({ chat_id: "c1" }));
  dir = mkdtempSync(join(tmpdir(), "cgs-optcheck-"));
  writeFileSync(join(dir, "l.csv"), "Telefone,Nome\n11987654321,Ana\n");
  writeFileSync(
    join(dir, "m.json"),
    JSON.stringify({ phone: "Telefone", name: "Nome", mode: "update", custom_fields: { Apelido: "Nome" } }),
  );
});
afterEach(async () => server.close());

const KEY = "opt-check-key-not-real";
const connection = () => ({ apiUrl: server.url, key: KEY, accountId: "acc", phoneId: "ph", timeoutMs: 2_000 });
const options = (extra: Record<string, unknown>) =>
  ({ source: "l.csv", mapping: "m.json", connection: connection(), cwd: dir, ...FAST, ...extra }) as never;

async function refused(extra: Record<string, unknown>): Promise<UsageError> {
  const error = await sync(options(extra)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  expect(server.requests).toHaveLength(0);
  return error as UsageError;
}

describe("sync() checks every option before sending anything", () => {
  it.each([
    ["an ftp:// URL", { apiUrl: "ftp://127.0.0.1/api/v1" }, "`connection.apiUrl` to be an http(s) URL"],
    ["a URL that is not one", { apiUrl: "not a url" }, "got `not a url`"],
    ["no key", { key: undefined }, "`connection.key` to be the API key, a non-empty string, got nothing"],
    ["an empty key", { key: "  " }, "`connection.key` to be the API key, a non-empty string, got a string"],
    ["a numeric key", { key: 123456789012 }, "`connection.key` to be the API key, a non-empty string, got a number"],
    ["no phoneId", { phoneId: undefined }, "`connection.phoneId` to be a non-empty string"],
    ["an empty accountId", { accountId: "" }, "`connection.accountId` to be a non-empty string, got an empty string"],
  ])("%s: a UsageError naming the setting, no request", async (_what, change, message) => {
    const error = await refused({ connection: { ...connection(), ...change } });
    expect(error.message).toContain(message);
    expect(error.message).not.toContain("123456789012");
  });

  it.each([
    ["connection", "not an object", "Expected `connection` to be an object"],
    ["signal", "x", "Expected `signal` to be an AbortSignal, got `x` (string)"],
    ["onEvent", 1, "Expected `onEvent` to be a function, got `1` (number)"],
    ["source", 5, "Expected `source` to be a path, URL or Source"],
    ["source", { id: "x" }, "Expected `source` to be a path, URL or Source"],
    ["client", {}, "Expected `client` to be a ChatGuru client"],
    ["results", "", "Expected `results` to be a non-empty string"],
    ["pollSchedule", 3, "Expected `pollSchedule` to be an object"],
    ["env", "x", "Expected `env` to be an object"],
  ])("%s: %j is a UsageError naming it", async (name, value, message) => {
    expect((await refused({ [name]: value })).message).toContain(message);
  });

  it("a mapping object is checked like a mapping file, and needs its path", async () => {
    expect((await refused({ mapping: { a: 1 } })).message).toContain("got an object without `path`");
    const bad = await refused({ mapping: { path: join(dir, "m.json"), phone: "Telefone", a: 1 } });
    expect(bad.message).toContain("Expected `mapping` to be a valid mapping");
    expect(bad.message).toContain('unknown key "a"');
    // A mapping from loadMapping() goes through as it is.
    const loaded = await loadMapping(join(dir, "m.json"));
    const report = await sync(options({ mapping: loaded }));
    expect(report.counts).toMatchObject({ total: 1, failed: 0, invalid: 0 });
    expect(server.requests.length).toBeGreaterThan(0);
  });
});

describe("validate() checks its options the same way", () => {
  const source = () => createCsvSource(join(dir, "l.csv"));
  it.each([
    [{ source: "l.csv", mappingPath: "m.json" }, "Expected `source` to be a Source"],
    [{ mappingPath: { a: 1 } }, "`mappingPath`"],
    [{ onEvent: 1 }, "Expected `onEvent` to be a function"],
    [{ onRead: "x" }, "Expected `onRead` to be a function"],
    [{ signal: {} }, "Expected `signal` to be an AbortSignal"],
    [{ resultsPath: 3 }, "Expected `resultsPath` to be a non-empty string"],
  ])("%j", async (extra, message) => {
    const run = validate({ source: source(), mappingPath: join(dir, "m.json"), ...extra } as never);
    await expect(run).rejects.toThrow(UsageError);
    await expect(validate({ source: source(), mappingPath: join(dir, "m.json"), ...extra } as never)).rejects.toThrow(
      message,
    );
  });
});
