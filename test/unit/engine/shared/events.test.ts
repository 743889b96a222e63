import { describe, expect, expectTypeOf, it } from "vitest";
import type { Text } from "../../../../src/core/text.js";
import {
  noticeEvent,
  warningEvent,
  type SyncEvent,
  type SyncEventListener,
} from "../../../../src/engine/shared/events.js";
import type { SyncMode } from "../../../../src/engine/shared/settings.js";
import { text } from "../../../../src/messages/text.js";

/** What a listener sees once it narrowed on `type` (checked by `npm run typecheck`, which covers the tests). */
type Of<K extends SyncEvent["type"]> = Extract<SyncEvent, { type: K }>;

describe("SyncEvent: each kind carries exactly its fields", () => {
  it("narrows on type to the kind's own fields", () => {
    expectTypeOf<Of<"start">["mode"]>().toEqualTypeOf<SyncMode>();
    expectTypeOf<Of<"notice">["text"]>().toEqualTypeOf<Text>();
    expectTypeOf<Of<"aborting">["text"]>().toEqualTypeOf<Text>();
    expectTypeOf<Of<"warning">["text"]>().toEqualTypeOf<Text | undefined>();
    expectTypeOf<keyof Of<"rate-limited">>().toEqualTypeOf<"type" | "pauseMs">();
    expectTypeOf<keyof Of<"row-start">>().toEqualTypeOf<"type" | "seq" | "rowNumber">();
    expectTypeOf<SyncEventListener>().parameter(0).toEqualTypeOf<SyncEvent>();
  });

  it("warning and notice events say the Text in English and keep it for the person's language", () => {
    const said = text("run.credentialsCheck");
    expect(noticeEvent(said)).toEqual({ type: "notice", message: expect.any(String), text: said });
    expect(warningEvent(said).text).toBe(said);
    expect(warningEvent("plain")).toEqual({ type: "warning", message: "plain" });
  });
});
