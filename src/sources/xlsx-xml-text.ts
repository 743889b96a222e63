import { StringDecoder } from "node:string_decoder";

/**
 * The XML of a workbook's shared strings and worksheets, with only the text a cell holds (values as the
 * person sees them). exceljs's streaming reader adds EVERY text node it meets to the current cell, including the
 * indentation between tags that gnumeric and other pretty-printing writers put there:
 *
 *     <si>
 *       <t>Florianópolis</t>
 *     </si>
 *
 * came out as "Florianópolis\n  " (and was sent to ChatGuru that way: names are trimmed, custom fields are not).
 * This filter sits between the zip entry and exceljs's parser and applies the XML rules a spreadsheet applies:
 * - text outside `<t>`, `<v>` and `<f>` is markup layout, not content: whitespace there is dropped;
 * - a cell's plain `<t>` (directly under `<si>` or `<is>`) without `xml:space="preserve"` loses its leading and
 *   trailing whitespace, as Excel shows it (writers that mean the spaces — Excel, LibreOffice, openpyxl — mark them
 *   with xml:space="preserve", which is kept exactly);
 * - a rich-text run (`<r><t>`) is kept as is: its spaces join the runs ("Maria" + " " + "Silva").
 * It also decodes UTF-8 across chunk boundaries (exceljs decodes each chunk on its own, so an accent split between
 * two chunks became two replacement characters).
 */
export class CellXmlText {
  private readonly decoder = new StringDecoder("utf8");
  /** The last tag opened a text-bearing element (`<t>`, `<v>`, `<f>`): the text after it is a value. */
  private inValue = false;
  /** Inside a cell's plain `<t>` whose whitespace is not marked to be preserved. */
  private trimT = false;
  /** The last tag opened `<si>` or `<is>`: a `<t>` right after it is the cell's whole text, not a rich-text run. */
  private afterCellStart = false;
  /**
   * What the last chunk left undecided, in pieces: a text node that has not ended yet grows by whole chunks without
   * being re-read, so an 11 MB cell costs one pass instead of one pass per chunk over everything before it.
   */
  private carry: string[] = [];

  /** Passes `chunks` through the filter; the output is strings (exceljs's parser takes them as they are). */
  static async *filter(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
    const text = new CellXmlText();
    for await (const chunk of chunks) {
      const out = text.push(chunk);
      if (out !== "") yield out;
    }
    const out = text.end();
    if (out !== "") yield out;
  }

  push(chunk: Buffer | string): string {
    const decoded = typeof chunk === "string" ? chunk : this.decoder.write(chunk);
    if (this.carriesText() && !decoded.includes("<")) {
      this.carry.push(decoded);
      return "";
    }
    return this.step(this.takeCarry() + decoded, false);
  }

  end(): string {
    return this.step(this.takeCarry() + this.decoder.end(), true);
  }

  /** The carry is the start of a text node (not a tag cut by the chunk's end): a chunk with no `<` only extends it. */
  private carriesText(): boolean {
    const first = this.carry[0];
    return first !== undefined && first !== "" && first.charCodeAt(0) !== 60; /* < */
  }

  private takeCarry(): string {
    const carried = this.carry.length === 1 ? this.carry[0]! : this.carry.join("");
    this.carry = [];
    return carried;
  }

  /**
   * Copies `input` through, changing only text nodes that need it: a file without layout whitespace (what Excel
   * writes) comes out as one slice of itself. Elements t/v/f hold no child elements, so the tag before a text node
   * says whether it is a value — no stack of open elements is needed.
   */
  private step(input: string, final: boolean): string {
    if (!final && !LAYOUT_SPACE.test(input)) {
      const skimmed = this.skim(input);
      if (skimmed !== undefined) return skimmed;
    }
    const out: string[] = [];
    let copiedTo = 0;
    let i = 0;
    while (i < input.length) {
      if (input.charCodeAt(i) === 60 /* < */) {
        const end = tagEnd(input, i);
        if (end < 0) {
          // A tag cut off by the end of the file is passed on, so the XML parser reports the damage.
          if (final) i = input.length;
          break;
        }
        this.tag(input, i, end);
        i = end + 1;
        continue;
      }
      let next = input.indexOf("<", i);
      if (next < 0) {
        if (!final) break;
        next = input.length;
      }
      const kept = this.text(input, i, next);
      if (kept !== undefined) {
        out.push(input.slice(copiedTo, i), kept);
        copiedTo = next;
      }
      i = next;
    }
    this.carry = [input.slice(i)];
    if (copiedTo === 0 && out.length === 0) return i === input.length ? input : input.slice(0, i);
    out.push(input.slice(copiedTo, i));
    return out.join("");
  }

  /**
   * A chunk where no whitespace touches a tag has no text node to change (what Excel, LibreOffice and exceljs write):
   * it goes through as is, up to its last tag (kept for the next chunk, it may be cut), and the state after it is
   * what its last two tags make it. Undefined when those tags are not plain elements: the full pass decides.
   */
  private skim(input: string): string | undefined {
    const cut = input.lastIndexOf("<");
    const last = cut > 0 ? input.lastIndexOf("<", cut - 1) : -1;
    const before = last > 0 ? input.lastIndexOf("<", last - 1) : -1;
    if (before < 0) return undefined;
    const beforeEnd = tagEnd(input, before);
    const lastEnd = tagEnd(input, last);
    if (beforeEnd < 0 || beforeEnd > last || lastEnd < 0 || lastEnd > cut) return undefined;
    if (isMarkup(input, before) || isMarkup(input, last)) return undefined;
    this.tag(input, before, beforeEnd);
    this.tag(input, last, lastEnd);
    this.carry = [input.slice(cut)];
    return input.slice(0, cut);
  }

  /** The replacement for the text node input[start, end), or undefined to keep it as it is. */
  private text(input: string, start: number, end: number): string | undefined {
    const first = input.charCodeAt(start);
    const last = input.charCodeAt(end - 1);
    if (!isSpace(first) && !isSpace(last)) return undefined;
    if (this.inValue) return this.trimT ? trimXml(input.slice(start, end)) : undefined;
    return isXmlSpace(input, start, end) ? "" : undefined;
  }

  private tag(input: string, start: number, end: number): void {
    const second = input.charCodeAt(start + 1);
    // Comments, CDATA, processing instructions and declarations open no element.
    if (second === 33 /* ! */ || second === 63 /* ? */) return;
    const opens = second !== 47 /* / */ && input.charCodeAt(end - 1) !== 47;
    const kind = opens ? elementKind(input, start + 1) : OTHER;
    this.trimT =
      kind === TEXT && this.afterCellStart && !/\bxml:space\s*=\s*["']preserve["']/.test(input.slice(start, end));
    this.inValue = kind === TEXT || kind === VALUE;
    this.afterCellStart = kind === CELL_START;
  }
}

/** Whitespace touching a tag: only then can a text node need a change. */
const LAYOUT_SPACE = />[ \t\r\n]|[ \t\r\n]</;

/** A comment, CDATA section, processing instruction or declaration: not an element. */
function isMarkup(input: string, start: number): boolean {
  const second = input.charCodeAt(start + 1);
  return second === 33 /* ! */ || second === 63; /* ? */
}

/** Element kinds that matter here: `<t>` (text), `<v>`/`<f>` (a value or formula), `<si>`/`<is>` (a cell's text). */
const OTHER = 0;
const TEXT = 1;
const VALUE = 2;
const CELL_START = 3;

/** The kind of the element whose name starts at `at`, ignoring a namespace prefix (`x:t` is `t`); no string is made. */
function elementKind(input: string, at: number): number {
  let from = at;
  let end = at;
  for (;;) {
    const c = input.charCodeAt(end);
    if (Number.isNaN(c) || isSpace(c) || c === 62 /* > */ || c === 47 /* / */) break;
    if (c === 58 /* : */) from = end + 1;
    end++;
  }
  const a = input.charCodeAt(from);
  if (end - from === 1) return a === 116 /* t */ ? TEXT : a === 118 /* v */ || a === 102 /* f */ ? VALUE : OTHER;
  if (end - from !== 2) return OTHER;
  const b = input.charCodeAt(from + 1);
  return (a === 115 /* s */ && b === 105) /* i */ || (a === 105 && b === 115) ? CELL_START : OTHER;
}

/** Index of the `>` that ends the markup starting at `start`, or -1 when it is not in `input` yet. */
function tagEnd(input: string, start: number): number {
  const second = input.charCodeAt(start + 1);
  if (second === 33 /* ! */ || second === 63 /* ? */) return markupEnd(input, start);
  let from = start + 1;
  for (;;) {
    const gt = input.indexOf(">", from);
    if (gt < 0) return -1;
    // A `>` inside a quoted attribute value does not end the tag: skip each quoted value that starts before it.
    const quote = firstQuote(input, from, gt);
    if (quote < 0) return gt;
    const closing = input.indexOf(input[quote]!, quote + 1);
    if (closing < 0) return -1;
    from = closing + 1;
  }
}

/** The end of a comment, a CDATA section, a processing instruction or a declaration. */
function markupEnd(input: string, start: number): number {
  if (input.startsWith("<!--", start)) return offsetEnd(input.indexOf("-->", start + 4), 2);
  if (input.startsWith("<![CDATA[", start)) return offsetEnd(input.indexOf("]]>", start + 9), 2);
  if (input.startsWith("<?", start)) return offsetEnd(input.indexOf("?>", start + 2), 1);
  return input.indexOf(">", start);
}

/** The first quote in input[from, before): a tag is short, so a scan (indexOf would search the whole chunk). */
function firstQuote(input: string, from: number, before: number): number {
  for (let i = from; i < before; i++) {
    const c = input.charCodeAt(i);
    if (c === 34 || c === 39) return i;
  }
  return -1;
}

const offsetEnd = (at: number, by: number) => (at < 0 ? -1 : at + by);

/** XML's whitespace characters: space, tab, CR, LF. */
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

function isXmlSpace(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

function trimXml(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}
