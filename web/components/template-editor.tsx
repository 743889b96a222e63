// A note or message text with {{Coluna}} placeholders, a keyboard-friendly "insert column" control, and the first
// rows rendered by the server exactly as they will be sent.
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../api.js";
import type { RenderedRow } from "../api-types.js";
import { t } from "../say.js";
import { errorText } from "../use-async.js";
import { useDebounced } from "../use-debounced.js";
import { Notice } from "./notice.js";

export function TemplateEditor(props: {
  id: string;
  sourceId: string;
  title: string;
  hint: string;
  label: string;
  what: "note" | "message";
  columns: string[];
  value: string;
  warn?: boolean;
  onChange: (value: string) => void;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [insert, setInsert] = useState(props.columns[0] ?? "");
  const [preview, setPreview] = useState<RenderedRow[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const settled = useDebounced(props.value, 400);

  useEffect(() => {
    if (settled.trim() === "") return setPreview(undefined);
    let live = true;
    api.previewTemplate(props.sourceId, settled).then(
      (result) => {
        if (!live) return;
        setPreview(result.rows);
        setError(undefined);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [settled, props.sourceId]);

  function insertColumn(): void {
    const el = area.current;
    const token = `{{${insert}}}`;
    if (!el) return props.onChange(props.value + token);
    const start = el.selectionStart ?? props.value.length;
    const end = el.selectionEnd ?? start;
    props.onChange(props.value.slice(0, start) + token + props.value.slice(end));
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(start + token.length, start + token.length);
    });
  }

  return (
    <section class="card template-editor" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.warn ? <Notice kind="warning">{props.hint}</Notice> : <p class="hint">{props.hint}</p>}
      <div class="field">
        <label for={props.id}>{props.label}</label>
        <textarea
          id={props.id}
          ref={area}
          rows={3}
          value={props.value}
          onInput={(event) => props.onChange((event.currentTarget as HTMLTextAreaElement).value)}
        />
      </div>
      <div class="inline-form">
        <div class="field">
          <label for={`${props.id}-insert`}>
            {t("ui.columns.insertColumnLabel", { what: t(`ui.columns.insertWhat.${props.what}`) })}
          </label>
          <select
            id={`${props.id}-insert`}
            value={insert}
            onChange={(event) => setInsert((event.currentTarget as HTMLSelectElement).value)}
          >
            {props.columns.map((column) => (
              <option key={column} value={column}>
                {column}
              </option>
            ))}
          </select>
        </div>
        <button type="button" class="secondary" onClick={insertColumn}>
          {t("ui.columns.insert")}
        </button>
      </div>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {preview && props.value.trim() ? (
        <div class="preview">
          <h3>{t("ui.columns.previewTitle")}</h3>
          <ul class="rendered">
            {preview.map((row) => (
              <li key={row.rowNumber}>
                <span class="row-label">
                  {t("ui.common.row")} {row.rowNumber}
                </span>
                <span class="rendered-text">{row.text.trim() ? row.text : t("ui.columns.previewEmpty")}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
