// Step 2: the file. Picked or dropped, it is streamed to the server as it is (never read whole by the page); a
// Google Sheets link works too. Then the page shows how the file was read, with a way to change each choice.
import { useState } from "preact/hooks";
import { api, uploadSource } from "../api.js";
import type { Source } from "../api-types.js";
import { AppLink } from "../components/app-link.js";
import { ErrorSummary, type FieldError } from "../components/error-summary.js";
import { TextField } from "../components/field.js";
import { Icon } from "../components/icons.js";
import { Notice } from "../components/notice.js";
import { PageHeading } from "../components/page-heading.js";
import { ReadOptions } from "../components/read-options.js";
import { UploadCard, type UploadProgress } from "../components/upload-card.js";
import { SampleTable } from "../components/sample-table.js";
import { formatBytes, formatDateTime } from "../format.js";
import { navigate } from "../router.js";
import { session } from "../session.js";
import { t } from "../say.js";
import { errorText, useAsync } from "../use-async.js";
import type { PageProps } from "../app.js";

function Recent({ onPick }: { onPick: (source: Source) => void }) {
  const recent = useAsync(() => api.sources(), []);
  const list = (recent.data?.sources ?? []).slice(0, 5);
  if (list.length === 0) return null;
  return (
    <section aria-labelledby="recent-title" class="card">
      <h2 id="recent-title">{t("ui.file.recentTitle")}</h2>
      <ul class="recent">
        {list.map((source) => (
          <li key={source.id}>
            <AppLink href={`/arquivo?fonte=${encodeURIComponent(source.id)}`} onClick={() => onPick(source)}>
              {source.name}
            </AppLink>{" "}
            <span class="hint">
              {t("ui.file.rows", { n: source.rowCount })}
              {source.createdAt ? ` · ${formatDateTime(source.createdAt)}` : ""}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SheetCard(props: { error: string | undefined; onSubmit: (url: string) => void }) {
  const [url, setUrl] = useState("");
  return (
    <section aria-labelledby="sheet-title" class="card">
      <h2 id="sheet-title">{t("ui.file.sheetTitle")}</h2>
      <form
        class="inline-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit(url.trim());
        }}
      >
        <TextField
          id="sheet-url"
          type="url"
          label={t("ui.file.sheetLabel")}
          hint={t("ui.file.sheetHint")}
          error={props.error}
          value={url}
          onValue={setUrl}
        />
        <button type="submit" class="secondary">
          {t("ui.file.useSheet")}
        </button>
      </form>
    </section>
  );
}

const SHEETS_LINK = /^(https:\/\/docs\.google\.com\/spreadsheets\/d\/|sheets:)/;

/** Upload a file (streamed, with progress) or read a Google Sheet; either way the page moves on to what was read. */
function Chooser(props: { onSource: (source: Source) => void }) {
  const app = useAsync(() => api.app(), []);
  const limit = app.data?.uploadLimitBytes;
  const [progress, setProgress] = useState<UploadProgress | undefined>(undefined);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  async function attempt(target: string, load: () => Promise<Source>): Promise<void> {
    setErrors([]);
    setBusy(true);
    try {
      props.onSource(await load());
    } catch (error) {
      setErrors([{ target, text: errorText(error) }]);
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
  }

  function upload(file: File | undefined): void {
    if (!file || busy) return;
    if (limit && file.size > limit) {
      setErrors([
        {
          target: "arquivo",
          text: t("ui.file.errors.tooLarge", { name: file.name, limit: formatBytes(limit) }),
        },
      ]);
      return;
    }
    setProgress({ sent: 0, total: file.size, name: file.name });
    void attempt("arquivo", () => uploadSource(file, (sent, total) => setProgress({ sent, total, name: file.name })));
  }

  function useSheet(url: string): void {
    if (busy) return;
    if (!SHEETS_LINK.test(url)) return setErrors([{ target: "sheet-url", text: t("ui.file.errors.sheetUrl") }]);
    void attempt("sheet-url", () => api.sheetsSource(url));
  }

  return (
    <>
      <ErrorSummary errors={errors} />
      <UploadCard
        limit={limit}
        progress={progress}
        error={errors.find((e) => e.target === "arquivo")?.text}
        onFile={upload}
      />
      <SheetCard error={errors.find((e) => e.target === "sheet-url")?.text} onSubmit={useSheet} />
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
          {source.error
            ? t("ui.file.unreadTitle", { name: source.name })
            : t("ui.file.readTitle", { name: source.name })}
        </h2>
        <p>
          {t("ui.file.rows", { n: source.rowCount })} · {t("ui.file.columns", { n: source.header.length })}
        </p>
        {error ? <Notice kind="error">{error}</Notice> : null}
        {source.error ? (
          <Notice kind="error">
            {source.error.message}
            {source.error.detail ? <p class="notice-detail">{source.error.detail}</p> : null}
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
              setAnnounce(t("ui.file.reread", { n: next.rowCount }));
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
      {source.header.length > 0 ? (
        <SampleTable caption={t("ui.file.sampleCaption")} header={source.header} rows={source.sample ?? []} />
      ) : null}
      {source.rowCount === 0 && !source.error ? <Notice kind="warning">{t("ui.file.empty")}</Notice> : null}
      <div class="actions">
        <button
          type="button"
          onClick={() => {
            if (source.error) return setError(source.error.message);
            if (source.rowCount === 0) return setError(t("ui.file.empty"));
            navigate(`/colunas?fonte=${encodeURIComponent(source.id)}`);
          }}
        >
          {t("ui.common.continue")}
        </button>
        <AppLink href="/arquivo" class="button secondary" onClick={() => session.rememberSource(undefined)}>
          {t("ui.file.another")}
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
    navigate(`/arquivo?fonte=${encodeURIComponent(source.id)}`, {
      replace: !!id,
    });
  };
  return (
    <>
      <PageHeading title={t("ui.file.title")}>{t("ui.file.lead")}</PageHeading>
      {id && loaded.loading ? <p role="status">{t("ui.common.loading")}</p> : null}
      {id && loaded.error ? (
        <Notice kind="error">
          {loaded.error} <AppLink href="/arquivo">{t("ui.file.another")}</AppLink>
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
