import { describe, expect, it } from "vitest";
import { startMockServer } from "../../../../src/chatguru/mock/mock-server.js";
import { DEFAULT_MOCK_BEHAVIOUR, mergeBehaviour } from "../../../../src/chatguru/mock/mock-options.js";
import { storageForm } from "../../../../src/chatguru/mock/mock-numbers.js";
import { mockOptionsFromFlags } from "../../../../src/cli/commands/mock-server.js";

const mobile = (i: number, ddd: string) => `55${ddd}9${String(7000_0000 + i * 7919)}`;
const twelve = (n: string) => n.slice(0, 4) + n.slice(5);

describe("mock storage of the 9th digit (a nationwide customer base)", () => {
  it("stores whole area codes (ranges too) and a seeded share of the rest in the 12-digit form", () => {
    const rule = mergeBehaviour(DEFAULT_MOCK_BEHAVIOUR, { twelveDigitAreaCodes: ["31-99"], twelveDigitShare: 0.08 });
    expect(rule.twelveDigitAreaCodes).toContain("47");
    expect(rule.twelveDigitAreaCodes).toHaveLength(69);
    for (let i = 0; i < 50; i++) expect(storageForm(mobile(i, "31"), rule)).toBe(twelve(mobile(i, "31")));
    const sp = Array.from({ length: 2000 }, (_, i) => mobile(i, "11"));
    const old = sp.filter((n) => storageForm(n, rule) !== n);
    expect(old.length / sp.length).toBeGreaterThan(0.06);
    expect(old.length / sp.length).toBeLessThan(0.1);
    // The same number is always stored the same way; another seed picks other numbers.
    expect(sp.filter((n) => storageForm(n, rule) !== n)).toEqual(old);
    const other = mergeBehaviour(rule, { seed: 2 });
    expect(sp.filter((n) => storageForm(n, other) !== n)).not.toEqual(old);
    // A 12-digit number is kept as given.
    expect(storageForm("551187654321", rule)).toBe("551187654321");
  });

  it("rejects an area code that is not two digits, and a share outside 0–1", () => {
    expect(() => mergeBehaviour(DEFAULT_MOCK_BEHAVIOUR, { twelveDigitAreaCodes: ["3"] })).toThrow(/two-digit/);
    expect(() => mergeBehaviour(DEFAULT_MOCK_BEHAVIOUR, { twelveDigitAreaCodes: ["99-31"] })).toThrow(/two-digit/);
    expect(() => mergeBehaviour(DEFAULT_MOCK_BEHAVIOUR, { twelveDigitShare: 1.5 })).toThrow(/from 0 to 1/);
  });

  it("existingByRule stores the seeded chats as a new chat would be; chat_add creates chats the same way", async () => {
    const numbers = [mobile(1, "11"), mobile(2, "41"), mobile(3, "21")];
    const mock = await startMockServer({
      existingChats: numbers,
      existingByRule: true,
      twelveDigitAreaCodes: ["31-99"],
    });
    try {
      expect(mock.state().chats.map((c) => c.number)).toEqual([numbers[0], twelve(numbers[1]!), numbers[2]]);
    } finally {
      await mock.close();
    }
  });

  it("mock-server flags: --twelve-digit-areas, --twelve-digit-share, --existing-by-rule", () => {
    expect(
      mockOptionsFromFlags({
        "twelve-digit-areas": "31-99, 11",
        "twelve-digit-share": "0.08",
        "existing-by-rule": true,
      }),
    ).toEqual({ twelveDigitAreaCodes: ["31-99", "11"], twelveDigitShare: 0.08, existingByRule: true });
    expect(() => mockOptionsFromFlags({ "twelve-digit-areas": "abc" })).toThrow(/--twelve-digit-areas/);
    expect(() => mockOptionsFromFlags({ "twelve-digit-share": "2" })).toThrow(/twelve-digit-share/);
  });
});
