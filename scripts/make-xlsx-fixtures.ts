/**
 * Writes the committed .xlsx fixtures (fixtures/xlsx/) with exceljs, the way Excel stores such cells: phone numbers
 * typed as NUMBERS (Excel turns 5511987654321 into a number cell), a date column with a dd/mm/yyyy format, a formula
 * column with its cached result, rich text, a hyperlink, accents, two worksheets, and a variant with title rows above
 * the header. Run: `npx tsx scripts/make-xlsx-fixtures.ts` (re-running rewrites the same content).
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";

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

mkdirSync(dir, { recursive: true });
await leads();
await withTitle();
console.log(`wrote ${dir}leads.xlsx and ${dir}leads-title.xlsx`);
