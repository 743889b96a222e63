// How the file was read — encoding, separator, header row, worksheet — each shown as detected and changeable.
import { useState } from "preact/hooks";
import type { Source, SourceRead } from "../api-types.js";
import { texts } from "../texts.js";

const t = texts.file.read;

const ENCODINGS = ["utf-8", "windows-1252", "utf-16le", "utf-16be"];
const DELIMITERS = [",", ";", "\t", "|"];

function options(values: string[], current: string | undefined, label: (v: string) => string) {
  const all = current && !values.includes(current.toLowerCase()) ? [current, ...values] : values;
  return all.map((v) => (
    <option key={v} value={v}>
      {label(v)}
    </option>
  ));
}

interface Form {
  encoding: string;
  delimiter: string;
  headerRow: number;
  sheet: string;
}

export function ReadOptions(props: { source: Source; busy: boolean; onApply: (read: SourceRead) => void }) {
  const { read, kind } = props.source;
  const [form, setForm] = useState<Form>({
    encoding: read.encoding?.toLowerCase() ?? "utf-8",
    delimiter: read.delimiter ?? ",",
    headerRow: read.headerRow ?? 1,
    sheet: read.sheet ?? "",
  });
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const value = (event: Event) => (event.currentTarget as HTMLSelectElement | HTMLInputElement).value;
  return (
    <form
      class="read-options"
      onSubmit={(event) => {
        event.preventDefault();
        if (props.busy) return;
        const next: SourceRead = {};
        if (kind === "csv") {
          next.encoding = form.encoding;
          next.delimiter = form.delimiter;
        }
        if (kind !== "csv" && form.sheet) next.sheet = form.sheet;
        next.headerRow = Math.max(1, Math.floor(Number(form.headerRow) || 1));
        props.onApply(next);
      }}
    >
      {kind === "csv" ? (
        <>
          <div class="field">
            <label for="read-encoding">{t.encoding}</label>
            <select id="read-encoding" value={form.encoding} onChange={(e) => set({ encoding: value(e) })}>
              {options(ENCODINGS, form.encoding, t.encodingName)}
            </select>
          </div>
          <div class="field">
            <label for="read-delimiter">{t.delimiter}</label>
            <select id="read-delimiter" value={form.delimiter} onChange={(e) => set({ delimiter: value(e) })}>
              {options(DELIMITERS, form.delimiter, t.delimiterName)}
            </select>
          </div>
        </>
      ) : null}
      {kind !== "csv" && (read.sheets?.length ?? 0) > 0 ? (
        <div class="field">
          <label for="read-sheet">{t.sheet}</label>
          <select id="read-sheet" value={form.sheet} onChange={(e) => set({ sheet: value(e) })}>
            {options(read.sheets ?? [], form.sheet, (v) => v)}
          </select>
        </div>
      ) : null}
      <div class="field">
        <label for="read-header">{t.headerRow}</label>
        <input
          id="read-header"
          type="number"
          min={1}
          step={1}
          inputMode="numeric"
          value={form.headerRow ?? 1}
          onInput={(e) => set({ headerRow: Number(value(e)) })}
        />
      </div>
      <button type="submit" class="secondary" aria-disabled={props.busy ? true : undefined}>
        {props.busy ? t.applying : t.apply}
      </button>
    </form>
  );
}
