import { afterEach, describe, expect, it } from "vitest";
import { sync } from "../../src/sync.js";
import { createSyncEnv, FAST, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => env?.close());

const MAPPING = {
  phone: { column: "Telefone" },
  name: "Nome",
  custom_fields: { Etapa: "Etapa", "CRM | Link negócio": { column: "Link", transform: ["trim"] } },
};

function chat(number: string) {
  return env.mock.state().chats.find((c) => c.number === number);
}

describe("sync modes against the mock (real HTTP)", () => {
  it("upsert: updates existing chats, creates missing ones, and writes every row's outcome", async () => {
    env = await createSyncEnv({ addDelayMs: 50, existingChats: ["5511987654321"] });
    const source = env.csv(
      "leads.csv",
      "Telefone,Nome,Etapa,Link\n" +
        "+55 (11) 98765-4321,Ana,qualificado, https://crm/1 \n" +
        "21 99876-5432,Bruno,novo,https://crm/2\n" +
        "abc,Inválido,x,\n" +
        "11987654321,Ana de novo,y,\n",
    );
    const mapping = env.mapping("m.json", MAPPING);
    const report = await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST });

    expect(report.exitCode).toBe(1);
    expect(report.counts).toEqual({
      total: 4,
      created: 1,
      updated: 1,
      unchanged: 0,
      pending: 0,
      invalid: 1,
      duplicate: 1,
      failed: 0,
    });
    expect(chat("5511987654321")?.fields).toEqual({
      field__Etapa: "qualificado",
      field__CRM__Link_negocio: "https://crm/1",
    });
    expect(chat("5521998765432")).toMatchObject({
      name: "Bruno",
      createdVia: "chat_add",
      fields: { field__Etapa: "novo", field__CRM__Link_negocio: "https://crm/2" },
    });
    expect(env.mock.state().chatAddsByNumber).toEqual({ "5521998765432": 1 });

    const rows = env.results(report.results!);
    expect(rows.map((r) => r.chatguru_status)).toEqual(["updated", "created", "invalid", "duplicate"]);
    expect(rows[0]).toMatchObject({
      Telefone: "+55 (11) 98765-4321",
      chatguru_chat_number: "5511987654321",
      chatguru_error: "",
    });
    expect(rows[1]!.chatguru_chat_add_id).toMatch(/^[0-9a-f]{24}$/);
    expect(rows[1]!.chatguru_synced_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(rows[2]!.chatguru_error).toMatch(/ROW_PHONE_INVALID.*"abc"/);
    expect(rows[3]!.chatguru_error).toMatch(/ROW_DUPLICATE_KEY.*row 2/);
  });

  it("update: a chat stored under the 12-digit form is updated via the alternate (9th digit), then remembered", async () => {
    // DDD 21 keeps the 13-digit form (the field rule), but this old registration is stored without the 9.
    env = await createSyncEnv({ existingChats: ["552197565906"] });
    const source = env.csv("l.csv", "Telefone,Nome,Etapa,Link\n(21) 99756-5906,Carla,novo,x\n");
    const mapping = env.mapping("m.json", { ...MAPPING, mode: "update" });
    const first = await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST });
    expect(first.counts.updated).toBe(1);
    expect(chat("552197565906")?.fields.field__Etapa).toBe("novo");
    const log = env.mock.state().log.filter((e) => e.action === "chat_update_custom_fields");
    expect(log.map((e) => [e.chatNumber, e.status])).toEqual([
      ["5521997565906", 400],
      ["552197565906", 200],
    ]);
    expect(env.results(first.results!)[0]!.chatguru_chat_number).toBe("552197565906");

    // The form that worked is remembered: a changed value goes straight to it.
    env.csv("l.csv", "Telefone,Nome,Etapa,Link\n(21) 99756-5906,Carla,cliente,x\n");
    const second = await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST });
    expect(second.counts.updated).toBe(1);
    expect(second.requests.byAction).toEqual({ chat_update_custom_fields: 1 });
  });

  it("update: a number with no chat in either form fails CHATGURU_CHAT_NOT_FOUND without creating anything", async () => {
    env = await createSyncEnv();
    const source = env.csv("l.csv", "Telefone,Nome,Etapa,Link\n11912345678,Davi,novo,\n");
    const report = await sync({
      source,
      mapping: env.mapping("m.json", { ...MAPPING, mode: "update" }),
      connection: env.connection,
      cwd: env.dir,
      ...FAST,
    });
    expect(report.counts.failed).toBe(1);
    expect(report.exitCode).toBe(1);
    expect(report.requests.byAction).toEqual({ chat_update_custom_fields: 2 });
    expect(env.results(report.results!)[0]!.chatguru_error).toMatch(
      /^CHATGURU_CHAT_NOT_FOUND: .*5511912345678 or 551112345678/,
    );
  });

  it("create: chat_add → poll → fields; a `corrigido para` number is adopted; a chat that existed comes back fetched", async () => {
    env = await createSyncEnv({ addDelayMs: 80, existingChats: ["5561999990001"] });
    const source = env.csv("l.csv", "Telefone,Nome,Etapa,Link\n48 99911-2233,Eva,novo,\n61 99999-0001,Fabio,lead,\n");
    const report = await sync({
      source,
      mapping: env.mapping("m.json", { ...MAPPING, mode: "create", note: { template: "Importado: {{Nome}}" } }),
      connection: env.connection,
      cwd: env.dir,
      ...FAST,
    });
    expect(report.counts).toMatchObject({ created: 1, updated: 1, failed: 0 });
    // Area 48 is stored without the 9th digit; the done description says "corrigido para 554899112233".
    expect(chat("554899112233")).toMatchObject({
      name: "Eva",
      fields: { field__Etapa: "novo" },
      notes: ["Importado: Eva"],
    });
    expect(chat("5548999112233")).toBeUndefined();
    expect(chat("5561999990001")).toMatchObject({ fields: { field__Etapa: "lead" }, notes: ["Importado: Fabio"] });
    const rows = env.results(report.results!);
    expect(rows.map((r) => [r.chatguru_status, r.chatguru_chat_number])).toEqual([
      ["created", "554899112233"],
      ["updated", "5561999990001"],
    ]);
    // No update was attempted on the 13-digit form after the correction was adopted.
    const updates = env.mock.state().log.filter((e) => e.action === "chat_update_custom_fields");
    expect(updates.every((e) => e.status === 200)).toBe(true);
  });

  it("a refused number fails with ChatGuru's description", async () => {
    env = await createSyncEnv();
    const source = env.csv("l.csv", "Telefone,Nome,Cor\n11 90000-0000,Zé,azul\n");
    const report = await sync({
      source,
      mapping: env.mapping("m.json", { phone: "Telefone", name: "Nome", custom_fields: { Etapa: "Cor" } }),
      connection: env.connection,
      cwd: env.dir,
      ...FAST,
    });
    expect(report.counts.failed).toBe(1);
    const rows = env.results(report.results!);
    expect(rows[0]!.chatguru_error).toMatch(/CHAT_ADD_REFUSED.*não possui WhatsApp/);
  });

  it("an unknown custom field fails the row CHATGURU_FIELD_NOT_CONFIGURED and stops the run (exit 3)", async () => {
    env = await createSyncEnv({ existingChats: ["5511987650001"] });
    const source = env.csv("l.csv", "Telefone,Nome,Cor\n11 98765-0001,Lia,verde\n");
    const report = await sync({
      source,
      mapping: env.mapping("m.json", { phone: "Telefone", name: "Nome", custom_fields: { "Cor favorita": "Cor" } }),
      connection: env.connection,
      cwd: env.dir,
      ...FAST,
    });
    expect(report.counts.failed).toBe(1);
    expect(report.exitCode).toBe(3);
    expect(report.error?.message).toMatch(/Campos Personalizados/);
    // ChatGuru changed nothing for any row: the run writes no results file full of that one error.
    expect(report.resultsKept).toBe(true);
  });

  it("dialog_execute: the 'contexto não foi validado' answer is retried once and succeeds", async () => {
    env = await createSyncEnv({ existingChats: ["5511987650002"] });
    const source = env.csv("l.csv", "Telefone,Nome,Etapa\n11987650002,Gil,novo\n");
    const report = await sync({
      source,
      mapping: env.mapping("m.json", {
        phone: "Telefone",
        custom_fields: { Etapa: "Etapa" },
        dialog_execute: { dialog_id: { value: "dlg-1" } },
      }),
      connection: env.connection,
      cwd: env.dir,
      ...FAST,
    });
    expect(report.counts.updated).toBe(1);
    expect(report.requests.byAction.dialog_execute).toBe(2);
    expect(chat("5511987650002")?.dialogs).toEqual(["dlg-1"]);
  });

  it("--no-wait leaves fresh adds pending with their chat_add_id; the next run finishes them without a second chat_add", async () => {
    env = await createSyncEnv({ addDelayMs: 150 });
    const source = env.csv("l.csv", "Telefone,Nome,Etapa\n11955554444,Hugo,novo\n");
    const mapping = env.mapping("m.json", { phone: "Telefone", name: "Nome", custom_fields: { Etapa: "Etapa" } });
    const first = await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST, wait: false });
    expect(first.exitCode).toBe(0);
    expect(first.counts.pending).toBe(1);
    const pendingRow = env.results(first.results!)[0]!;
    expect(pendingRow.chatguru_status).toBe("pending");
    expect(pendingRow.chatguru_chat_add_id).toMatch(/^[0-9a-f]{24}$/);

    // The next run waits for the add on its own poll schedule (the mock settles it 150 ms after chat_add).
    const second = await sync({
      source,
      mapping,
      connection: env.connection,
      cwd: env.dir,
      ...FAST,
      onlyPending: true,
    });
    expect(second.counts.created).toBe(1);
    expect(second.requests.byAction.chat_add ?? 0).toBe(0);
    expect(env.mock.state().chatAddsByNumber).toEqual({ "5511955554444": 1 });
    expect(chat("5511955554444")?.fields.field__Etapa).toBe("novo");
  });

  it("--add-timeout: an add still pending at the deadline ends pending", async () => {
    // The add would take a minute: a run that ignored the 0.3 s deadline would outlive the test's timeout.
    env = await createSyncEnv({ addDelayMs: 60_000 });
    const source = env.csv("l.csv", "Telefone,Nome\n11955553333,Iris\n");
    const report = await sync({
      source,
      mapping: env.mapping("m.json", { phone: "Telefone", name: "Nome", custom_fields: {} }),
      connection: env.connection,
      cwd: env.dir,
      ...FAST,
      addTimeoutSeconds: 0.3,
    });
    expect(report.counts.pending).toBe(1);
    // It looked (at least at the deadline), then gave up with the add unsettled.
    expect(report.requests.byAction.chat_add_status ?? 0).toBeGreaterThanOrEqual(1);
    expect(env.mock.state().chats).toEqual([]);
  }, 10_000);

  it("unchanged rows cost zero requests on a re-run; one edited cell costs exactly one update; --full resends", async () => {
    env = await createSyncEnv({ existingChats: ["5511911110001", "5511911110002", "5511911110003"] });
    const mapping = env.mapping("m.json", { phone: "Telefone", custom_fields: { Etapa: "Etapa" }, mode: "update" });
    const source = env.csv("l.csv", "Telefone,Etapa\n11911110001,a\n11911110002,b\n11911110003,c\n");
    expect((await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST })).counts.updated).toBe(3);
    const again = await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST });
    expect(again.counts.unchanged).toBe(3);
    expect(again.requests.total).toBe(0);
    expect(env.results(again.results!).map((r) => r.chatguru_status)).toEqual(["unchanged", "unchanged", "unchanged"]);

    env.csv("l.csv", "Telefone,Etapa\n11911110001,a\n11911110002,B2\n11911110003,c\n");
    const edited = await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST });
    expect(edited.counts).toMatchObject({ updated: 1, unchanged: 2 });
    expect(edited.requests.byAction).toEqual({ chat_update_custom_fields: 1 });
    expect(chat("5511911110002")?.fields.field__Etapa).toBe("B2");

    const full = await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST, full: true });
    expect(full.requests.byAction).toEqual({ chat_update_custom_fields: 3 });
  });

  it("--retry-failed touches only rows whose last outcome was failed", async () => {
    env = await createSyncEnv({ existingChats: ["5511911110001"] });
    const mapping = env.mapping("m.json", { phone: "Telefone", custom_fields: { Etapa: "Etapa" }, mode: "update" });
    const source = env.csv("l.csv", "Telefone,Etapa\n11911110001,a\n11911110002,b\n");
    const first = await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST });
    expect(first.counts).toMatchObject({ updated: 1, failed: 1 });
    env.csv("l.csv", "Telefone,Etapa\n11911110001,changed-but-not-failed\n11911110002,b\n");
    const retry = await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST, retryFailed: true });
    // Only the failed row was sent (both of its number forms); the changed-but-successful row was left alone.
    expect(retry.requests.byAction).toEqual({ chat_update_custom_fields: 2 });
    expect(env.mock.state().log.filter((e) => e.chatNumber === "5511911110001")).toHaveLength(1);
    expect(env.results(retry.results!).map((r) => r.chatguru_status)).toEqual(["updated", "failed"]);
    expect(chat("5511911110001")?.fields.field__Etapa).toBe("a");
  });
  it("a note is added once per note text: editing another cell does not add it again", async () => {
    env = await createSyncEnv({ existingChats: ["5511911110001"] });
    const mapping = env.mapping("m.json", {
      phone: "Telefone",
      custom_fields: { Etapa: "Etapa" },
      note: { template: "Obs: {{Obs}}" },
    });
    const source = env.csv("l.csv", "Telefone,Etapa,Obs\n11911110001,a,primeira\n");
    await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST });
    env.csv("l.csv", "Telefone,Etapa,Obs\n11911110001,b,primeira\n");
    const edited = await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST });
    expect(edited.requests.byAction).toEqual({ chat_update_custom_fields: 1 });
    env.csv("l.csv", "Telefone,Etapa,Obs\n11911110001,b,segunda\n");
    await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST });
    expect(chat("5511911110001")?.notes).toEqual(["Obs: primeira", "Obs: segunda"]);
  });

  it("--no-wait also applies to adds left pending by an earlier run: one look, then pending again", async () => {
    // The add would take a minute: a run that waited for it would outlive the test's timeout.
    env = await createSyncEnv({ addDelayMs: 60_000 });
    const source = env.csv("l.csv", "Telefone,Nome\n11955552222,Olga\n");
    const mapping = env.mapping("m.json", { phone: "Telefone", name: "Nome", custom_fields: {} });
    await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST, wait: false });
    const again = await sync({ source, mapping, connection: env.connection, cwd: env.dir, ...FAST, wait: false });
    expect(again.counts.pending).toBe(1);
    expect(again.requests.byAction).toEqual({ chat_add_status: 1 });
  }, 10_000);

  it('the documented "chat_add": {"text": " "} is the literal blank text, not a column', async () => {
    env = await createSyncEnv({ officialWhatsApp: true });
    const report = await sync({
      source: env.csv("l.csv", "Telefone,Nome\n11955551111,Pia\n"),
      mapping: env.mapping("m.json", { phone: "Telefone", name: "Nome", custom_fields: {}, chat_add: { text: " " } }),
      connection: env.connection,
      cwd: env.dir,
      ...FAST,
    });
    expect(report.counts.created).toBe(1);
  });
});
