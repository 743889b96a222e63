import type { FormatSection, FormatToken } from "./xlsx-format-code.js";

/**
 * Numbers the way a Brazilian Excel shows them: `,` decimal separator and `.` thousands (Excel stores format codes in
 * en-US spelling and renders them with the regional separators, so `#,##0.00` shows `1.234,56`).
 */
export const DECIMAL_SEPARATOR = ",";
export const GROUP_SEPARATOR = ".";

/**
 * Drops binary floating-point noise: a cell holding =0.1+0.2 stores 0.30000000000000004, and Excel itself only keeps
 * 15 significant digits, so rounding to 15 gives back what the person typed or sees.
 */
export function withoutNoise(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(15)) : value;
}

/**
 * Excel's General display, minus its column-width rounding: all the digits of an integer (`5511987654321`, never
 * `5.511987654321E12`, because a phone number must survive), and up to 15 significant digits otherwise.
 */
export function formatGeneral(value: number): string {
  const clean = withoutNoise(value);
  if (Number.isInteger(clean) && Math.abs(clean) < 1e21) return clean.toFixed(0);
  return String(clean).replace(".", DECIMAL_SEPARATOR).replace("e", "E");
}

/** A string of decimal digits plus one in its last place ("199" → "200", "99" → "100", "" → "1"). */
function plusOneUlp(digits: string): string {
  const out = digits.split("");
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== "9") {
      out[i] = String.fromCharCode(out[i]!.charCodeAt(0) + 1);
      return out.join("");
    }
    out[i] = "0";
  }
  return `1${out.join("")}`;
}

/**
 * A non-negative number with `decimals` decimals as Excel and LibreOffice show it: its 15 significant digits (all a
 * spreadsheet keeps), then rounded half away from zero on those DECIMAL digits. Number#toFixed rounds the binary
 * double instead: 1.575 is stored as 1.57499999999999995…, so toFixed(2) gives "1.57" where the spreadsheet shows
 * 1,58. Returns "123.45" (a dot; the caller places the regional separator).
 */
export function toFixedAsShown(magnitude: number, decimals: number): string {
  const [mantissa = "0", exponent = "0"] = magnitude.toPrecision(15).split("e");
  const [whole = "0", fraction = ""] = mantissa.split(".");
  let digits = whole + fraction;
  let point = whole.length + Number(exponent);
  if (point < 0) {
    digits = "0".repeat(-point) + digits;
    point = 0;
  }
  const keep = point + decimals;
  let kept = digits.slice(0, keep).padEnd(keep, "0");
  if (keep < digits.length && digits.charCodeAt(keep) >= 53 /* "5" */) kept = plusOneUlp(kept);
  const intDigits = kept.slice(0, kept.length - decimals).replace(/^0+(?=\d)/, "") || "0";
  return decimals > 0 ? `${intDigits}.${kept.slice(kept.length - decimals)}` : intDigits;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP_SEPARATOR);
}

/** What an unfilled placeholder shows. */
function blank(ph: "0" | "#" | "?"): string {
  return ph === "0" ? "0" : ph === "?" ? " " : "";
}

interface Layout {
  intPh: Array<"0" | "#" | "?">;
  fracPh: Array<"0" | "#" | "?">;
  grouping: boolean;
  /** Trailing commas after the last integer placeholder divide by 1 000 each. */
  scale: number;
  percent: number;
}

const layouts = new WeakMap<FormatSection, Layout>();

/** Worked out once per section: a column of 100 000 cells shares one format. */
function layoutOf(section: FormatSection): Layout {
  let layout = layouts.get(section);
  if (!layout) layouts.set(section, (layout = computeLayout(section.tokens)));
  return layout;
}

function computeLayout(tokens: FormatToken[]): Layout {
  const layout: Layout = { intPh: [], fracPh: [], grouping: false, scale: 0, percent: 0 };
  let afterDot = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.t === "dot") afterDot = true;
    else if (token.t === "pct") layout.percent++;
    else if (token.t === "ph") (afterDot ? layout.fracPh : layout.intPh).push(token.v);
    else if (token.t === "comma" && !afterDot) {
      const next = tokens.slice(i + 1).find((t) => t.t !== "comma");
      if (next?.t === "ph") layout.grouping = true;
      else layout.scale++;
    }
  }
  return layout;
}

/** The text of each integer placeholder, filled right to left; the leftmost one takes every remaining digit. */
function fillInteger(digits: string, layout: Layout): string[] {
  const { intPh } = layout;
  if (layout.grouping) {
    const zeros = intPh.filter((p) => p === "0").length;
    const padded = digits.padStart(zeros, "0");
    return intPh.map((_, i) => (i === intPh.length - 1 ? groupThousands(padded) : ""));
  }
  const out = new Array<string>(intPh.length);
  let rest = digits;
  for (let i = intPh.length - 1; i >= 0; i--) {
    if (i === 0) out[i] = rest !== "" ? rest : blank(intPh[i]!);
    else if (rest !== "") {
      out[i] = rest.slice(-1);
      rest = rest.slice(0, -1);
    } else out[i] = blank(intPh[i]!);
  }
  return out;
}

/** Fraction digits left to right; trailing zeros under `#` vanish and under `?` become spaces. */
function fillFraction(digits: string, layout: Layout): string[] {
  const out = layout.fracPh.map((_, i) => digits[i] ?? "0");
  for (let i = out.length - 1; i >= 0 && out[i] === "0" && layout.fracPh[i] !== "0"; i--)
    out[i] = blank(layout.fracPh[i]!);
  return out;
}

/**
 * A number through one numeric section: `0`, `#,##0.00`, `0.0%`, `00000-000`, `(00) 00000-0000`, `"R$" #,##0.00`.
 * Literals stay where the code puts them; `signed` means the section itself shows the sign (a negative section).
 */
export function formatWithSection(value: number, section: FormatSection, signed: boolean): string {
  const { tokens } = section;
  const layout = layoutOf(section);
  const magnitude = Math.abs(withoutNoise(value)) * 100 ** layout.percent * 1000 ** -layout.scale;
  const fixed = toFixedAsShown(magnitude, layout.fracPh.length);
  const [intText = "0", fracText = ""] = fixed.split(".");
  const intDigits = intText === "0" ? "" : intText;
  const ints = fillInteger(intDigits, layout);
  const fracs = fillFraction(fracText, layout);
  let text = "";
  let intAt = 0;
  let fracAt = 0;
  let afterDot = false;
  for (const token of tokens) {
    if (token.t === "lit") text += token.v;
    else if (token.t === "pct") text += "%";
    else if (token.t === "dot") {
      afterDot = true;
      text += DECIMAL_SEPARATOR;
    } else if (token.t === "ph") text += afterDot ? fracs[fracAt++] : ints[intAt++];
    else if (token.t === "general") text += formatGeneral(Math.abs(value));
  }
  // A code with no digit placeholder at all (a zero section of "-", a literal label) shows only its literals.
  const negative = value < 0 && !signed && /[1-9]/.test(fixed);
  return `${negative ? "-" : ""}${text}`.trim();
}
