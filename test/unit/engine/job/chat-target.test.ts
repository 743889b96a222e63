import { describe, expect, it } from "vitest";
import type { ChatGuruClient } from "../../../../src/chatguru/types.js";
import { ChatTarget, onFirstExistingNumber } from "../../../../src/engine/job/chat-target.js";
import { NumberForms } from "../../../../src/engine/learning/number-forms.js";
import type { EngineCallOptions } from "../../../../src/engine/transport/scheduled-client.js";
import { draft, notFound, ok } from "../fakes.js";

const d47 = draft({ key: "5547997565906", phone: { canonical: "5547997565906", alternate: "554797565906" } });

/** A client that, like the scheduled one, applies `lateParams` when the request gets its slot (after `learn`). */
function slotClient(learn: () => void, stored: string) {
  const sent: string[] = [];
  const client: ChatGuruClient = {
    async call(_action, params, options) {
      learn();
      const late = (options as EngineCallOptions | undefined)?.lateParams;
      const final = late ? late(params) : params;
      sent.push(final.chat_number!);
      return final.chat_number === stored ? ok() : notFound();
    },
    close: () => undefined,
  };
  return { client, sent };
}

describe("ChatTarget", () => {
  it("picks the form learnt while the request waited for its slot, not the one planned at the row's start", async () => {
    const forms = new NumberForms();
    // Another row of DDD 47 found its chat under the 12-digit form while this one was queued.
    const { client, sent } = slotClient(() => forms.observe("554791112222"), "554797565906");
    const target = new ChatTarget(
      ["5547997565906", "554797565906"],
      { first: client, follow: client, forms, draft: d47 },
      {
        preferLearnt: true,
      },
    );
    await target.send((c, n) => c.call("chat_update_custom_fields", { chat_number: n }));
    expect(sent).toEqual(["554797565906"]);
    expect(target.number).toBe("554797565906");
  });

  it("without preferLearnt (a number the journal or an add proved), tries the numbers as given", async () => {
    const forms = new NumberForms();
    const { client, sent } = slotClient(() => forms.observe("554791112222"), "554797565906");
    const target = new ChatTarget(["5547997565906", "554797565906"], {
      first: client,
      follow: client,
      forms,
      draft: d47,
    });
    await target.send((c, n) => c.call("chat_update_custom_fields", { chat_number: n }));
    expect(sent).toEqual(["5547997565906", "554797565906"]);
  });

  it("stops after a miss when told to, and names every number tried", async () => {
    const { client, sent } = slotClient(() => undefined, "none");
    const target = new ChatTarget(
      ["5547997565906", "554797565906"],
      { first: client, follow: client, draft: d47 },
      {
        stopAfterMiss: (missed) => missed === "5547997565906",
      },
    );
    await expect(target.send((c, n) => c.call("chat_update_custom_fields", { chat_number: n }))).rejects.toMatchObject({
      code: "CHATGURU_CHAT_NOT_FOUND",
      message: expect.stringContaining("no chat for 5547997565906 ("),
    });
    expect(sent).toEqual(["5547997565906"]);
  });
});

describe("onFirstExistingNumber", () => {
  it("returns the first number that has a chat; passes any other error through", async () => {
    expect(await onFirstExistingNumber(["a", "b"], async (n) => (n === "b" ? undefined : notFound()))).toBe("b");
    await expect(
      onFirstExistingNumber(["a", "b"], async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    await expect(onFirstExistingNumber(["a", "b"], async () => notFound())).rejects.toThrow("no chat for a or b");
  });
});
