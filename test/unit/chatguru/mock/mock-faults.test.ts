import { describe, expect, it } from "vitest";
import { FaultInjector, mulberry32 } from "../../../../src/chatguru/mock/mock-faults.js";
import { DEFAULT_MOCK_BEHAVIOUR, mergeBehaviour } from "../../../../src/chatguru/mock/mock-options.js";
import { otherBrazilianForm } from "../../../../src/chatguru/mock/mock-numbers.js";

describe("mock faults", () => {
  it("mulberry32 is deterministic per seed and in [0,1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs).not.toEqual(Array.from({ length: 100 }, () => c()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
  it("fault rates are honoured roughly and reproducibly", () => {
    const behaviour = mergeBehaviour(DEFAULT_MOCK_BEHAVIOUR, { failRate: 0.2, resetRate: 0.1, seed: 7 });
    const run = () => {
      const f = new FaultInjector(7);
      return Array.from({ length: 2000 }, () => f.decide(behaviour, 0).kind);
    };
    const kinds = run();
    expect(kinds).toEqual(run());
    const fails = kinds.filter((k) => k === "fail").length / kinds.length;
    expect(fails).toBeGreaterThan(0.15);
    expect(fails).toBeLessThan(0.25);
    expect(kinds.filter((k) => k === "reset").length).toBeGreaterThan(100);
  });
  it("rate limit is a sliding 1-second window", () => {
    const behaviour = mergeBehaviour(DEFAULT_MOCK_BEHAVIOUR, { rateLimit: 3 });
    const f = new FaultInjector(1);
    const at = (t: number) => f.decide(behaviour, t).kind;
    expect([at(0), at(100), at(200), at(300)]).toEqual(["none", "none", "none", "rate-limit"]);
    expect(at(999)).toBe("rate-limit");
    expect(at(1001)).toBe("none");
  });
  it("options are validated with exact messages", () => {
    expect(() => mergeBehaviour(DEFAULT_MOCK_BEHAVIOUR, { failRate: 2 })).toThrow(
      "Expected `failRate` to be a number from 0 to 1, got `2` (number).",
    );
    expect(() => mergeBehaviour(DEFAULT_MOCK_BEHAVIOUR, { rateLimit: 1.5 })).toThrow(/rateLimit/);
    expect(() => mergeBehaviour(DEFAULT_MOCK_BEHAVIOUR, { nope: 1 })).toThrow(/Unknown mock option `nope`/);
  });
  it("9th-digit forms", () => {
    expect(otherBrazilianForm("5547997565906")).toBe("554797565906");
    expect(otherBrazilianForm("554797565906")).toBe("5547997565906");
    expect(otherBrazilianForm("551133334444")).toBeUndefined();
    expect(otherBrazilianForm("14155550100")).toBeUndefined();
  });
});
