import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { say } from "../../src/messages/index.js";
import { leadsCsv, SECRET_KEY, startUiEnv, type UiEnv } from "../helpers/ui-client.js";

let env: UiEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

// The mock refuses numbers ending in 0000 ("no WhatsApp"): these never do.
const numberOf = (i: number) => `11 9${String(71001001 + i)}`;
const canonical = (i: number) => `55119${String(71001001 + i)}`;

describe("ui server: the whole flow through the API, against the embedded mock", () => {
  it("connection → upload → mapping → plan → run with events → stop → Continuar → results, never showing the key", async () => {
    env = await startUiEnv({ latencyMs: 40, addDelayMs: 60 });
    const { client, mock } = env;

    // Conexão: nothing yet; saved to .env; the key comes back only as its last characters.
    expect((await client.get("/api/connection")).json).toMatchObject({ complete: false, keyHint: null });
    const saved = await client.put("/api/connection", {
      apiUrl: mock.url,
      key: SECRET_KEY,
      accountId: mock.credentials.accountId,
      phoneId: mock.credentials.phoneId,
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ complete: true, keyHint: "••••2a2b".replace("2a2b", SECRET_KEY.slice(-4)) });
    expect(readFileSync(join(env.dir, ".env"), "utf8")).toContain(`CHATGURU_API_KEY=${SECRET_KEY}`);
    expect((await client.post("/api/connection/check")).json).toMatchObject({ ok: true });
    expect((await client.post("/api/connection/check", { key: "wrong-key-0000" })).json).toMatchObject({
      ok: false,
      problem: "key",
    });
    expect((await client.post("/api/connection/check", { apiUrl: `${mock.url}/nope` })).json).toMatchObject({
      ok: false,
      problem: "url",
    });

    // Arquivo: streamed upload; how it was read, header, sample, per-column phone counts.
    const rows = 40;
    const csv = leadsCsv(rows, numberOf).replace(`Pessoa 3;${numberOf(3)}`, "Pessoa 3;123");
    const uploaded = await client.upload("Leads Março (1).csv", csv);
    expect(uploaded.status).toBe(201);
    const source = uploaded.json;
    expect(source).toMatchObject({
      name: "Leads Março (1).csv",
      kind: "csv",
      header: ["Nome", "Telefone", "Email"],
      rowCount: rows,
      read: { encoding: "utf-8", delimiter: ";", headerRow: 1 },
      mapping: { path: "leads-marco.mapping.json", saved: false },
    });
    expect(source.sample).toHaveLength(10);
    expect(source.columns.find((c: { name: string }) => c.name === "Telefone")).toMatchObject({
      filled: rows,
      empty: 0,
      phones: { valid: rows - 1, invalid: 1 },
    });
    expect((await client.get("/api/sources")).json.sources.map((s: { id: string }) => s.id)).toEqual([source.id]);
    const page = await client.get(`/api/sources/${source.id}/rows?offset=20&limit=10`);
    expect(page.json).toMatchObject({ total: rows, offset: 20 });
    expect(page.json.rows.map((r: { rowNumber: number }) => r.rowNumber)).toEqual([
      22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
    ]);

    // Colunas: init's suggestion, then a normal mapping file beside the data, which the CLI reads.
    const suggested = await client.get(`/api/sources/${source.id}/mapping`);
    expect(suggested.json).toMatchObject({
      saved: false,
      mapping: { phone: { column: "Telefone" }, name: "Nome", custom_fields: {} },
      suggestions: ["Email"],
    });
    const mapping = {
      ...suggested.json.mapping,
      custom_fields: { Email: "Email" },
      note: { template: "Lead {{Nome}}" },
    };
    const bad = await client.put(`/api/sources/${source.id}/mapping`, {
      mapping: { ...mapping, custom_fields: { Email: "E-mail" } },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error.problems[0]).toMatchObject({
      code: "MAPPING_UNKNOWN_COLUMN",
      field: "Email",
      column: "E-mail",
    });
    expect(existsSync(join(env.dir, "leads-marco.mapping.json"))).toBe(false);
    const put = await client.put(`/api/sources/${source.id}/mapping`, { mapping });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({ saved: true, path: "leads-marco.mapping.json", problems: [] });
    expect(put.json.command).toContain("--mapping leads-marco.mapping.json");
    expect(JSON.parse(readFileSync(join(env.dir, "leads-marco.mapping.json"), "utf8"))).toMatchObject({
      phone: { column: "Telefone" },
      custom_fields: { Email: "Email" },
    });
    const preview = await client.post(`/api/sources/${source.id}/preview-template`, { template: "Olá {{Nome}}" });
    expect(preview.json.rows[0]).toEqual({ rowNumber: 2, text: "Olá Pessoa 0" });
    expect((await client.post("/api/field-names", { names: ["CRM | Link negócio"] })).json).toEqual({
      apiNames: ["field__CRM__Link_negocio"],
    });

    // Revisão: counts, problems by row with the fix, cost, the first requests as they will be sent.
    const checks = mock.state().requests.total;
    const plan = await client.post(`/api/sources/${source.id}/plan`);
    expect(plan.status).toBe(200);
    expect(plan.json.counts).toMatchObject({ total: rows, valid: rows - 1, invalid: 1, new: rows - 1 });
    expect(plan.json.problems).toEqual([
      expect.objectContaining({ row: 5, column: "Telefone", code: "ROW_PHONE_INVALID", fix: expect.any(String) }),
    ]);
    // The problem as a catalog Text: the page says it in pt-BR with the words `validate` prints under LANG=pt_BR.
    expect(say("pt-BR", plan.json.problems[0].text)).toBe('"123" não é um número de telefone válido (curto demais)');
    expect(plan.json.cost.requests).toBeGreaterThan(rows);
    expect(plan.json.firstRows[0].requests).toEqual([
      { action: "chat_add", params: { chat_number: canonical(0), name: "Pessoa 0", text: " " } },
      { action: "chat_update_custom_fields", params: { chat_number: canonical(0), field__Email: "p0@exemplo.com.br" } },
      { action: "note_add", params: { chat_number: canonical(0), note_text: "Lead Pessoa 0" } },
    ]);
    expect(plan.json).toMatchObject({ needsConsent: false, messages: null, files: { plan: true } });
    expect(mock.state().requests.total).toBe(checks);

    // Envio: a run with live events; Parar stops it gracefully.
    const started = await client.post("/api/runs", { sourceId: source.id });
    expect(started.status).toBe(201);
    expect(started.json).toMatchObject({ state: "running", total: rows, mapping: "leads-marco.mapping.json" });
    const firstRun = started.json.id as string;
    const live = await client.events(firstRun, { until: (event) => event.run.counts.done >= 4 });
    expect(live.events.length).toBeGreaterThan(0);
    expect(live.events.every((e) => e.type === "run")).toBe(true);
    const ids = live.events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect((await client.post(`/api/runs/${firstRun}/stop`)).json.state).toMatch(/stopping|stopped/);
    const ended = await client.events(firstRun, { lastEventId: ids.at(-1) });
    const stopped = ended.events.at(-1)!.run;
    expect(stopped).toMatchObject({ state: "stopped", exitCode: 130, canContinue: true });
    expect(stopped.counts.done).toBeLessThan(rows);
    // The stream of a finished run whose end the page has: 204, so EventSource stops reconnecting.
    expect((await client.events(firstRun, { lastEventId: ended.events.at(-1)!.id })).status).toBe(204);

    // Histórico → Continuar: a new run on the same journal finishes the rest, adding no chat twice.
    const continued = await client.post(`/api/runs/${firstRun}/continue`);
    expect(continued.status).toBe(201);
    expect(continued.json.resumedFrom).toBe(firstRun);
    const done = (await client.events(continued.json.id)).events.at(-1)!.run;
    expect(done).toMatchObject({
      state: "finished",
      exitCode: 1,
      files: { results: true, errors: true, report: true },
    });
    expect(done.counts).toMatchObject({ total: rows, invalid: 1, failed: 0, pending: 0 });
    expect(done.lastProblems).toEqual([
      {
        row: 5,
        outcome: "invalid",
        code: "ROW_PHONE_INVALID",
        message: expect.stringContaining('"123"'),
        text: expect.objectContaining({ key: "problemList" }),
      },
    ]);
    expect(say("pt-BR", done.lastProblems[0].text)).toBe(
      'ROW_PHONE_INVALID: coluna "Telefone": "123" não é um número de telefone válido (curto demais)',
    );
    expect(done.counts.created + done.counts.updated + done.counts.unchanged).toBe(rows - 1);
    const state = mock.state();
    expect(Object.values(state.chatAddsByNumber).every((n) => n === 1)).toBe(true);
    expect(Object.keys(state.chatAddsByNumber)).toHaveLength(rows - 1);
    for (const chat of state.chats) expect(chat.notes, chat.number).toHaveLength(1);

    // Resultado: the table filtered by outcome, and the downloads.
    const failedRows = await client.get(`/api/runs/${continued.json.id}/rows?outcome=problems`);
    expect(failedRows.json).toMatchObject({
      total: 1,
      rows: [
        {
          status: "invalid",
          phone: "123",
          name: "Pessoa 3",
          code: "ROW_PHONE_INVALID",
          values: { Email: "p3@exemplo.com.br" },
        },
      ],
    });
    // The app's results files are in its language (pt-BR), the code split off for the page.
    expect(failedRows.json.rows[0].error).toBe(
      'coluna "Telefone": "123" não é um número de telefone válido (curto demais)',
    );
    const results = await client.get(`/api/runs/${continued.json.id}/files/results`);
    expect(results.status).toBe(200);
    expect(results.headers.get("content-disposition")).toMatch(
      /^attachment; filename="Leads Mar_o \(1\)\.results\.csv"/,
    );
    expect(results.text).toContain("chatguru_status");
    expect((await client.get(`/api/runs/${continued.json.id}/files/errors`)).text).toContain("ROW_PHONE_INVALID");
    expect((await client.get(`/api/runs/${continued.json.id}/files/report`)).json.counts.total).toBe(rows);
    expect((await client.get(`/api/runs/${firstRun}/files/plan`)).status).toBe(200);

    // Histórico: both runs, newest first; the stopped one points at its continuation.
    const history = (await client.get("/api/runs")).json.runs;
    expect(history.map((r: { id: string }) => r.id)).toEqual([continued.json.id, firstRun]);
    expect(history[1]).toMatchObject({ state: "stopped", continuedBy: continued.json.id, canContinue: false });

    // No page, JSON answer, download or event carried the key.
    expect(client.seen.length).toBeGreaterThan(20);
    for (const body of client.seen) expect(body).not.toContain(SECRET_KEY);
  }, 60_000);

  it("asks for consent before a run that sends messages, and the plan says which would go out", async () => {
    env = await startUiEnv();
    await env.connect();
    const { client } = env;
    const source = (await client.upload("campanha.csv", leadsCsv(3, numberOf))).json;
    const mapping = { phone: "Telefone", name: "Nome", message: { text: { template: "Olá {{Nome}}!" } } };
    expect((await client.put(`/api/sources/${source.id}/mapping`, { mapping })).status).toBe(200);
    const plan = (await client.post(`/api/sources/${source.id}/plan`)).json;
    expect(plan.needsConsent).toBe(true);
    expect(plan.messages).toMatchObject({ count: 3, overCap: 0, held: null });
    expect(plan.messages.first[0]).toEqual({ row: 2, number: canonical(0), kind: "message", text: "Olá Pessoa 0!" });
    const refused = await client.post("/api/runs", { sourceId: source.id });
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe("UI_CONSENT_REQUIRED");
    expect(env.mock.state().requests.total).toBe(0);
    const run = await client.post("/api/runs", { sourceId: source.id, consent: true });
    expect(run.status).toBe(201);
    const done = (await client.events(run.json.id)).events.at(-1)!.run;
    expect(done).toMatchObject({ state: "finished", exitCode: 0, messages: { sent: 3 } });
    for (const chat of env.mock.state().chats) expect(chat.messages).toBe(1);
  });

  it("refuses a second run on the same journal while one runs, and a run without connection settings", async () => {
    env = await startUiEnv({ latencyMs: 100 });
    const { client } = env;
    const source = (await client.upload("leads.csv", leadsCsv(8, numberOf))).json;
    await client.put(`/api/sources/${source.id}/mapping`, { mapping: { phone: "Telefone" } });
    const noConnection = await client.post("/api/runs", { sourceId: source.id });
    expect(noConnection.status).toBe(400);
    expect(noConnection.json.error.code).toBe("CONFIG_CONNECTION_MISSING");
    await env.connect();
    // Two clicks at once: one run starts, the other is refused.
    const [first, twin] = await Promise.all([
      client.post("/api/runs", { sourceId: source.id }),
      client.post("/api/runs", { sourceId: source.id }),
    ]).then((both) => both.sort((a, b) => a.status - b.status));
    expect(first.status).toBe(201);
    expect(twin!.status).toBe(409);
    const second = await client.post("/api/runs", { sourceId: source.id });
    expect(second.status).toBe(409);
    expect(second.json.error.code).toBe("UI_RUN_ACTIVE");
    // Another file (another mapping and journal) for the same ChatGuru account waits its turn too (the CLI's lock).
    const other = (await client.upload("outros.csv", leadsCsv(2, numberOf))).json;
    await client.put(`/api/sources/${other.id}/mapping`, { mapping: { phone: "Telefone" } });
    const sameAccount = await client.post("/api/runs", { sourceId: other.id });
    expect(sameAccount.status).toBe(409);
    expect(sameAccount.json.error).toMatchObject({ code: "ACCOUNT_LOCKED", fix: expect.any(String) });
    expect((await client.get("/api/app")).json.runs.active).toEqual([first.json.id]);
    await client.events(first.json.id);
    expect((await client.get("/api/runs")).json.runs).toHaveLength(1);
  });

  it("a run that cannot take the journal's lock (a CLI run holds it) is refused and leaves no history", async () => {
    env = await startUiEnv();
    await env.connect();
    const { client } = env;
    const source = (await client.upload("leads.csv", leadsCsv(2, numberOf))).json;
    await client.put(`/api/sources/${source.id}/mapping`, { mapping: { phone: "Telefone" } });
    // A first run creates the journal; then a "CLI" (this test) holds its lock with a live pid.
    await client.events((await client.post("/api/runs", { sourceId: source.id })).json.id);
    const { readdirSync, writeFileSync } = await import("node:fs");
    const journal = readdirSync(join(env.dir, ".chatguru-sync")).find((n) => n.endsWith(".ndjson"))!;
    const lock = join(env.dir, ".chatguru-sync", `${journal}.lock`);
    writeFileSync(
      lock,
      JSON.stringify({
        pid: process.ppid,
        hostname: (await import("node:os")).hostname(),
        startedAt: new Date().toISOString(),
      }),
    );
    const refused = await client.post("/api/runs", { sourceId: source.id });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: "STATE_LOCKED", fix: expect.any(String) });
    expect((await client.get("/api/runs")).json.runs).toHaveLength(1);
  });
});
