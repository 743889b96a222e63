import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { normalizePhone } from "../../../src/mapping/phone.js";

describe("normalizePhone", () => {
  it.each([
    ["+55 (11) 98765-4321", "5511987654321", "551187654321"],
    ["11987654321", "5511987654321", "551187654321"],
    ["(47) 99756-5906", "5547997565906", "554797565906"],
    ["011 98765 4321", "5511987654321", "551187654321"],
    ["0xx11 98765-4321", "5511987654321", "551187654321"],
    ["0XX11 98765-4321", "5511987654321", "551187654321"],
    ["5511987654321", "5511987654321", "551187654321"],
    ["55 47 9756-5906", "5547997565906", "554797565906"],
    ["+55 47 9756-5906", "5547997565906", "554797565906"],
    ["47 9756-5906", "5547997565906", "554797565906"],
    ["  11.98765.4321 ", "5511987654321", "551187654321"],
    ["0 21 11 98765-4321", "5511987654321", "551187654321"],
    ["55 99123 4567", "5555991234567", "555591234567"],
    // Excel and pandas write a number cell as a float: the trailing ".0" is not a digit of the phone.
    ["5513979063394.0", "5513979063394", "551379063394"],
    ["5511987654321,0", "5511987654321", "551187654321"],
    [" 11987654321.00 ", "5511987654321", "551187654321"],
    ["+5511987654321.0", "5511987654321", "551187654321"],
  ])("Brazilian mobile %j → canonical %s, alternate %s", (raw, canonical, alternate) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, phone: { canonical, alternate } });
  });

  it.each([
    ["(11) 3333-4444", "551133334444"],
    ["+55 31 3222-4455", "553132224455"],
    ["4833221100", "554833221100"],
  ])("Brazilian landline %j → canonical only", (raw, canonical) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, phone: { canonical } });
  });

  it.each([
    ["+351 912 345 678", "351912345678"],
    ["+1 (212) 555-0123", "12125550123"],
    ["+44 7911 123456", "447911123456"],
  ])("a valid foreign number written with + is kept as is: %j", (raw, canonical) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, phone: { canonical } });
  });

  it("a default country other than BR reads national numbers of that country", () => {
    expect(normalizePhone("912 345 678", "PT")).toEqual({ ok: true, phone: { canonical: "351912345678" } });
  });

  it.each([
    ["12345", '"12345" is not a valid phone number (too short)'],
    ["abc", '"abc" is not a valid phone number (contains letters)'],
    ["11 9876 ramal 5", '"11 9876 ramal 5" is not a valid phone number (contains letters)'],
    ["", '"" is not a valid phone number (empty)'],
    ["   ", '"   " is not a valid phone number (empty)'],
    ["10 98765-4321", '"10 98765-4321" is not a valid phone number (unknown Brazilian area code 10)'],
    ["11 88765-4321", '"11 88765-4321" is not a valid phone number (a 9-digit number must start with 9)'],
    ["11 98765-43210", '"11 98765-43210" is not a valid phone number (too long)'],
    ["+55 11 1234-5678", '"+55 11 1234-5678" is not a valid phone number (not a valid number)'],
    ["+351 12", '"+351 12" is not a valid phone number (too short)'],
    // Only a zero fraction is Excel's float form; any other decimal is a typo, not a phone.
    ["5511987654321.5", '"5511987654321.5" is not a valid phone number (too long)'],
  ])("rejects %j with a message quoting it", (raw, message) => {
    expect(normalizePhone(raw)).toEqual({ ok: false, message });
  });

  it.each(["5,51199E+12", "5.51199E+12", "5,51E+12", " 5,51199e+12 ", "5.51199E12"])(
    "%j (Excel's scientific notation) is invalid with its own reason, never read as a number",
    (raw) => {
      const result = normalizePhone(raw);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.message).toBe(
        `"${raw}" is not a valid phone number (Excel wrote it in scientific notation and its last digits were lost when ` +
          "the file was saved: in Excel, format the phone column so every digit shows (Formatar Células › Número with " +
          "0 casas decimais, or Texto) and save the CSV again, or use the .xlsx itself as the source)",
      );
    },
  );

  it("the digit fast path agrees with libphonenumber on every valid Brazilian mobile and landline shape", () => {
    const areas = ["11", "21", "31", "41", "47", "48", "51", "61", "71", "81", "99"];
    let checked = 0;
    for (const area of areas) {
      for (let i = 0; i < 40; i++) {
        const mobile = `9${String((i * 7919 + 1234567) % 100_000_000).padStart(8, "0")}`;
        const landline = `${2 + (i % 4)}${String((i * 104729) % 10_000_000).padStart(7, "0")}`;
        for (const subscriber of [mobile, landline]) {
          const expected = parsePhoneNumberFromString(`+55${area}${subscriber}`)!;
          const fast = normalizePhone(`(${area}) ${subscriber}`);
          if (expected.isValid()) {
            expect(fast.ok, `${area} ${subscriber}`).toBe(true);
            if (fast.ok) expect(fast.phone.canonical).toBe(`${expected.countryCallingCode}${expected.nationalNumber}`);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
  // How fast 100 000 clean numbers normalise (the digit path) is measured by `npm run bench -- quick-paths`.
});
