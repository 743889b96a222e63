import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadEnvironment } from "../../src/cli/env.js";
import { runCli } from "../../src/cli/main.js";
import { startMockServer, type MockServer } from "../../src/chatguru/mock/mock-server.js";
import { startUiServer, type UiServer } from "../../src/ui/server.js";
import { spawnCli } from "../helpers/cli.js";
import { FAST_RUNS, leadsCsv, SECRET_KEY, UiClient } from "../helpers/ui-client.js";

let mock: MockServer | undefined;
const children: ChildProcess[] = [];
const servers: UiServer[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  for (const server of servers.splice(0)) await server.close();
  await mock?.close();
  mock = undefined;
});

const ROWS = 30;
const numberOf = (i: number) => `11 9${String(72001001 + i)}`;

function connectionEnv(server: MockServer): Record<string, string> {
  return {
    CHATGURU_API_URL: server.url,
    CHATGURU_API_KEY: SECRET_KEY,
    CHATGURU_ACCOUNT_ID: server.credentials.accountId,
    CHATGURU_PHONE_ID: server.credentials.phoneId,
  };
}

/** Spawns `chatguru-sync ui` in the app folder and logs in with the address of its first stdout line. */
async function spawnUi(dir: string, env: Record<string, string>) {
  const run = spawnCli(["ui", "--no-open", "--rate", "0"], { env, cwd: dir, timeoutMs: 120_000 });
  children.push(run.child);
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    run.child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = /^listening on (\S+)\n/.exec(out);
      if (line) resolve(line[1]!);
    });
    run.child.on("exit", () => reject(new Error(`ui exited before listening: ${out}`)));
  });
  const client = new UiClient(new URL(url).origin);
  await client.login(url);
  return { run, client };
}

/** The server started again on the same folder, in this process, with a short poll schedule (fast test). */
async function restartUi(dir: string, env: Record<string, string>) {
  const server = await startUiServer({
    root: dir,
    env: { process: env, merged: () => loadEnvironment(dir, env) },
    rate: 0,
    runOptions: { ...FAST_RUNS },
  });
  servers.push(server);
  const client = new UiClient(server.origin);
  await client.login(server.url);
  return { server, client };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("ui: a server killed mid-run, started again, continues from the journal", () => {
  it("kill -9 shows the run interrupted; Continuar sends no second chat_add and no second message", async () => {
    mock = await startMockServer({ addDelayMs: 150, latencyMs: 25, credentials: { key: SECRET_KEY } });
    const dir = mkdtempSync(join(tmpdir(), "cgs-ui-kill-"));
    const env = connectionEnv(mock);

    const first = await spawnUi(dir, env);
    const source = (await first.client.upload("leads.csv", leadsCsv(ROWS, numberOf))).json;
    // A mapped field lets a lost chat_add answer be checked by an update instead of re-adding (engine/uncertain-add).
    const mapping = {
      phone: "Telefone",
      name: "Nome",
      custom_fields: { Email: "Email" },
      message: { text: { template: "Olá {{Nome}}" } },
    };
    expect((await first.client.put(`/api/sources/${source.id}/mapping`, { mapping })).status).toBe(200);
    const started = await first.client.post("/api/runs", { sourceId: source.id, consent: true });
    expect(started.status).toBe(201);
    const runId = started.json.id as string;
    await until(() => Object.keys(mock!.state().chatAddsByNumber).length >= 8, "8 chat_adds applied");
    first.run.child.kill("SIGKILL");
    expect((await first.run).signal).toBe("SIGKILL");
    const addsAtKill = Object.keys(mock.state().chatAddsByNumber).length;
    expect(addsAtKill).toBeLessThan(ROWS);

    // Started again: the history shows the run interrupted, with Continuar.
    const second = await restartUi(dir, env);
    const history = (await second.client.get("/api/runs")).json.runs;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ id: runId, state: "interrupted", canContinue: true });
    const continued = await second.client.post(`/api/runs/${runId}/continue`);
    expect(continued.status).toBe(201);

    // Stopped again mid-way (the server's own Ctrl-C path), then continued by a third start.
    await until(() => Object.keys(mock!.state().chatAddsByNumber).length > addsAtKill, "one more chat_add");
    await second.server.close();
    const runJson = join(dir, ".chatguru-sync", "ui", "runs", continued.json.id, "run.json");
    expect(JSON.parse(readFileSync(runJson, "utf8"))).toMatchObject({ state: "stopped", exitCode: 130 });

    const third = await restartUi(dir, env);
    const last = await third.client.post(`/api/runs/${continued.json.id}/continue`);
    expect(last.status).toBe(201);
    const done = (await third.client.events(last.json.id, { timeoutMs: 60_000 })).events.at(-1)!.run;
    expect(done).toMatchObject({ state: "finished", counts: { total: ROWS, pending: 0 } });

    const state = mock.state();
    expect(Object.keys(state.chatAddsByNumber)).toHaveLength(ROWS);
    for (const [number, adds] of Object.entries(state.chatAddsByNumber)) expect(adds, `chat_add ${number}`).toBe(1);
    // Journaled before it is sent: a kill may lose a message (MESSAGE_UNCERTAIN), never send one twice.
    for (const chat of state.chats)
      expect(chat.sentMessages.length, `messages to ${chat.number}`).toBeLessThanOrEqual(1);
    expect(state.chats.filter((c) => c.sentMessages.length === 1).length).toBeGreaterThanOrEqual(ROWS - 4);
    for (const client of [first.client, second.client, third.client])
      for (const body of client.seen) expect(body).not.toContain(SECRET_KEY);
  }, 120_000);

  it("`chatguru-sync ui` prints its address first and, on Ctrl-C, stops a run gracefully (exit 130)", async () => {
    const existing = Array.from({ length: 40 }, (_, i) => `55119${String(72001001 + i)}`);
    mock = await startMockServer({ latencyMs: 60, existingChats: existing, credentials: { key: SECRET_KEY } });
    const dir = mkdtempSync(join(tmpdir(), "cgs-ui-cli-"));
    const controller = new AbortController();
    let out = "";
    let announce!: (url: string) => void;
    const listening = new Promise<string>((resolve) => (announce = resolve));
    const exit = runCli(["ui", "--no-open", "--concurrency", "1"], {
      stdout: {
        write: (chunk: string) => {
          out += chunk;
          const line = /^listening on (http:\/\/127\.0\.0\.1:\d+\/\?t=[\w-]+)\n/.exec(out);
          if (line) announce(line[1]!);
          return true;
        },
      },
      stderr: { write: () => true, isTTY: false },
      env: connectionEnv(mock),
      cwd: dir,
      signal: controller.signal,
    });
    const url = await listening;
    const client = new UiClient(new URL(url).origin);
    expect((await client.login(url)).status).toBe(303);
    expect((await client.get("/")).status).toBe(200);
    expect((await client.get("/api/app")).json).toMatchObject({ folder: dir, defaults: { rate: 5, concurrency: 1 } });
    const source = (await client.upload("leads.csv", leadsCsv(40, numberOf))).json;
    await client.put(`/api/sources/${source.id}/mapping`, {
      mapping: { phone: "Telefone", custom_fields: { Email: "Email" } },
    });
    const run = (await client.post("/api/runs", { sourceId: source.id })).json;
    await client.events(run.id, { until: (event) => event.run.counts.done >= 2 });
    controller.abort(new Error("SIGINT"));
    expect(await exit).toBe(130);
    const record = JSON.parse(readFileSync(join(dir, ".chatguru-sync", "ui", "runs", run.id, "run.json"), "utf8"));
    expect(record).toMatchObject({ state: "stopped", exitCode: 130 });
    expect(record.counts.done).toBeLessThan(40);
    expect(mock.state().requests.byAction.chat_update_custom_fields).toBe(record.counts.updated);
  });
});
