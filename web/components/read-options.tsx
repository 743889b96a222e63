// How the file was read — encoding, separator, header row, worksheet — each shown as detected and changeable.
import { useState } from "preact/hooks";
import type { Source, SourceRead } from "../api-types.js";
import { known, t } from "../say.js";

const ENCODINGS = ["utf-8", "windows-1252", "utf-16le", "utf-16be"];
const DELIMITERS = [",", ";", "\t", "|"];
/** A separator's name in the catalog. */
const DELIMITER_NAMES: Readonly<Record<string, string>> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" };

const encodingName = (v: string) => known("ui.file.read.encoding.", v) ?? v;
const delimiterName = (v: string) => known("ui.file.read.delimiter.", DELIMITER_NAMES[v] ?? "") ?? v;

function options(values: string[], current: string | undefined, label: (v: string) => string) {
  const all = current && !values.includes(current.toLowerCase()) ? [current, ...values] : values;
  return all.map((v) => (
    <option key={v} value={v}>
      {label(v)}
    </option>
  ));
}

/** A file that could not be read has no detected encoding or separator: "detect" stays the choice, not UTF-8 and ",". */
const AUTO = "";
const autoOption = () => <option value={AUTO}>{t("ui.file.read.auto")}</option>;

interface Form {
  encoding: string;
  delimiter: string;
  headerRow: number;
  sheet: string;
}

export function ReadOptions(props: { source: Source; busy: boolean; onApply: (read: SourceRead) => void }) {
  const { read, kind } = props.source;
  const [form, setForm] = useState<Form>({
    encoding: read.encoding?.toLowerCase() ?? AUTO,
    delimiter: read.delimiter ?? AUTO,
    headerRow: props.source.error?.suggestedHeaderRow ?? read.headerRow ?? 1,
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
          if (form.encoding !== AUTO) next.encoding = form.encoding;
          if (form.delimiter !== AUTO) next.delimiter = form.delimiter;
        }
        if (kind !== "csv" && form.sheet) next.sheet = form.sheet;
        next.headerRow = Math.max(1, Math.floor(Number(form.headerRow) || 1));
        props.onApply(next);
      }}
    >
      {kind === "csv" ? (
        <>
          <div class="field">
            <label for="read-encoding">{t("ui.file.read.encoding")}</label>
            <select id="read-encoding" value={form.encoding} onChange={(e) => set({ encoding: value(e) })}>
              {autoOption()}
              {options(ENCODINGS, form.encoding, encodingName)}
            </select>
          </div>
          <div class="field">
            <label for="read-delimiter">{t("ui.file.read.delimiter")}</label>
            <select id="read-delimiter" value={form.delimiter} onChange={(e) => set({ delimiter: value(e) })}>
              {autoOption()}
              {options(DELIMITERS, form.delimiter, delimiterName)}
            </select>
          </div>
        </>
      ) : null}
      {kind !== "csv" && (read.sheets?.length ?? 0) > 0 ? (
        <div class="field">
          <label for="read-sheet">{t("ui.file.read.sheet")}</label>
          <select id="read-sheet" value={form.sheet} onChange={(e) => set({ sheet: value(e) })}>
            {options(read.sheets ?? [], form.sheet, (v) => v)}
          </select>
        </div>
      ) : null}
      <div class="field">
        <label for="read-header">{t("ui.file.read.headerRow")}</label>
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
        {props.busy ? t("ui.file.read.applying") : t("ui.file.read.apply")}
      </button>
    </form>
  );
}
