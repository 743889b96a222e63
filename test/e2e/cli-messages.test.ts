import { readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { MockServerOptions } from "../../src/chatguru/mock/mock-server.js";
import { runCliInProcess } from "../helpers/cli.js";
import { createSyncEnv, type SyncEnv } from "../helpers/sync-env.js";

let env: SyncEnv;
afterEach(async () => {
  vi.useRealTimers();
  await env?.close();
});

const numberOf = (i: number) => `5511973${String(120001 + i)}`;
const MAPPING = {
  phone: "Telefone",
  name: "Nome",
  custom_fields: { Etapa: "Etapa" },
  message: { text: { template: "Olá {{Nome}}, seu boleto vence amanhã." } },
  file: { url: "Boleto", caption: { value: "Boleto" } },
};

function csv(rows: number, etapa = "novo", extra: (i: number) => string = () => ""): string {
  const lines = ["Telefone,Nome,Etapa,Boleto"];
  for (let i = 0; i < rows; i++)
    lines.push(`${numberOf(i)},Pessoa ${i}${extra(i)},${etapa},https://cdn.example.com/b/${i}.pdf`);
  return `${lines.join("\n")}\n`;
}

async function setup(rows: number, mock: MockServerOptions = {}, mapping: unknown = MAPPING) {
  env = await createSyncEnv({ addDelayMs: 0, messageSentAfterMs: 0, ...mock });
  const source = env.csv("l.csv", csv(rows));
  const mappingPath = env.mapping("m.json", mapping);
  const run = (...extra: string[]) =>
    runCliInProcess(
      ["sync", "--source", source, "--mapping", mappingPath, "--rate", "0", "--json", "--add-timeout", "5", ...extra],
      { env: env.env, cwd: env.dir },
    );
  return { source, mappingPath, run, results: () => env.results(join(env.dir, "l.results.csv")) };
}

const t = () => env.results(join(env.dir, "l.results.csv"));
const sent = (via: string) =>
  env.mock
    .state()
    .chats.flatMap((c) => c.sentMessages.filter((m) => m.via === via).map((m) => ({ number: c.number, ...m })));

describe("messages through the CLI against the mock", () => {
  it("new chats get the message and the file once; re-runs, --full and edits of other cells never resend", async () => {
    const t = await setup(3);
    const first = await t.run();
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).requests.byAction).toMatchObject({ message_send: 3, message_file_send: 3 });
    // In any order: rows run concurrently.
    expect(
      sent("message_send")
        .map((m) => m.text)
        .sort(),
    ).toEqual([
      "Olá Pessoa 0, seu boleto vence amanhã.",
      "Olá Pessoa 1, seu boleto vence amanhã.",
      "Olá Pessoa 2, seu boleto vence amanhã.",
    ]);
    expect(sent("message_file_send").find((m) => m.number === numberOf(0))).toMatchObject({
      fileUrl: "https://cdn.example.com/b/0.pdf",
      caption: "Boleto",
    });
    const rows = t.results();
    expect(rows.map((r) => r.chatguru_status)).toEqual(["created", "created", "created"]);
    const ids = sent("message_send").map((m) => m.id);
    expect(rows.map((r) => r.chatguru_message_id).sort()).toEqual([...ids].sort());
    expect(rows.every((r) => r.chatguru_message_status === "scheduled")).toBe(true);

    expect((await t.run()).code).toBe(0);
    expect((await t.run("--full")).code).toBe(0);
    writeFileSync(t.source, csv(3, "cliente"));
    const edited = await t.run();
    expect(JSON.parse(edited.stdout).requests.byAction).toEqual({ chat_update_custom_fields: 3 });
    expect(sent("message_send")).toHaveLength(3);
    expect(sent("message_file_send")).toHaveLength(3);
    // The message columns keep what the journal knows on rows this run did not message.
    expect(t.results()[0]!.chatguru_message_id).toBe(rows[0]!.chatguru_message_id);

    // A changed text is a new message (once).
    writeFileSync(
      t.source,
      csv(3, "cliente", () => " Souza"),
    );
    expect((await t.run()).code).toBe(0);
    expect((await t.run()).code).toBe(0);
    expect(sent("message_send").filter((m) => m.text?.includes("Souza"))).toHaveLength(3);
  }, 30_000);

  it("--max-messages caps one run; the rest stay pending and go out on the next run", async () => {
    const t = await setup(5, {}, { ...MAPPING, file: undefined });
    const first = await t.run("--max-messages", "2");
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).counts).toMatchObject({ created: 2, pending: 3 });
    expect(first.stderr).toMatch(/messages: 2 sent, 3 wait for the next run \(--max-messages 2\)/);
    expect(sent("message_send")).toHaveLength(2);
    const pending = t.results().filter((r) => r.chatguru_status === "pending");
    expect(pending).toHaveLength(3);
    expect(pending[0]!.chatguru_error).toMatch(/^MESSAGE_CAPPED: .*--max-messages 2/);
    expect((await t.run("--max-messages", "2")).code).toBe(0);
    expect(sent("message_send")).toHaveLength(4);
    const last = await t.run("--max-messages", "2");
    expect(JSON.parse(last.stdout).counts).toMatchObject({ unchanged: 4, created: 0, updated: 1 });
    expect(sent("message_send")).toHaveLength(5);
    expect(new Set(sent("message_send").map((m) => m.number)).size).toBe(5);
    expect((await t.run()).code).toBe(0);
    expect(sent("message_send")).toHaveLength(5);
  }, 30_000);

  it("--dry-run prints how many would go out and the first three in full, and sends nothing", async () => {
    const t = await setup(5);
    const dry = await t.run("--dry-run", "--max-messages", "8");
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/messages: 8 would be sent \(2 more wait for a later run: --max-messages\)/);
    expect(dry.stderr).toContain("row 2 → 5511973120001 message:\n    Olá Pessoa 0, seu boleto vence amanhã.");
    expect(dry.stderr).toContain("row 2 → 5511973120001 file:\n    https://cdn.example.com/b/0.pdf (Boleto)");
    expect(dry.stderr).toContain("row 3 → 5511973120002 message:");
    expect(env.mock.state().requests.total).toBe(0);
  });

  it("a lost message_send answer is MESSAGE_UNCERTAIN and is never resent", async () => {
    const t = await setup(
      1,
      { existingChats: [numberOf(0)], timeoutRate: 1 },
      {
        phone: "Telefone",
        mode: "update",
        message: { text: { template: "Oi {{Nome}}" } },
      },
    );
    const lost = await t.run("--timeout", "0.3");
    expect(lost.code).toBe(1);
    const row = t.results()[0]!;
    expect(row.chatguru_error).toMatch(/^MESSAGE_UNCERTAIN: .*never sent again on its own/);
    expect(row.chatguru_message_status).toBe("uncertain");
    env.mock.configure({ timeoutRate: 0 });
    // Still the row's problem on the next run, with nothing sent, until a person settles it.
    const again = await t.run("--release-held");
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).requests.byAction.message_send ?? 0).toBe(0);
    expect(t.results()[0]!.chatguru_error).toMatch(/--resolve 2/);
    const settled = await t.run("--resolve", "2");
    expect(settled.code).toBe(0);
    expect(t.results()[0]).toMatchObject({ chatguru_status: "updated", chatguru_message_status: "checked" });
    expect(env.mock.state().requests.byAction.message_send).toBe(1);
  }, 30_000);

  it("status refreshes message_status (scheduled → sent), writes it back and says what changed", async () => {
    const mapping = { ...MAPPING, file: undefined, message: { ...MAPPING.message, send_date: "Enviar" } };
    // The mock settles messages by its clock (Date, read when it starts): faked from before the start, it is moved on
    // past the 400 ms instead of slept through. Date still runs, and timers stay real.
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    const t = await setup(3, { messageSentAfterMs: 400 }, mapping);
    const next = new Date().getFullYear() + 1;
    const rows = csv(3).trimEnd().split("\n");
    // Row 4's message is scheduled for next year: it stays `scheduled`.
    const dates = ["Enviar", "", "", `15/03/${next} 10:00`];
    writeFileSync(t.source, `${rows.map((line, i) => `${line},${dates[i]}`).join("\n")}\n`);
    expect((await t.run()).code).toBe(0);
    expect(t.results().map((r) => r.chatguru_message_status)).toEqual(["scheduled", "scheduled", "scheduled"]);
    vi.setSystemTime(Date.now() + 500);
    const status = await runCliInProcess(["status", "--source", t.source, "--mapping", t.mappingPath, "--rate", "0"], {
      env: env.env,
      cwd: env.dir,
    });
    expect(status.code, status.stderr).toBe(0);
    expect(env.mock.state().requests.byAction.message_status).toBe(3);
    expect(t.results().map((r) => r.chatguru_message_status)).toEqual(["sent", "sent", "scheduled"]);
    expect(t.results().map((r) => r.chatguru_status)).toEqual(["created", "created", "created"]);
    expect(status.stderr).toContain(
      "No rows are pending: nothing to finish.\n" +
        "  messages: 3 checked — 2 sent, 1 scheduled.\n" +
        "    2 changed since the last check:\n" +
        "      row 2: scheduled → sent\n" +
        "      row 3: scheduled → sent\n",
    );
    // status sent no message of its own: no "messages: 0 sent." above what it learnt of the earlier ones.
    expect(status.stderr).not.toContain("messages: 0 sent");
    // Settled statuses are not asked again; the one still scheduled is, and it did not change.
    const again = await runCliInProcess(
      ["status", "--source", t.source, "--mapping", t.mappingPath, "--rate", "0", "--json"],
      { env: env.env, cwd: env.dir },
    );
    expect(env.mock.state().requests.byAction.message_status).toBe(4);
    expect(JSON.parse(again.stdout).messageStatus).toEqual({
      checked: 1,
      byStatus: { scheduled: 1 },
      unanswered: 0,
      changed: [],
      changedCount: 0,
    });
  }, 30_000);
});

describe("a send date in the past stops only that row's unsent message", () => {
  it("fields, note and name still go; the row fails saying why; ids kept; a sent message is not judged again", async () => {
    const mapping = {
      phone: "Telefone",
      name: "Nome",
      custom_fields: { Etapa: "Etapa" },
      note: { template: "Etapa {{Etapa}}" },
      update_name: true,
      message: { text: { template: "Olá {{Nome}}, fatura {{Etapa}}" }, send_date: "Quando" },
    };
    env = await createSyncEnv({ existingChats: [numberOf(0), numberOf(1)] });
    const sheet = (etapa: string, quando: [string, string], nome = "Ana") =>
      `Telefone,Nome,Etapa,Quando\n${numberOf(0)},${nome},${etapa},${quando[0]}\n${numberOf(1)},Bia,${etapa},${quando[1]}\n`;
    const source = env.csv("l.csv", sheet("maio", ["05/01/2030 10:00", "05/01/2030 10:00"]));
    const mappingPath = env.mapping("m.json", mapping);
    const run = () =>
      runCliInProcess(["sync", "--source", source, "--mapping", mappingPath, "--rate", "0", "--fail-on", "failed"], {
        env: env.env,
        cwd: env.dir,
      });
    expect((await run()).code).toBe(0);
    expect(sent("message_send")).toHaveLength(2);
    const ids = t().map((r) => r.chatguru_message_id);

    // Row 3's date has passed since its message went out: normal, not judged again.
    env.csv("l.csv", sheet("maio", ["05/01/2030 10:00", "05/01/2020 10:00"]));
    const passed = await run();
    expect(passed.code, passed.stderr).toBe(0);
    expect(t()[1]!.chatguru_status).toBe("updated");

    // June, with a date already past for every row: only the messages stop.
    env.csv("l.csv", sheet("junho", ["05/01/2020 10:00", "05/01/2020 10:00"], "Ana Souza"));
    const late = await run();
    expect(late.code, late.stderr).toBe(1);
    const rows = t();
    expect(rows.map((r) => r.chatguru_status)).toEqual(["failed", "failed"]);
    expect(rows[0]!.chatguru_error).toMatch(
      /^ROW_SEND_DATE_PAST: the custom fields, note and name were sent, but not the message: the send date 2020-01-05 10:00/,
    );
    expect(rows.map((r) => r.chatguru_chat_number)).toEqual([numberOf(0), numberOf(1)]);
    expect(rows.map((r) => r.chatguru_message_id)).toEqual(ids);
    expect(rows[0]!.chatguru_synced_at).not.toBe("");
    const chat = env.mock.state().chats.find((c) => c.number === numberOf(0))!;
    expect(chat.fields.field__Etapa).toBe("junho");
    expect(chat.notes).toContain("Etapa junho");
    expect(chat.name).toBe("Ana Souza");
    expect(sent("message_send")).toHaveLength(2);
    // A re-run says it again and costs nothing.
    const again = await run();
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/requests: 0/);
  }, 30_000);
});

describe("the held rule: hold only on evidence that an earlier run sent and its journal is gone", () => {
  it("a first campaign sends to chats that already exist; with the journal deleted, the results' write-back holds", async () => {
    const mapping = { ...MAPPING, file: undefined, dialog_execute: { dialog_id: { value: "dlg-1" } } };
    const t = await setup(3, { existingChats: [numberOf(0), numberOf(1)], dialogContextQuirk: false }, mapping);
    const first = await t.run();
    expect(first.code, first.stderr).toBe(0);
    // No evidence of an earlier run: the existing chats get their message and dialog like the new one.
    expect(t.results().map((r) => r.chatguru_status)).toEqual(["updated", "updated", "created"]);
    expect(sent("message_send")).toHaveLength(3);
    expect(env.mock.state().chats.find((c) => c.number === numberOf(0))!.dialogs).toEqual(["dlg-1"]);

    // The journal is lost; the results file still carries this tool's write-back. A new text is a new message, but
    // nothing proves the earlier journal did not send it: held, rows listed, nothing sent.
    rmSync(join(env.dir, ".chatguru-sync"), { recursive: true });
    writeFileSync(
      t.source,
      csv(3, "novo", () => " Souza"),
    );
    const lost = await t.run();
    expect(lost.code, lost.stderr).toBe(0);
    const rows = t.results();
    expect(rows.map((r) => r.chatguru_status)).toEqual(["pending", "pending", "pending"]);
    // The new journal cannot know whether the lost one ran the dialog either.
    expect(rows[0]!.chatguru_error).toMatch(
      /^MESSAGE_HELD: the dialog and message for this chat were held .*--release-held 2/,
    );
    expect(rows[0]!.chatguru_message_status).toBe("held");
    // Their fields and note went through, and the row says when.
    expect(rows[0]!.chatguru_synced_at).not.toBe("");
    expect(lost.stderr).toContain("3 row(s) held");
    expect(lost.stderr).toContain(`row 2 → ${numberOf(0)}: held: dialog and message`);
    expect(sent("message_send")).toHaveLength(3);
    // The errors file lists them: fed back with --release-held it releases exactly those.
    expect(env.results(join(env.dir, "l.errors.csv")).map((r) => r.chatguru_status)).toEqual([
      "pending",
      "pending",
      "pending",
    ]);

    // Released one by one: row 3 only. Its fields are not sent again.
    const updates = env.mock.state().requests.byAction.chat_update_custom_fields;
    const one = await t.run("--release-held", "3");
    expect(one.code, one.stderr).toBe(0);
    expect(t.results().map((r) => r.chatguru_status)).toEqual(["pending", "updated", "pending"]);
    expect(
      sent("message_send")
        .filter((m) => m.text?.includes("Souza"))
        .map((m) => m.number),
    ).toEqual([numberOf(1)]);
    expect(env.mock.state().requests.byAction.chat_update_custom_fields).toBe(updates);
    // The rest, all at once (the person checked them); then never twice.
    expect((await t.run("--release-held")).code).toBe(0);
    const dialogs = env.mock.state().requests.byAction.dialog_execute;
    expect((await t.run("--full")).code).toBe(0);
    expect((await t.run("--release-held")).code).toBe(0);
    expect(sent("message_send").filter((m) => m.text?.includes("Souza"))).toHaveLength(3);
    expect(env.mock.state().requests.byAction.dialog_execute).toBe(dialogs);
  }, 30_000);

  it("a journal deleted between runs (another folder, CI cache) sends nothing a second time", async () => {
    const t = await setup(2, {}, { ...MAPPING, file: undefined });
    expect((await t.run("--state", join(env.dir, "a.ndjson"))).code).toBe(0);
    expect(sent("message_send")).toHaveLength(2);
    const lost = await t.run("--state", join(env.dir, "b.ndjson"));
    expect(lost.code).toBe(0);
    expect(sent("message_send")).toHaveLength(2);
    expect(t.results().map((r) => r.chatguru_status)).toEqual(["pending", "pending"]);
    expect(t.results()[0]!.chatguru_error).toMatch(/^MESSAGE_HELD/);
  }, 30_000);

  it("a journal cut short in the middle is an error (exit 2), not a fresh start", async () => {
    const t = await setup(3, {}, { ...MAPPING, file: undefined });
    const statePath = join(env.dir, "s.ndjson");
    expect((await t.run("--state", statePath)).code).toBe(0);
    const size = statSync(statePath).size;
    const text = readFileSync(statePath, "utf8");
    // Cut in the middle of a record line, as a bad copy would: it looks like a crash's torn tail.
    truncateSync(statePath, text.indexOf("\n", Math.floor(size / 2)) - 5);
    const damaged = await t.run("--state", statePath);
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toMatch(/STATE_CORRUPT|damaged/);
    expect(damaged.stderr).toMatch(/records are missing/);
    expect(sent("message_send")).toHaveLength(3);
  }, 30_000);
});

describe("experimental: update_name and context", () => {
  it("chat_update_name only when the mapped name differs from the one last sent; context as var__<Name>", async () => {
    const mapping = {
      phone: "Telefone",
      name: "Nome",
      custom_fields: { Etapa: "Etapa" },
      update_name: true,
      context: { "Plano atual": { value: "ouro" } },
    };
    const t = await setup(2, { existingChats: [numberOf(0)] }, mapping);
    expect((await t.run()).code).toBe(0);
    const chats = env.mock.state().chats;
    // The existing chat gets the mapped name once; the new one was created with it (no rename).
    expect(env.mock.state().requests.byAction.chat_update_name).toBe(1);
    expect(chats.find((c) => c.number === numberOf(0))!.name).toBe("Pessoa 0");
    expect(chats.find((c) => c.number === numberOf(1))!.context).toEqual({ var__Plano_atual: "ouro" });
    expect((await t.run("--full")).code).toBe(0);
    expect(env.mock.state().requests.byAction.chat_update_name).toBe(1);
    writeFileSync(
      t.source,
      csv(2, "novo", (i) => (i === 1 ? " Lima" : "")),
    );
    expect((await t.run()).code).toBe(0);
    expect(env.mock.state().requests.byAction.chat_update_name).toBe(2);
    expect(env.mock.state().chats.find((c) => c.number === numberOf(1))!.name).toBe("Pessoa 1 Lima");
  }, 30_000);
});
