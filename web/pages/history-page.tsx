// Every run this computer made, newest first, with its date, file, counts and files; a run that did not reach the
// end offers Continuar (resumes from the journal: no contact or message twice). Filters live in the URL.
import { useState } from "preact/hooks";
import { api } from "../api.js";
import type { Run } from "../api-types.js";
import type { PageProps } from "../app.js";
import { AppLink } from "../components/app-link.js";
import { Icon } from "../components/icons.js";
import { Notice } from "../components/notice.js";
import { PageHeading } from "../components/page-heading.js";
import { Pager } from "../components/pager.js";
import { RunFiles } from "../components/run-files.js";
import { formatDateTime, formatNumber } from "../format.js";
import { navigate, setQuery } from "../router.js";
import { session } from "../session.js";
import { t } from "../say.js";
import { errorText, useAsync } from "../use-async.js";

const PAGE = 50;
const STATES: Run["state"][] = ["running", "stopping", "finished", "stopped", "interrupted", "failed"];
const SHOWN = ["created", "updated", "unchanged", "pending", "invalid", "duplicate", "failed"] as const;

function countsText(run: Run): string {
  const parts = SHOWN.filter((key) => (run.counts[key] ?? 0) > 0).map(
    (key) => `${formatNumber(run.counts[key] ?? 0)} ${t(`ui.outcomeWord.${key}`, { n: run.counts[key] ?? 0 })}`,
  );
  return parts.length ? parts.join(", ") : t("ui.common.none");
}

function StateBadge({ state }: { state: Run["state"] }) {
  const icon =
    state === "finished"
      ? "ok"
      : state === "failed"
        ? "error"
        : state === "running" || state === "stopping"
          ? "clock"
          : "warning";
  return (
    <span class={`badge badge-state-${state}`}>
      <Icon name={icon} /> {t(`ui.run.stateName.${state}`)}
    </span>
  );
}

function ContinueButton({ run, onError }: { run: Run; onError: (text: string) => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      class="small"
      aria-describedby={`run-${run.id}-date run-${run.id}-file`}
      onClick={() => {
        if (busy) return;
        setBusy(true);
        api.continueRun(run.id).then(
          (next) => {
            session.rememberRun(next.id);
            navigate(`/envio?envio=${encodeURIComponent(next.id)}`);
          },
          (e: unknown) => {
            onError(errorText(e));
            setBusy(false);
          },
        );
      }}
    >
      {t("ui.run.continue")}
    </button>
  );
}

/** Filters by state and file name; both live in the URL, so back, reload and a shared link keep them. */
function Filters({ state, file }: { state: string; file: string }) {
  return (
    <form class="filters inline-form card" role="search" onSubmit={(event) => event.preventDefault()}>
      <div class="field">
        <label for="filter-state">{t("ui.history.filterState")}</label>
        <select
          id="filter-state"
          value={state}
          onChange={(e) =>
            setQuery({
              situacao: (e.currentTarget as HTMLSelectElement).value,
              de: undefined,
            })
          }
        >
          <option value="">{t("ui.history.allStates")}</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {t(`ui.run.stateName.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="filter-file">{t("ui.history.filterFile")}</label>
        <input
          id="filter-file"
          type="search"
          value={file}
          onInput={(e) =>
            setQuery({
              arquivo: (e.currentTarget as HTMLInputElement).value,
              de: undefined,
            })
          }
        />
      </div>
    </form>
  );
}

function HistoryRow({ run, onError }: { run: Run; onError: (text: string) => void }) {
  const date = formatDateTime(run.startedAt);
  const resumable = run.state === "stopped" || run.state === "interrupted" || run.state === "failed";
  const active = run.state === "running" || run.state === "stopping";
  return (
    <tr>
      <th scope="row" id={`run-${run.id}-date`}>
        {date}
      </th>
      <td id={`run-${run.id}-file`}>{run.source.name}</td>
      <td>
        <StateBadge state={run.state} />
      </td>
      <td>{countsText(run)}</td>
      <td>
        <RunFiles run={run} short />
      </td>
      <td class="row-actions">
        <div>
          <AppLink
            href={`/${active ? "envio" : "resultado"}?envio=${encodeURIComponent(run.id)}`}
            aria-label={t("ui.history.openLabel", { name: run.source.name, date })}
          >
            {t("ui.history.open")}
          </AppLink>
          {resumable ? <ContinueButton run={run} onError={onError} /> : null}
        </div>
      </td>
    </tr>
  );
}

export function HistoryPage({ query }: PageProps) {
  const runs = useAsync(() => api.runs(), []);
  const [error, setError] = useState<string | undefined>(undefined);
  const state = query.get("situacao") ?? "";
  const file = query.get("arquivo") ?? "";
  const offset = Math.max(0, Number(query.get("de")) || 0);
  const all = runs.data?.runs ?? [];
  const shown = all.filter(
    (run) => (!state || run.state === state) && (!file || run.source.name.toLowerCase().includes(file.toLowerCase())),
  );
  const page = shown.slice(offset, offset + PAGE);
  return (
    <>
      <PageHeading title={t("ui.history.title")}>{t("ui.history.lead")}</PageHeading>
      {runs.loading && !runs.data ? <p role="status">{t("ui.common.loading")}</p> : null}
      {runs.error ? <Notice kind="error">{runs.error}</Notice> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {runs.data ? (
        <>
          <Filters state={state} file={file} />
          <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="history-caption">
            <table class="data history">
              <caption id="history-caption">{t("ui.history.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("ui.history.colDate")}</th>
                  <th scope="col">{t("ui.history.colFile")}</th>
                  <th scope="col">{t("ui.history.colState")}</th>
                  <th scope="col">{t("ui.history.colCounts")}</th>
                  <th scope="col">{t("ui.history.colFiles")}</th>
                  <th scope="col">{t("ui.history.colActions")}</th>
                </tr>
              </thead>
              <tbody>
                {page.map((run) => (
                  <HistoryRow key={run.id} run={run} onError={setError} />
                ))}
              </tbody>
            </table>
          </div>
          {shown.length === 0 ? (
            <p>{all.length === 0 ? t("ui.history.empty") : t("ui.history.emptyFiltered")}</p>
          ) : null}
          <Pager
            label={t("ui.history.caption")}
            offset={offset}
            limit={PAGE}
            total={shown.length}
            onChange={(next) => setQuery({ de: next ? String(next) : undefined })}
          />
        </>
      ) : null}
    </>
  );
}
