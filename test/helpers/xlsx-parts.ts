import { writeFileSync } from "node:fs";
import JSZip from "jszip";

/**
 * A workbook written part by part, the way programs other than Excel lay out their XML (gnumeric's indentation,
 * openpyxl's formulas without a cached value, LibreOffice's inline strings): `sheet` is the worksheet's `<sheetData>`
 * content, `strings` the `<sst>` content, `numFmts` the custom number formats (id → code) that `s` indexes from 1.
 */
export interface XlsxParts {
  sheet: string;
  strings?: string;
  numFmts?: Record<number, string>;
  /** Indentation between every tag, as gnumeric writes it. @default false */
  pretty?: boolean;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function styles(numFmts: Record<number, string>): string {
  const ids = Object.keys(numFmts).map(Number);
  const fmts = ids.map((id) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(numFmts[id]!)}"/>`).join("");
  const xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
    .concat(ids.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`))
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet ${NS}>` +
    (ids.length ? `<numFmts count="${ids.length}">${fmts}</numFmts>` : "") +
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${ids.length + 1}">${xfs}</cellXfs></styleSheet>`
  );
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Breaks a line and indents before every tag, as gnumeric's XML writer does — except the end tag right after a
 * value (`<t>Florianópolis</t>`): the indentation lies between elements, never inside a value.
 */
function indent(xml: string): string {
  let depth = 0;
  return xml.replace(
    /<(\/?)([^>]*?)(\/?)>/g,
    (tag, closing: string, _body: string, selfClosing: string, at: number) => {
      if (tag.startsWith("<?")) return tag;
      if (closing) depth--;
      const afterValue = closing !== "" && at > 0 && xml[at - 1] !== ">";
      const out = afterValue ? tag : `\n${"  ".repeat(Math.max(depth, 0))}${tag}`;
      if (!closing && !selfClosing) depth++;
      return out;
    },
  );
}

export async function writeXlsxParts(path: string, parts: XlsxParts): Promise<string> {
  const layout = (xml: string) => (parts.pretty ? indent(xml) : xml);
  const zip = new JSZip();
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
  zip.file(
    "[Content_Types].xml",
    `${head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      "</Types>",
  );
  zip.file(
    "_rels/.rels",
    `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      "</Relationships>",
  );
  zip.file(
    "xl/workbook.xml",
    layout(
      `${head}<workbook ${NS} ${REL_NS}><sheets><sheet name="Leads" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `${head}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      "</Relationships>",
  );
  zip.file("xl/styles.xml", styles(parts.numFmts ?? {}));
  zip.file("xl/sharedStrings.xml", layout(`${head}<sst ${NS}>${parts.strings ?? ""}</sst>`));
  zip.file(
    "xl/worksheets/sheet1.xml",
    layout(`${head}<worksheet ${NS}><sheetData>${parts.sheet}</sheetData></worksheet>`),
  );
  // Deflated: exceljs's streaming unzip intermittently drops entries of a stored zip.
  writeFileSync(path, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return path;
}
