import { createSource, validate } from "chatguru-sync";

// Encoding, delimiter and header row are detected; createSource's options ({ encoding, delimiter, headerRow }) override.
const report = await validate({ source: createSource("leads.csv"), mappingPath: "mapping.json" });
console.log(`${report.counts.valid} of ${report.counts.total} rows can be sent`);
for (const problem of report.problems.slice(0, 10)) {
  console.log(`row ${problem.row}: ${problem.code} ${problem.message}`);
}
