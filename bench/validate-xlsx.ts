import { statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { fixed, mb, mobile, pick, prng, runTsChild, writeJson, writeLines, type Bench } from "./lib.js";
import type { XlsxChildReport } from "./validate-xlsx-child.js";

const ROWS = 100_000;
const MAX_RATIO = 3;
const MAX_RSS_BYTES = 250 * 1024 * 1024;

const NAMES = ["Maria", "José", "Ana", "João", "Conceição", "Letícia", "Sebastião", "Bruno", "Camila", "Márcia"];
const LAST = ["Silva", "Santos", "Oliveira", "Araújo", "Ferreira", "Gomes", "Cavalcanti", "Nascimento"];
const CITIES = ["São Paulo", "Rio de Janeiro", "Belo Horizonte", "Florianópolis", "Goiânia", "Belém"];
const STAGES = ["novo", "qualificado", "proposta", "negociação", "cliente"];
const HEADER = ["Telefone", "Nome", "E-mail", "Cidade", "Etapa", "Nascimento", "Valor"];

interface Lead {
  phone: number;
  name: string;
  email: string;
  city: string;
  stage: string;
  born: Date;
  value: number;
}

/** The same deterministic rows for both files: the phone as a NUMBER cell (what Excel makes of a typed phone). */
function* leads(): Generator<Lead> {
  const random = prng(2026);
  for (let i = 0; i < ROWS; i++) {
    const name = `${pick(random, NAMES)} ${pick(random, LAST)}`;
    yield {
      phone: Number(mobile(i, "11")),
      name,
      email: `lead${i}@exemplo.com.br`,
      city: pick(random, CITIES),
      stage: pick(random, STAGES),
      born: new Date(
        Date.UTC(1960 + Math.floor(random() * 45), Math.floor(random() * 12), 1 + Math.floor(random() * 28)),
      ),
      value: Math.round(random() * 1_000_000) / 100,
    };
  }
}

/** Like Excel writes it: shared strings, styles for the date and money formats. Streamed, so the bench stays small. */
async function writeXlsx(path: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet("Leads");
  ws.addRow(HEADER).commit();
  for (const lead of leads()) {
    const row = ws.addRow([lead.phone, lead.name, lead.email, lead.city, lead.stage, lead.born, lead.value]);
    row.getCell(6).numFmt = "dd/mm/yyyy";
    row.getCell(7).numFmt = "#,##0.00";
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

/** The CSV a person would export from that sheet: the cells as shown, `;` like Excel-BR. */
function* csvLines(): Generator<string> {
  yield HEADER.join(";");
  const pad = (n: number) => String(n).padStart(2, "0");
  for (const l of leads()) {
    const born = `${pad(l.born.getUTCDate())}/${pad(l.born.getUTCMonth() + 1)}/${l.born.getUTCFullYear()}`;
    const value = l.value
      .toFixed(2)
      .replace(".", ",")
      .replace(/\B(?=(\d{3})+(?!\d))/, ".");
    yield [l.phone, l.name, l.email, l.city, l.stage, born, value].join(";");
  }
}

const CHILD = fileURLToPath(new URL("./validate-xlsx-child.ts", import.meta.url));

const runChild = (source: string, mapping: string) => runTsChild<XlsxChildReport>(CHILD, [source, mapping]);

/** A 100 000-row workbook streams — validate() within 3× the same rows as CSV, peak RSS ≤ 250 MB. */
export const validateXlsx: Bench = {
  name: "validate-xlsx",
  title: "validate() on a 100 000-row .xlsx vs the same rows as CSV; peak RSS in a child process",
  async run(dir) {
    const xlsx = join(dir, "leads-100k.xlsx");
    const csv = join(dir, "leads-100k.csv");
    const genStarted = performance.now();
    await writeXlsx(xlsx);
    await writeLines(csv, csvLines());
    const genMs = performance.now() - genStarted;
    const mapping = writeJson(join(dir, "mapping.json"), {
      phone: { column: "Telefone", default_country: "BR" },
      name: "Nome",
      custom_fields: { Email: "E-mail", Etapa: "Etapa", Cidade_UF: { template: "{{Cidade}}" } },
    });
    const fromCsv = await runChild(csv, mapping);
    const fromXlsx = await runChild(xlsx, mapping);
    if (fromCsv.rows !== ROWS || fromXlsx.rows !== ROWS)
      throw new Error(`row count mismatch: csv ${fromCsv.rows}, xlsx ${fromXlsx.rows}, expected ${ROWS}`);
    if (JSON.stringify(fromCsv.counts) !== JSON.stringify(fromXlsx.counts))
      throw new Error(
        `different verdicts: csv ${JSON.stringify(fromCsv.counts)}, xlsx ${JSON.stringify(fromXlsx.counts)}`,
      );
    const ratio = fromXlsx.ms / fromCsv.ms;
    return {
      name: this.name,
      setup: `100k rows ${mb(statSync(xlsx).size)}`,
      measured: `${fixed(ratio, 2)}× CSV, RSS ${mb(fromXlsx.maxRssBytes)}`,
      ideal: `≤ ${MAX_RATIO}×, ≤ ${mb(MAX_RSS_BYTES)}`,
      pass: ratio <= MAX_RATIO && fromXlsx.maxRssBytes <= MAX_RSS_BYTES,
      notes: [
        `csv ${fixed(fromCsv.ms / 1000, 2)} s (RSS ${mb(fromCsv.maxRssBytes)}, ${mb(statSync(csv).size)}); xlsx ${fixed(fromXlsx.ms / 1000, 2)} s (${fixed(ROWS / fromXlsx.ms, 0)}k rows/s)`,
        `same verdicts on both: ${JSON.stringify(fromXlsx.counts)}; files generated in ${fixed(genMs / 1000, 1)} s`,
      ],
    };
  },
};
