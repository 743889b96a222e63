// Step 2: the file. Picked or dropped, it is streamed to the server as it is (never read whole by the page); a
// Google Sheets link works too. Then the page shows how the file was read, with a way to change each choice.
import { useState } from "preact/hooks";
import { api, uploadSource } from "../api.js";
import type { Source } from "../api-types.js";
import { AppLink } from "../components/app-link.js";
import { ErrorSummary, type FieldError } from "../components/error-summary.js";
import { describedBy, Field } from "../components/field.js";
import { Icon } from "../components/icons.js";
import { Notice } from "../components/notice.js";
import { PageHeading } from "../components/page-heading.js";
import { ReadOptions } from "../components/read-options.js";
import { SampleTable } from "../components/sample-table.js";
import { formatBytes, formatDateTime, formatNumber, plural } from "../format.js";
import { navigate } from "../router.js";
import { session } from "../session.js";
import { texts } from "../texts.js";
import { errorText, useAsync } from "../use-async.js";
import type { PageProps } from "../app.js";

const t = texts.file;

function Recent({ onPick }: { onPick: (source: Source) => void }) {
  const recent = useAsync(() => api.sources(), []);
  const list = (recent.data?.sources ?? []).slice(0, 5);
  if (list.length === 0) return null;
  return (
    <section aria-labelledby="recent-title" class="card">
      <h2 id="recent-title">{t.recentTitle}</h2>
      <ul class="recent">
        {list.map((source) => (
          <li key={source.id}>
            <AppLink href={`/arquivo?fonte=${encodeURIComponent(source.id)}`} onClick={() => onPick(source)}>
              {source.name}
            </AppLink>{" "}
            <span class="hint">
              {plural(source.rowCount, t.dataRow, t.dataRows, t.noDataRows)}
              {source.createdAt ? ` · ${formatDateTime(source.createdAt)}` : ""}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Chooser(props: { onSource: (source: Source) => void }) {
  const app = useAsync(() => api.app(), []);
  const limit = app.data?.uploadLimitBytes;
  const [progress, setProgress] = useState<{ sent: number; total: number; name: string } | undefined>(undefined);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [sheetUrl, setSheetUrl] = useState("");
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);

  async function upload(file: File | undefined): Promise<void> {
    if (!file || busy) return;
    setErrors([]);
    if (limit && file.size > limit) {
      setErrors([{ target: "arquivo", text: t.errors.tooLarge(file.name, formatBytes(limit)) }]);
      return;
    }
    setBusy(true);
    setProgress({ sent: 0, total: file.size, name: file.name });
    try {
      props.onSource(await uploadSource(file, (sent, total) => setProgress({ sent, total, name: file.name })));
    } catch (error) {
      setErrors([{ target: "arquivo", text: errorText(error) }]);
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
  }

  async function useSheet(event: Event): Promise<void> {
    event.preventDefault();
    if (busy) return;
    if (!/^https:\/\/docs\.google\.com\/spreadsheets\/d\//.test(sheetUrl.trim()) && !/^sheets:/.test(sheetUrl.trim())) {
      setErrors([{ target: "sheet-url", text: t.errors.sheetUrl }]);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      props.onSource(await api.sheetsSource(sheetUrl.trim()));
    } catch (error) {
      setErrors([{ target: "sheet-url", text: errorText(error) }]);
    } finally {
      setBusy(false);
    }
  }

  const fileError = errors.find((e) => e.target === "arquivo")?.text;
  const sheetError = errors.find((e) => e.target === "sheet-url")?.text;
  return (
    <>
      <ErrorSummary errors={errors} />
      <section aria-labelledby="upload-title" class="card">
        <h2 id="upload-title">{t.uploadTitle}</h2>
        <div
          class={`drop-zone${dragging ? " dragging" : ""}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(event) => {
            event.preventDefault();
            setDragging(false);
            void upload(event.dataTransfer?.files[0]);
          }}
        >
          <Field
            id="arquivo"
            label={t.fileLabel}
            hint={limit ? t.fileHintLimit(formatBytes(limit)) : t.fileHint}
            error={fileError}
          >
            <div class="file-picker">
              <span class="file-button-wrap">
                <input
                  id="arquivo"
                  class="file-input"
                  type="file"
                  accept=".csv,.txt,.tsv,.xlsx,.xlsm,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  aria-describedby={describedBy("arquivo", true, fileError)}
                  aria-invalid={fileError ? true : undefined}
                  onChange={(event) => void upload((event.currentTarget as HTMLInputElement).files?.[0])}
                />
                <span class="button file-button" aria-hidden="true">
                  <Icon name="upload" /> {t.chooseFile}
                </span>
              </span>
              <span class="file-name" aria-hidden="true">
                {progress?.name ?? t.noFileChosen}
              </span>
            </div>
          </Field>
          <p class="drop-hint">{t.dropHint}</p>
        </div>
        <div role="status" class="upload-status">
          {progress ? (
            <>
              <label for="upload-progress">{t.uploading(progress.name)}</label>
              <progress id="upload-progress" max={progress.total || 1} value={progress.sent} />
              <span>
                {formatBytes(progress.sent)} / {formatBytes(progress.total)}
              </span>
            </>
          ) : null}
        </div>
      </section>
      <section aria-labelledby="sheet-title" class="card">
        <h2 id="sheet-title">{t.sheetTitle}</h2>
        <form class="inline-form" noValidate onSubmit={(event) => void useSheet(event)}>
          <Field id="sheet-url" label={t.sheetLabel} hint={t.sheetHint} error={sheetError}>
            <input
              id="sheet-url"
              type="url"
              inputMode="url"
              spellcheck={false}
              value={sheetUrl}
              onInput={(event) => setSheetUrl((event.currentTarget as HTMLInputElement).value)}
              aria-describedby={describedBy("sheet-url", true, sheetError)}
              aria-invalid={sheetError ? true : undefined}
            />
          </Field>
          <button type="submit" class="secondary">
            {t.useSheet}
          </button>
        </form>
      </section>
    </>
  );
}

function SourceView(props: { source: Source; onChange: (source: Source) => void }) {
  const { source } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [announce, setAnnounce] = useState("");
  return (
    <>
      <section aria-labelledby="read-title" class="card">
        <h2 id="read-title">
          <Icon name={source.error ? "error" : "ok"} />{" "}
          {source.error ? t.unreadTitle(source.name) : t.readTitle(source.name)}
        </h2>
        <p>
          {plural(source.rowCount, t.dataRow, t.dataRows, t.noDataRows)} ·{" "}
          {plural(source.header.length, t.column, t.columns)}
        </p>
        {error ? <Notice kind="error">{error}</Notice> : null}
        {source.error ? (
          <Notice kind="error">
            {source.error.message}
            {source.error.fix ? ` ${source.error.fix}` : ""}
          </Notice>
        ) : null}
        <ReadOptions
          source={source}
          busy={busy}
          onApply={async (read) => {
            setBusy(true);
            setError(undefined);
            try {
              const next = await api.reread(source.id, read);
              props.onChange(next);
              setAnnounce(t.reread(formatNumber(next.rowCount)));
            } catch (e) {
              setError(errorText(e));
            } finally {
              setBusy(false);
            }
          }}
        />
        <p role="status" class="visually-hidden">
          {announce}
        </p>
      </section>
      <SampleTable caption={t.sampleCaption} header={source.header} rows={source.sample ?? []} />
      {source.rowCount === 0 ? <Notice kind="warning">{t.empty}</Notice> : null}
      <div class="actions">
        <button
          type="button"
          onClick={() => {
            if (source.error) return setError(source.error.message);
            if (source.rowCount === 0) return setError(t.empty);
            navigate(`/colunas?fonte=${encodeURIComponent(source.id)}`);
          }}
        >
          {texts.common.continue}
        </button>
        <AppLink href="/arquivo" class="button secondary" onClick={() => session.rememberSource(undefined)}>
          {t.another}
        </AppLink>
      </div>
    </>
  );
}

export function FilePage({ query }: PageProps) {
  const id = query.get("fonte");
  const loaded = useAsync(() => (id ? api.source(id) : Promise.resolve(undefined)), [id]);
  const show = (source: Source) => {
    session.rememberSource(source.id);
    navigate(`/arquivo?fonte=${encodeURIComponent(source.id)}`, { replace: !!id });
  };
  return (
    <>
      <PageHeading title={t.title}>{t.lead}</PageHeading>
      {id && loaded.loading ? <p role="status">{texts.common.loading}</p> : null}
      {id && loaded.error ? (
        <Notice kind="error">
          {loaded.error} <AppLink href="/arquivo">{t.another}</AppLink>
        </Notice>
      ) : null}
      {id && loaded.data ? <SourceView source={loaded.data} onChange={(s) => loaded.set(s)} /> : null}
      {!id ? (
        <>
          <Chooser onSource={show} />
          <Recent onPick={(source) => session.rememberSource(source.id)} />
        </>
      ) : null}
    </>
  );
}
