import { statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fixed, mb, mobile, pick, prng, runTsChild, typed, writeJson, writeLines, type Bench } from "./lib.js";
import type { ChildReport } from "./validate-child.js";

const ROWS = 1_000_000;
const MAX_RATIO = 2.5;
const MAX_RSS_BYTES = 200 * 1024 * 1024;

const CITIES: ReadonlyArray<readonly [city: string, uf: string, ddd: string]> = [
  ["São Paulo", "SP", "11"],
  ["Campinas", "SP", "19"],
  ["Santos", "SP", "13"],
  ["Rio de Janeiro", "RJ", "21"],
  ["Niterói", "RJ", "21"],
  ["Belo Horizonte", "MG", "31"],
  ["Uberlândia", "MG", "34"],
  ["Curitiba", "PR", "41"],
  ["Londrina", "PR", "43"],
  ["Joinville", "SC", "47"],
  ["Florianópolis", "SC", "48"],
  ["Porto Alegre", "RS", "51"],
  ["Caxias do Sul", "RS", "54"],
  ["Salvador", "BA", "71"],
  ["Recife", "PE", "81"],
  ["Fortaleza", "CE", "85"],
  ["Brasília", "DF", "61"],
  ["Goiânia", "GO", "62"],
  ["Manaus", "AM", "92"],
  ["Belém", "PA", "91"],
  ["São Luís", "MA", "98"],
];
const FIRST = [
  "Maria",
  "José",
  "Ana",
  "João",
  "Antônio",
  "Francisca",
  "Carlos",
  "Paulo",
  "Adriana",
  "Lucas",
  "Juliana",
  "Márcia",
  "Fernanda",
  "Luiz",
  "Gabriel",
  "Letícia",
  "Rafael",
  "Patrícia",
  "Bruno",
  "Camila",
  "Mateus",
  "Aline",
  "Sebastião",
  "Conceição",
];
const LAST = [
  "Silva",
  "Santos",
  "Oliveira",
  "Souza",
  "Rodrigues",
  "Ferreira",
  "Alves",
  "Pereira",
  "Lima",
  "Gomes",
  "Costa",
  "Ribeiro",
  "Martins",
  "Carvalho",
  "Araújo",
  "Melo",
  "Barbosa",
  "Rocha",
  "Dias",
  "Nascimento",
  "Moreira",
  "Cavalcanti",
];
const DOMAINS = [
  "gmail.com",
  "hotmail.com",
  "outlook.com",
  "yahoo.com.br",
  "uol.com.br",
  "bol.com.br",
  "empresa.com.br",
];
const STAGES = ["novo", "qualificado", "proposta", "negociação", "cliente", "perdido", ""];
const BAD_PHONES = ["", "abc", "12345", "(11) 9876", "0800 123 456", "sem telefone"];

function ascii(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/** ~1 % bad phones, ~0.5 % repeated numbers, names with commas (quoted), messy e-mails, empty stages. */
function* realisticRows(count: number): Generator<string> {
  const random = prng(2026);
  // City of every row, so a repeated number is the same canonical number (same DDD) as the row it repeats.
  const cityOf = new Uint8Array(count);
  yield "Telefone,Nome,E-mail,Cidade,UF,Etapa";
  for (let i = 0; i < count; i++) {
    const repeat = i > 10 && random() < 0.005 ? Math.floor(random() * i) : -1;
    cityOf[i] = repeat >= 0 ? cityOf[repeat]! : Math.floor(random() * CITIES.length);
    const [city, uf, ddd] = CITIES[cityOf[i]!]!;
    const first = pick(random, FIRST);
    const last = `${pick(random, LAST)}${random() < 0.7 ? ` ${pick(random, LAST)}` : ""}`;
    const phone =
      random() < 0.01
        ? pick(random, BAD_PHONES)
        : typed(mobile(repeat >= 0 ? repeat : i, ddd), Math.floor(random() * 6));
    const name = random() < 0.03 ? `"${last}, ${first}"` : `${first} ${last}`;
    const user = `${ascii(first)}.${ascii(last.split(" ")[0]!)}${Math.floor(random() * 1000)}`;
    const email =
      random() < 0.05 ? ` ${user.toUpperCase()}@${pick(random, DOMAINS)} ` : `${user}@${pick(random, DOMAINS)}`;
    yield `${phone},${name},${email},${city},${uf},${pick(random, STAGES)}`;
  }
}

const CHILD = fileURLToPath(new URL("./validate-child.ts", import.meta.url));
const runChild = (args: string[]) => runTsChild<ChildReport>(CHILD, args);

/** Validate on 1 000 000 rows runs in ≤ 2.5× a bare csv-parse pass, with peak RSS ≤ 200 MB. */
export const validate1m: Bench = {
  name: "validate-1m",
  title: "validate() on a 1 000 000-row CSV vs a bare csv-parse pass; peak RSS in a child process",
  async run(dir) {
    const csv = join(dir, "leads-1m.csv");
    const genStarted = performance.now();
    await writeLines(csv, realisticRows(ROWS));
    const genMs = performance.now() - genStarted;
    const size = statSync(csv).size;
    const mapping = writeJson(join(dir, "mapping.json"), {
      mode: "upsert",
      phone: { column: "Telefone", default_country: "BR" },
      key: "Telefone",
      name: "Nome",
      custom_fields: {
        Email: { column: "E-mail", transform: ["trim", "lower"] },
        Origem: { value: "planilha-2026" },
        Cidade_UF: { template: "{{Cidade}}/{{UF}}" },
        Etapa: { column: "Etapa", default: "novo" },
      },
      empty: "skip",
    });
    const bare = await runChild(["parse", csv]);
    const checked = await runChild(["validate", csv, mapping]);
    if (bare.rows !== ROWS || checked.rows !== ROWS)
      throw new Error(`row count mismatch: parse ${bare.rows}, validate ${checked.rows}, expected ${ROWS}`);
    const ratio = checked.ms / bare.ms;
    return {
      name: this.name,
      setup: `${ROWS / 1_000_000}M rows ${mb(size)}`,
      measured: `${fixed(ratio, 2)}× parse, RSS ${mb(checked.maxRssBytes)}`,
      ideal: `≤ ${MAX_RATIO}×, ≤ ${mb(MAX_RSS_BYTES)}`,
      pass: ratio <= MAX_RATIO && checked.maxRssBytes <= MAX_RSS_BYTES,
      notes: [
        `bare csv-parse ${fixed(bare.ms / 1000, 2)} s (${fixed(ROWS / bare.ms, 0)}k rows/s, RSS ${mb(bare.maxRssBytes)}); validate ${fixed(checked.ms / 1000, 2)} s (${fixed(ROWS / checked.ms, 0)}k rows/s)`,
        `validate counts ${JSON.stringify(checked.counts)}, ${checked.problemCount} problems; file generated in ${fixed(genMs / 1000, 1)} s`,
      ],
    };
  },
};
