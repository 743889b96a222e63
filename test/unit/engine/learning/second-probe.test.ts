import { describe, expect, it } from "vitest";
import { secondProbePays } from "../../../../src/engine/learning/second-probe.js";

describe("secondProbePays", () => {
  it("probes the other form in a run of existing chats, adds in a run with a fair share of new rows", () => {
    // 8 % of an area code's chats under the other form.
    expect(secondProbePays(0, 0.08)).toBe(true);
    expect(secondProbePays(0.1, 0.08)).toBe(true);
    expect(secondProbePays(0.5, 0.08)).toBe(false);
    expect(secondProbePays(1, 0.08)).toBe(false);
    // No chat of the area code is under the other form: the probe would only miss.
    expect(secondProbePays(0.5, 0)).toBe(false);
    // Nothing can be new and nothing is under the other form: nothing says "add".
    expect(secondProbePays(0, 0)).toBe(true);
  });
});
