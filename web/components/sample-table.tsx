// A few rows of the file as the person's spreadsheet shows them, with the spreadsheet's row numbers. Wide files
// scroll sideways inside a focusable region (keyboard users scroll it with the arrow keys).
import type { SourceRow } from "../api-types.js";
import { t } from "../say.js";

export function SampleTable(props: { caption: string; header: string[]; rows: SourceRow[]; id?: string }) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={`${props.id ?? "sample"}-caption`}>
      <table class="data">
        <caption id={`${props.id ?? "sample"}-caption`}>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ui.common.row")}</th>
            {props.header.map((name) => (
              <th scope="col" key={name}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.rowNumber}>
              <th scope="row">{row.rowNumber}</th>
              {props.header.map((name) => (
                <td key={name}>{row.values[name] ?? ""}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
