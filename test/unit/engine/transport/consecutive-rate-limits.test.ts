import { describe, expect, it } from "vitest";
import { ChatGuruApiError, ChatGuruNetworkError, ChatGuruRateLimitError } from "../../../../src/chatguru/errors.js";
import type { ChatGuruClient } from "../../../../src/chatguru/types.js";
import { RequestQueue } from "../../../../src/engine/transport/request-queue.js";
import { DEFAULT_RETRY_POLICY } from "../../../../src/engine/transport/retry-policy.js";
import { ScheduledClient } from "../../../../src/engine/transport/scheduled-client.js";
import { ok } from "../fakes.js";

/**
 * "429 N times in a row" must mean in a row. Any answer that is not a 429 (a `Chat não encontrado.`,
 * another 4xx, a 5xx) resets the count; only a request that got no answer at all leaves it as it was.
 */

const ACTION = "chat_update_custom_fields";
const limited = () => new ChatGuruRateLimitError({ action: ACTION, retryAfterMs: 0 });
const notFound = () => new ChatGuruApiError({ action: ACTION, httpStatus: 400, description: "Chat não encontrado." });
const rejected = () => new ChatGuruApiError({ action: ACTION, httpStatus: 400, description: "Valor inválido" });
const serverError = () => new ChatGuruApiError({ action: ACTION, httpStatus: 500, description: "Erro interno" });
const reset = () =>
  new ChatGuruNetworkError({ action: ACTION, endpoint: "x", errorCode: "ECONNREFUSED", mayHaveReachedServer: false });

/** Answers by request index from `pattern` (cycled): an Error is thrown, "ok" is a success. */
function cycling(pattern: Array<() => Error | "ok">): ChatGuruClient & { count: number } {
  const client = {
    count: 0,
    async call() {
      const next = pattern[client.count++ % pattern.length]!();
      if (next instanceof Error) throw next;
      return ok();
    },
    close: () => undefined,
  };
  return client;
}

function setup(pattern: Array<() => Error | "ok">, maxConsecutiveRateLimits: number) {
  const queue = new RequestQueue({ concurrency: 1, rate: Infinity });
  const client = cycling(pattern);
  const scheduled = new ScheduledClient({
    client,
    queue,
    policy: { ...DEFAULT_RETRY_POLICY, maxConsecutiveRateLimits, maxAttempts: 10 },
    random: () => 0,
    sleep: async () => undefined,
  });
  return { scheduled, client, queue };
}

describe("the consecutive-429 count", () => {
  it("is reset by a `Chat não encontrado.` answer: 3 × 429 then a 400, over and over, never aborts", async () => {
    const { scheduled, client, queue } = setup([limited, limited, limited, notFound], 5);
    for (let i = 0; i < 6; i++) {
      await expect(scheduled.call(ACTION, {})).rejects.toMatchObject({ code: "CHATGURU_CHAT_NOT_FOUND" });
    }
    expect(client.count).toBe(24);
    expect(scheduled.fatal).toBeUndefined();
    queue.close();
  }, 10_000);

  it("is reset by any other answer (a 4xx refusal, a 5xx)", async () => {
    const { scheduled, queue } = setup(
      [limited, limited, limited, rejected, limited, limited, limited, serverError, () => "ok"],
      4,
    );
    await expect(scheduled.call(ACTION, {})).rejects.toMatchObject({ code: "CHATGURU_REJECTED" });
    await expect(scheduled.call(ACTION, {})).resolves.toMatchObject({ result: "success" });
    expect(scheduled.fatal).toBeUndefined();
    queue.close();
  }, 10_000);

  it("is not reset by a request that got no answer, so a server that only says 429 still stops the run", async () => {
    const { scheduled, queue } = setup([limited, limited, reset, limited, limited], 4);
    await expect(scheduled.call(ACTION, {})).rejects.toMatchObject({ code: "CHATGURU_RATE_LIMITED" });
    expect(scheduled.fatal?.message).toMatch(/429 \(too many requests\) 4 times in a row/);
    queue.close();
  }, 10_000);
});
