import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockServer, type MockServer } from "../../src/chatguru/mock/mock-server.js";
import { runCliInProcess } from "../helpers/cli.js";

let mock: MockServer;
let env: Record<string, string>;

beforeAll(async () => {
  mock = await startMockServer({ existingChats: ["5511987654321"] });
  env = {
    CHATGURU_API_URL: mock.url,
    CHATGURU_API_KEY: mock.credentials.key,
    CHATGURU_ACCOUNT_ID: mock.credentials.accountId,
    CHATGURU_PHONE_ID: mock.credentials.phoneId,
  };
});
afterAll(() => mock.close());

describe("chatguru-sync call", () => {
  it("prints the JSON response (2-space indent) and exits 0; values may contain '='", async () => {
    const r = await runCliInProcess(
      ["call", "note_add", "--param", "chat_number=5511987654321", "-p", "note_text=a=b&c"],
      { env },
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(body).toMatchObject({ code: 200, result: "success", description: "Anotação criada com sucesso" });
    expect(r.stdout).toContain('\n  "result": "success"');
    expect(mock.state().chats[0]!.notes).toContain("a=b&c");
  });

  it("chat_add without text sends a single space", async () => {
    const r = await runCliInProcess(["call", "chat_add", "-p", "chat_number=5511912345678", "-p", "name=Bruno"], {
      env,
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ code: 201, chat_add_status: "pending" });
  });

  it("an API error prints the error body on stdout, one line on stderr, exit 1", async () => {
    const r = await runCliInProcess(["call", "note_add", "-p", "chat_number=5511900000000", "-p", "note_text=x"], {
      env,
    });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ code: 400, result: "error", description: "Chat não encontrado." });
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain('ChatGuru note_add answered 400 "Chat não encontrado."');
  });

  it("bad credentials exit 3 and never print the key", async () => {
    const key = "wrong-key-not-real";
    const r = await runCliInProcess(["call", "note_add", "-p", "chat_number=5511987654321", "-p", "note_text=x"], {
      env: { ...env, CHATGURU_API_KEY: key },
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("key inválida");
    expect(r.stdout + r.stderr).not.toContain(key);
  });

  it("a network error exits 1 with a one-line message", async () => {
    const closed = await startMockServer();
    const url = closed.url;
    await closed.close();
    const r = await runCliInProcess(["call", "message_status", "-p", "message_id=1"], {
      env: { ...env, CHATGURU_API_URL: url },
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/ECONNREFUSED/);
  });

  // A well-formed unknown action is sent with a warning (cli-call-any-action.test.ts); only a name
  // that cannot be an action is refused.
  it("an action name that cannot be an action is a usage error (exit 2) listing the valid actions; nothing sent", async () => {
    const before = mock.state().requests.total;
    const r = await runCliInProcess(["call", "chat delete"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"chat delete" is not an action name');
    for (const action of ["chat_add", "chat_update_custom_fields", "message_file_send"])
      expect(r.stderr).toContain(action);
    expect(mock.state().requests.total).toBe(before);
  });

  it("a malformed --param or a reserved param is a usage error (exit 2)", async () => {
    expect((await runCliInProcess(["call", "note_add", "-p", "novalue"], { env })).code).toBe(2);
    const r = await runCliInProcess(["call", "note_add", "-p", "key=other-key-not-real"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/connection settings/);
  });

  it("missing connection settings exit 2 naming CHATGURU_API_KEY", async () => {
    const r = await runCliInProcess(["call", "note_add"], {
      env: { CHATGURU_API_URL: mock.url, CHATGURU_ACCOUNT_ID: "a", CHATGURU_PHONE_ID: "p" },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("CHATGURU_API_KEY");
    expect(r.stderr).not.toContain("CHATGURU_ACCOUNT_ID");
  });

  it("flags override the environment", async () => {
    const r = await runCliInProcess(
      ["call", "message_status", "-p", "message_id=nope", "--api-key", "flag-key-not-real"],
      { env },
    );
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).not.toContain("flag-key-not-real");
  });
});
