import { describe, expect, it } from "vitest";
import * as api from "../../src/index.js";

describe("public API (src/index.ts)", () => {
  it("exports what a library user needs to handle a failed ChatGuru call", () => {
    for (const name of [
      "ChatGuruError",
      "ChatGuruApiError",
      "ChatGuruAuthError",
      "ChatGuruRateLimitError",
      "ChatGuruNetworkError",
      "ChatGuruTimeoutError",
      "ChatGuruBadResponseError",
      "ChatGuruAbortedError",
      "ChatGuruParamError",
      "isChatGuruError",
      "isChatGuruApiError",
      "isChatGuruAuthError",
      "isChatGuruRateLimitError",
      "classifyChatGuruError",
      "SyncError",
      "RunAbortedError",
      "InterruptedError",
      "isRunAbortedError",
      "isInterruptedError",
      "chatAdd",
      "getChatAddStatus",
      "updateCustomFields",
      "addNote",
      "executeDialog",
      "sendMessage",
    ]) {
      expect(api, name).toHaveProperty(name);
    }
  });
  it("exports no CLI internals, no raw action helpers and no DOM-colliding AbortError", () => {
    for (const name of [
      "runCli",
      "actions",
      "ACTIONS",
      "ACTION_NAMES",
      "isChatGuruAction",
      "AbortError",
      "exitCodeOf",
    ]) {
      expect(api, name).not.toHaveProperty(name);
    }
  });
  it("a refused call is recognisable through the exports alone", () => {
    const error = new api.ChatGuruApiError({
      action: "note_add",
      httpStatus: 400,
      description: "Chat não encontrado.",
    });
    expect(api.isChatGuruApiError(error) && api.isSyncError(error)).toBe(true);
    expect(error.code).toBe("CHATGURU_CHAT_NOT_FOUND");
    expect(api.classifyChatGuruError(error)).toMatchObject({ kind: "row", code: "CHATGURU_CHAT_NOT_FOUND" });
    expect(error.message).toContain(api.hintFor("CHATGURU_CHAT_NOT_FOUND"));
  });
});
