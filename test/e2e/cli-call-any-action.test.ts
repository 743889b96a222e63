import { afterEach, describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/cli.js";
import { failure, startScriptedServer, success, type ScriptedServer } from "../helpers/scripted-chatguru.js";

/**
 * Integrators use actions seen outside ChatGuru's document (`chat_tags_list`…). `call` sends any
 * well-formed action name, warns on stderr when it is not a documented one, and prints the answer as usual.
 */

let server: ScriptedServer | undefined;
afterEach(async () => server?.close());

function envFor(url: string) {
  return {
    CHATGURU_API_URL: url,
    CHATGURU_API_KEY: "call-key-not-real",
    CHATGURU_ACCOUNT_ID: "acc",
    CHATGURU_PHONE_ID: "ph",
  };
}

describe("call with an action outside the document", () => {
  it("sends it, warns on stderr, prints ChatGuru's answer on stdout, exit 0", async () => {
    server = await startScriptedServer(({ action }) =>
      action === "chat_tags_list" ? success({ tags: ["vip", "lead"] }) : failure("Ação inválida"),
    );
    const r = await runCliInProcess(["call", "chat_tags_list", "-p", "chat_number=5511987654321"], {
      env: envFor(server.url),
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ code: 200, result: "success", tags: ["vip", "lead"] });
    expect(r.stderr).toMatch(/warning: .*"chat_tags_list".*not one of the documented actions/);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.params.get("action")).toBe("chat_tags_list");
    expect(server.requests[0]!.params.get("chat_number")).toBe("5511987654321");
  });

  it("ChatGuru's refusal of an unknown action is printed like any API error (exit 1)", async () => {
    server = await startScriptedServer(() => failure("Ação inválida"));
    const r = await runCliInProcess(["call", "chat_delete"], { env: envFor(server.url) });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ result: "error", description: "Ação inválida" });
    expect(r.stderr).toMatch(/warning: .*"chat_delete"/);
    expect(r.stderr).toContain('"Ação inválida"');
  });

  it("a documented action gets no warning", async () => {
    server = await startScriptedServer(() => success({ message_status: "sent" }));
    const r = await runCliInProcess(["call", "message_status", "-p", "message_id=1"], { env: envFor(server.url) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
  });

  it.each(["chat delete", "chat_add&key=x", "../x", "", "ação"])(
    "an action name with other characters (%j) is a usage error listing the documented actions; nothing sent",
    async (action) => {
      server = await startScriptedServer(() => success());
      const r = await runCliInProcess(["call", action], { env: envFor(server.url) });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("chat_update_custom_fields");
      expect(server.requests).toHaveLength(0);
    },
  );
});
