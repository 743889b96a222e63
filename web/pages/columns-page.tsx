// Step 3: what each column becomes in ChatGuru. One <select> per column (never drag-only), its sample values and
// how many cells look valid, the custom field's ChatGuru name with the API name it turns into, and the note and
// message templates with their first rendered rows. Unsaved choices survive a reload (kept in this tab until saved).
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../api.js";
import type { ColumnStats, MappingFile, Source } from "../api-types.js";
import type { PageProps } from "../app.js";
import { AppLink } from "../components/app-link.js";
import { ErrorSummary, type FieldError } from "../components/error-summary.js";
import { Notice } from "../components/notice.js";
import { PageHeading } from "../components/page-heading.js";
import { TemplateEditor } from "../components/template-editor.js";
import {
  problemsOf,
  readMapping,
  setRole,
  writeMapping,
  type MappingView,
  type Mode,
  type Role,
} from "../mapping-model.js";
import { navigate } from "../router.js";
import { session } from "../session.js";
import { t } from "../say.js";
import { errorText, useAsync } from "../use-async.js";
import { useDebounced } from "../use-debounced.js";

const ROLES: Role[] = ["phone", "name", "field", "note", "message", "ignore"];
const MODES: Mode[] = ["upsert", "create", "update"];
const draftKey = (id: string) => `chatguru-sync.columns.${id}`;

function loadDraft(id: string): MappingView | undefined {
  try {
    const raw = window.sessionStorage.getItem(draftKey(id));
    return raw ? (JSON.parse(raw) as MappingView) : undefined;
  } catch {
    return undefined;
  }
}

function saveDraft(id: string, view: MappingView | undefined): void {
  try {
    if (view) window.sessionStorage.setItem(draftKey(id), JSON.stringify(view));
    else window.sessionStorage.removeItem(draftKey(id));
  } catch {
    // No storage: the choices still live until the page is left.
  }
}

/** The API names of the typed field names, from the server (the rule lives in the library, in one place). */
function useApiNames(names: string[]): Map<string, string> {
  const key = useDebounced(names.join("\u0000"), 250);
  const [map, setMap] = useState(new Map<string, string>());
  useEffect(() => {
    const list = key ? key.split("\u0000").filter(Boolean) : [];
    if (list.length === 0) return;
    let live = true;
    api.fieldNames(list).then(
      ({ apiNames }) => live && setMap(new Map(list.map((n, i) => [n, apiNames[i] ?? ""]))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [key]);
  return map;
}

/** The column most likely to be the phone (most valid numbers), where the "choose the phone" error points. */
function phoneCandidate(source: Source, view: MappingView): number {
  let best = 0;
  let bestValid = -1;
  view.choices.forEach((choice, i) => {
    const valid = (source.columns ?? []).find((c) => c.name === choice.column)?.phones?.valid ?? 0;
    if (valid > bestValid) [best, bestValid] = [i, valid];
  });
  return best;
}

function CellCounts({ stats, role }: { stats: ColumnStats | undefined; role: Role }) {
  if (!stats) return <>{t("ui.common.none")}</>;
  const phones = stats.phones;
  if (phones && (role === "phone" || phones.valid > phones.invalid))
    return <>{t("ui.columns.phones", { valid: phones.valid, invalid: phones.invalid })}</>;
  return <>{t("ui.columns.filled", { filled: stats.filled, empty: stats.empty })}</>;
}

function ColumnRow(props: {
  index: number;
  choice: MappingView["choices"][number];
  stats: ColumnStats | undefined;
  apiName: string | undefined;
  suggested: boolean;
  onRole: (role: Role) => void;
  onField: (field: string) => void;
}) {
  const { index, choice, stats } = props;
  const samples = (stats?.samples ?? []).filter((s) => s.trim() !== "").slice(0, 3);
  return (
    <tr class={`role-${choice.role}`}>
      <th scope="row">{choice.column}</th>
      <td>
        {samples.length ? (
          <ul class="samples">
            {samples.map((s, i) => (
              <li key={i}>{s}</li>
            ))}
          </ul>
        ) : (
          <span class="muted">{t("ui.columns.noSamples")}</span>
        )}
      </td>
      <td>
        <CellCounts stats={stats} role={choice.role} />
      </td>
      <td class="role-cell">
        <label class="visually-hidden" for={`role-${index}`}>
          {t("ui.columns.roleLabel", { column: choice.column })}
        </label>
        <select
          id={`role-${index}`}
          value={choice.role}
          aria-describedby={props.suggested && choice.role === "ignore" ? `role-${index}-hint` : undefined}
          onChange={(event) => props.onRole((event.currentTarget as HTMLSelectElement).value as Role)}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`ui.columns.role.${role}`)}
            </option>
          ))}
        </select>
        {props.suggested && choice.role === "ignore" ? (
          <p class="hint" id={`role-${index}-hint`}>
            {t("ui.columns.suggestion")}
          </p>
        ) : null}
        {choice.role === "field" ? (
          <div class="field field-name">
            <label for={`field-${index}`}>{t("ui.columns.fieldLabel", { column: choice.column })}</label>
            <input
              id={`field-${index}`}
              type="text"
              value={choice.field}
              spellcheck={false}
              aria-describedby={`field-${index}-api`}
              onInput={(event) => props.onField((event.currentTarget as HTMLInputElement).value)}
            />
            <p class="hint api-name" id={`field-${index}-api`}>
              {props.apiName ? t("ui.columns.apiName", { name: props.apiName }) : t("ui.columns.fieldHint")}
            </p>
          </div>
        ) : null}
      </td>
    </tr>
  );
}

/** What stops Continuar before anything is saved, each linked to the control to fix. */
function columnErrors(source: Source, view: MappingView): FieldError[] {
  const index = (column?: string) => view.choices.findIndex((c) => c.column === column);
  return problemsOf(view).map((p) =>
    p.kind === "phone"
      ? { target: `role-${phoneCandidate(source, view)}`, text: t("ui.columns.errors.phone") }
      : p.kind === "field"
        ? {
            target: `field-${index(p.column)}`,
            text: t("ui.columns.errors.field", { column: p.column ?? "" }),
          }
        : {
            target: `field-${index(p.column)}`,
            text: t("ui.columns.errors.duplicateField", { name: view.choices[index(p.column)]?.field ?? "" }),
          },
  );
}

/** The server's refusal of a mapping, each problem linked to the field or column it names. */
function savedErrors(error: unknown, view: MappingView): FieldError[] {
  const problems = error instanceof ApiError ? (error.body.problems ?? []) : [];
  if (problems.length === 0) return [{ text: errorText(error) }];
  return problems.map((p) => {
    const field = p.field ? view.choices.findIndex((c) => c.role === "field" && c.field.trim() === p.field) : -1;
    const column = view.choices.findIndex((c) => c.column === p.column);
    const target = field >= 0 ? `field-${field}` : column >= 0 ? `role-${column}` : undefined;
    return {
      ...(target ? { target } : {}),
      text: p.fix ? `${p.message} ${p.fix}` : p.message,
    };
  });
}

function ColumnsTable(props: {
  view: MappingView;
  stats: Map<string, ColumnStats>;
  apiNames: Map<string, string>;
  suggestions: string[];
  onRole: (column: string, role: Role) => void;
  onField: (column: string, field: string) => void;
}) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="columns-caption">
      <table class="data columns-table">
        <caption id="columns-caption">{t("ui.columns.tableCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ui.columns.colColumn")}</th>
            <th scope="col">{t("ui.columns.colSamples")}</th>
            <th scope="col">{t("ui.columns.colCells")}</th>
            <th scope="col">{t("ui.columns.colRole")}</th>
          </tr>
        </thead>
        <tbody>
          {props.view.choices.map((choice, index) => (
            <ColumnRow
              key={choice.column}
              index={index}
              choice={choice}
              stats={props.stats.get(choice.column)}
              apiName={props.apiNames.get(choice.field.trim())}
              suggested={props.suggestions.includes(choice.column)}
              onRole={(role) => props.onRole(choice.column, role)}
              onField={(field) => props.onField(choice.column, field)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ModeChoice({ mode, onMode }: { mode: Mode; onMode: (mode: Mode) => void }) {
  return (
    <fieldset class="card">
      <legend>{t("ui.columns.modeTitle")}</legend>
      {MODES.map((value) => (
        <div class="radio" key={value}>
          <input
            type="radio"
            id={`mode-${value}`}
            name="mode"
            value={value}
            checked={mode === value}
            onChange={() => onMode(value)}
          />
          <label for={`mode-${value}`}>{t(`ui.columns.mode.${value}`)}</label>
        </div>
      ))}
    </fieldset>
  );
}

function Editor(props: { source: Source; mapping: MappingFile; path: string; suggestions: string[] }) {
  const { source } = props;
  const [view, setView] = useState<MappingView>(
    () => loadDraft(source.id) ?? readMapping(props.mapping, source.header),
  );
  const [announce, setAnnounce] = useState("");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const fieldNames = view.choices.filter((c) => c.role === "field").map((c) => c.field.trim());
  const apiNames = useApiNames(fieldNames);
  const stats = new Map((source.columns ?? []).map((c) => [c.name, c]));

  const update = (next: MappingView) => {
    setView(next);
    saveDraft(source.id, next);
    // Once the person has fixed what the summary listed, the summary goes; what is still wrong stays listed.
    if (errors.length > 0) setErrors(columnErrors(source, next));
  };

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const found = columnErrors(source, view);
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      const saved = await api.saveMapping(source.id, writeMapping(props.mapping, view));
      session.rememberCommand(source.id, saved.command);
      saveDraft(source.id, undefined);
      navigate(`/revisao?fonte=${encodeURIComponent(source.id)}`);
    } catch (e) {
      setErrors(savedErrors(e, view));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <ErrorSummary errors={errors} />
      <ColumnsTable
        view={view}
        stats={stats}
        apiNames={apiNames}
        suggestions={props.suggestions}
        onRole={(column, role) => {
          const result = setRole(view, column, role);
          update(result.view);
          setAnnounce(
            result.moved ? t("ui.columns.movedRole", { role: t(`ui.columns.role.${role}`), from: result.moved }) : "",
          );
        }}
        onField={(column, field) =>
          update({
            ...view,
            choices: view.choices.map((c) => (c.column === column ? { ...c, field } : c)),
          })
        }
      />
      <p role="status" class="announce">
        {announce}
      </p>
      <p class="hint">{t("ui.columns.apiRule")}</p>
      {view.otherFields.length ? (
        <p class="hint">
          {t("ui.columns.otherFields")} {view.otherFields.join(", ")}
        </p>
      ) : null}
      <ModeChoice mode={view.mode} onMode={(mode) => update({ ...view, mode })} />
      <TemplateEditor
        id="note-template"
        sourceId={source.id}
        title={t("ui.columns.noteTitle")}
        hint={t("ui.columns.noteHint")}
        label={t("ui.columns.noteLabel")}
        what="note"
        columns={source.header}
        value={view.note}
        onChange={(note) => update({ ...view, note })}
      />
      <TemplateEditor
        id="message-template"
        sourceId={source.id}
        title={t("ui.columns.messageTitle")}
        hint={t("ui.columns.messageHint")}
        label={t("ui.columns.messageLabel")}
        what="message"
        columns={source.header}
        value={view.message}
        warn
        onChange={(message) => update({ ...view, message })}
      />
      <div class="actions">
        <button type="submit" aria-disabled={busy ? true : undefined}>
          {t("ui.common.continue")}
        </button>
        <AppLink href={`/arquivo?fonte=${encodeURIComponent(source.id)}`} class="button secondary">
          {t("ui.common.back")}
        </AppLink>
      </div>
      <p class="hint">{t("ui.columns.savedAt", { path: props.path })}</p>
    </form>
  );
}

export function ColumnsPage({ query }: PageProps) {
  const id = query.get("fonte") ?? "";
  const loaded = useAsync(async () => {
    const [source, mapping] = await Promise.all([api.source(id), api.mapping(id)]);
    session.rememberSource(id);
    return { source, mapping };
  }, [id]);
  return (
    <>
      <PageHeading title={t("ui.columns.title")}>{t("ui.columns.lead")}</PageHeading>
      {loaded.loading ? <p role="status">{t("ui.common.loading")}</p> : null}
      {loaded.error ? <Notice kind="error">{loaded.error}</Notice> : null}
      {loaded.data ? (
        <Editor
          source={loaded.data.source}
          mapping={loaded.data.mapping.mapping}
          path={loaded.data.mapping.path}
          suggestions={loaded.data.mapping.suggestions ?? []}
        />
      ) : null}
    </>
  );
}
