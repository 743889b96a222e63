/**
 * Writes the committed .xlsx fixtures (fixtures/xlsx/) with exceljs, the way Excel stores such cells: phone numbers
 * typed as NUMBERS (Excel turns 5511987654321 into a number cell), a date column with a dd/mm/yyyy format, a formula
 * column with its cached result, rich text, a hyperlink, accents, two worksheets, and a variant with title rows above
 * the header. Run: `npx tsx scripts/make-xlsx-fixtures.ts` (re-running rewrites the same content).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import JSZip from "jszip";

const dir = fileURLToPath(new URL("../fixtures/xlsx/", import.meta.url));

/** Fixed timestamps so re-generating gives the same workbook content. */
const CREATED = new Date(Date.UTC(2026, 0, 5, 12, 0, 0));
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

const HEADER = [
  "Nome",
  "Telefone",
  "Celular",
  "Nascimento",
  "Pontos",
  "Total",
  "Valor",
  "Site",
  "Observações",
  "Ativo",
];

interface Lead {
  nome: string | ExcelJS.CellRichTextValue;
  telefone: number | string;
  celular?: number;
  nascimento?: Date;
  pontos: number;
  valor?: number;
  site?: ExcelJS.CellHyperlinkValue;
  obs?: string;
  ativo?: boolean;
}

const LEADS: Lead[] = [
  {
    nome: "João da Silva",
    telefone: 5511987654321,
    celular: 11987654321,
    nascimento: utc(1990, 3, 15),
    pontos: 10,
    valor: 1234.5,
    site: { text: "joao.com.br", hyperlink: "https://joao.com.br" },
    obs: "Cliente desde 2019",
    ativo: true,
  },
  {
    nome: { richText: [{ text: "Maria " }, { text: "Conceição", font: { bold: true } }] },
    telefone: 21987654321,
    nascimento: utc(1985, 12, 1),
    pontos: 0.1,
    valor: 0.1 + 0.2,
    obs: "Ação: ligar às 14h",
    ativo: false,
  },
  { nome: "José Érico", telefone: "+55 (31) 98765-4321", pontos: 7, obs: "" },
  { nome: "Telefone ruim", telefone: 12345, pontos: 1 },
];

function addLeads(sheet: ExcelJS.Worksheet, firstRow: number): void {
  sheet.getRow(firstRow).values = HEADER;
  let r = firstRow + 1;
  for (const [i, lead] of LEADS.entries()) {
    // Row firstRow+3 is left empty: Excel still numbers it, and the reader must keep counting.
    if (i === 2) r++;
    const row = sheet.getRow(r);
    row.getCell(1).value = lead.nome;
    row.getCell(2).value = lead.telefone;
    if (lead.celular !== undefined) row.getCell(3).value = lead.celular;
    if (lead.nascimento) {
      row.getCell(4).value = lead.nascimento;
      row.getCell(4).numFmt = "dd/mm/yyyy";
    }
    row.getCell(5).value = lead.pontos;
    // The cached result is what Excel shows and what the reader must return (it never recalculates).
    row.getCell(6).value = { formula: `E${r}*2`, result: Math.round(lead.pontos * 2 * 100) / 100 };
    if (lead.valor !== undefined) {
      row.getCell(7).value = lead.valor;
      row.getCell(7).numFmt = "#,##0.00";
    }
    if (lead.site) row.getCell(8).value = lead.site;
    if (lead.obs !== undefined) row.getCell(9).value = lead.obs;
    if (lead.ativo !== undefined) row.getCell(10).value = lead.ativo;
    r++;
  }
}

function workbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "chatguru-sync fixtures";
  wb.created = CREATED;
  wb.modified = CREATED;
  return wb;
}

async function leads(): Promise<void> {
  const wb = workbook();
  addLeads(wb.addWorksheet("Leads"), 1);
  const outros = wb.addWorksheet("Outros");
  outros.addRow(["Nome", "Telefone", "Cidade"]);
  outros.addRow(["Ana Paula", 5548999887766, "Florianópolis"]);
  outros.addRow(["Bruno", 5571988776655, "Salvador"]);
  await wb.xlsx.writeFile(`${dir}leads.xlsx`);
}

async function withTitle(): Promise<void> {
  const wb = workbook();
  const sheet = wb.addWorksheet("Leads");
  sheet.getCell("A1").value = "Relatório de leads — março/2026";
  sheet.getCell("A2").value = "Gerado pelo CRM; não editar as colunas";
  addLeads(sheet, 4);
  await wb.xlsx.writeFile(`${dir}leads-title.xlsx`);
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const inline = (text: string) => `<c t="inlineStr"><is><t>${text}</t></is></c>`;

/**
 * A workbook as generators that omit the optional `r` attribute write it (Excel and LibreOffice open it): rows and
 * cells without `r` follow the one before; a row or cell that has one jumps there. Hand-written XML, since every
 * library we have writes `r`. Rows 2, 3, 6 (Telefone empty, Etapa via r="C6") and 7, one shared string, a number.
 */
async function withoutCellRefs(): Promise<void> {
  const zip = new JSZip();
  // Fixed dates in the zip, so re-generating gives the same bytes.
  const file = (path: string, text: string) => zip.file(path, text, { date: CREATED, createFolders: false });
  file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
      `</Types>`,
  );
  file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  file(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">` +
      `<sheets><sheet name="Leads" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  file(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG}">` +
      `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  file(
    "xl/worksheets/sheet1.xml",
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>` +
      `<row>${inline("Nome")}${inline("Telefone")}${inline("Etapa")}</row>` +
      `<row>${inline("Ana")}<c><v>5511987650001</v></c><c t="s"><v>0</v></c></row>` +
      `<row>${inline("Bia")}<c><v>5511987650002</v></c></row>` +
      `<row r="6">${inline("Caio")}<c r="C6" t="inlineStr"><is><t>lead</t></is></c></row>` +
      `<row>${inline("Duda")}<c t="inlineStr"><is><t>+55 11 98765-0004</t></is></c>${inline("lead")}</row>` +
      `</sheetData></worksheet>`,
  );
  file(
    "xl/sharedStrings.xml",
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="1" uniqueCount="1"><si><t>novo</t></si></sst>`,
  );
  // Not needed by a reader, but written last as generators do: exceljs 4.4's streaming reader can pass over the last
  // entry of a zip, and here that would be the shared strings.
  file(
    "docProps/app.xml",
    `<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>chatguru-sync fixtures</Application></Properties>`,
  );
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", platform: "UNIX" });
  writeFileSync(`${dir}no-cell-refs.xlsx`, bytes);
}

mkdirSync(dir, { recursive: true });
await leads();
await withTitle();
await withoutCellRefs();
console.log(`wrote ${dir}leads.xlsx, ${dir}leads-title.xlsx and ${dir}no-cell-refs.xlsx`);
