// Step 6: how each row ended. Counts, a table of one page of rows filtered by outcome (the filter and page live in
// the URL, so back and reload keep them), the files to download, Reenviar falhas, and Continuar when the run did not
// reach the end.
import { useState } from "preact/hooks";
import { api } from "../api.js";
import type { Run } from "../api-types.js";
import type { PageProps } from "../app.js";
import { AppLink } from "../components/app-link.js";
import { CountsList } from "../components/counts-list.js";
import { Icon, type IconName } from "../components/icons.js";
import { Notice } from "../components/notice.js";
import { PageHeading } from "../components/page-heading.js";
import { Pager } from "../components/pager.js";
import { RunFiles } from "../components/run-files.js";
import { navigate, setQuery } from "../router.js";
import { session } from "../session.js";
import { known, t } from "../say.js";
import { problemText } from "../problem-text.js";
import { errorText, useAsync } from "../use-async.js";

const PAGE = 50;
/** The results file's write-back column with the number ChatGuru stored the chat under. */
const numberColumn = "chatguru_chat_number";
const OUTCOMES = ["created", "updated", "unchanged", "pending", "invalid", "duplicate", "failed"] as const;
/** The filter's choices: every outcome, and "problems" (invalid + duplicate + failed, the errors file's rows). */
const FILTERS = [...OUTCOMES, "problems"] as const;

export const OUTCOME_ICON: Record<string, IconName> = {
  created: "ok",
  updated: "ok",
  unchanged: "ok",
  pending: "clock",
  invalid: "warning",
  duplicate: "warning",
  failed: "error",
};

/** An outcome's name; a value newer than these pages is shown as it came. */
function outcomeName(outcome: string): string {
  return known("ui.outcome.", outcome) ?? outcome;
}

export function OutcomeBadge({ outcome }: { outcome: string | undefined }) {
  if (!outcome) return <>{t("ui.common.none")}</>;
  return (
    <span class={`badge badge-${outcome}`}>
      <Icon name={OUTCOME_ICON[outcome] ?? "info"} /> {outcomeName(outcome)}
    </span>
  );
}

function Rows({ run, outcome, offset }: { run: Run; outcome: string; offset: number }) {
  const page = useAsync(() => api.runRows(run.id, outcome, offset, PAGE), [run.id, outcome, offset]);
  const what =
    outcome === "problems"
      ? t("ui.result.problemsFilter").toLowerCase()
      : outcome
        ? outcomeName(outcome).toLowerCase()
        : t("ui.result.all").toLowerCase();
  return (
    <>
      {page.error ? <Notice kind="error">{page.error}</Notice> : null}
      {page.data && page.data.total === 0 ? <p>{t("ui.result.empty")}</p> : null}
      {page.data && page.data.total > 0 ? (
        <>
          <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="rows-caption">
            <table class="data">
              <caption id="rows-caption">{t("ui.result.tableCaption", { what })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("ui.common.row")}</th>
                  <th scope="col">{t("ui.result.colOutcome")}</th>
                  <th scope="col">{t("ui.result.colName")}</th>
                  <th scope="col">{t("ui.result.colPhone")}</th>
                  <th scope="col">{t("ui.result.colNumber")}</th>
                  <th scope="col">{t("ui.result.colDetail")}</th>
                </tr>
              </thead>
              <tbody>
                {page.data.rows.map((row) => (
                  <tr key={row.rowNumber}>
                    <th scope="row">{row.rowNumber}</th>
                    <td>
                      <OutcomeBadge outcome={row.status} />
                    </td>
                    <td>{row.name ?? ""}</td>
                    <td class="nowrap">{row.phone ?? ""}</td>
                    <td class="nowrap">{row.values?.[numberColumn] || t("ui.common.none")}</td>
                    <td>{row.error ? problemText({ message: row.error }) : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            label={t("ui.result.tableCaption", { what })}
            offset={offset}
            limit={PAGE}
            total={page.data.total}
            onChange={(next) => setQuery({ de: next ? String(next) : undefined })}
          />
        </>
      ) : null}
      {page.loading && !page.data ? <p role="status">{t("ui.common.loading")}</p> : null}
    </>
  );
}

function NextSteps({ run }: { run: Run }) {
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const failed = run.counts.failed ?? 0;
  const resumable = run.state === "stopped" || run.state === "interrupted" || run.state === "failed";
  const sourceId = run.source.id;
  async function act(start: () => Promise<Run>): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const next = await start();
      session.rememberRun(next.id);
      navigate(`/envio?envio=${encodeURIComponent(next.id)}`);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  }
  return (
    <section class="card" aria-labelledby="next-title">
      <h2 id="next-title">{t("ui.result.downloadsTitle")}</h2>
      <RunFiles run={run} />
      <p class="hint">{t("ui.result.downloadsHint")}</p>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {resumable ? <Notice kind="warning">{t("ui.result.continueHint")}</Notice> : null}
      {failed > 0 && !resumable ? <p>{t("ui.result.retryHint", { n: failed })}</p> : null}
      {(run.counts.pending ?? 0) > 0 ? <p>{t("ui.result.pendingHint", { n: run.counts.pending ?? 0 })}</p> : null}
      <div class="actions">
        {resumable ? (
          <button type="button" onClick={() => void act(() => api.continueRun(run.id))}>
            {t("ui.run.continue")}
          </button>
        ) : null}
        {failed > 0 && sourceId ? (
          <button
            type="button"
            class={resumable ? "secondary" : ""}
            onClick={() => navigate(`/revisao?fonte=${encodeURIComponent(sourceId)}&reenviar=falhas`)}
          >
            {t("ui.result.retryFailed")}
          </button>
        ) : null}
        <AppLink href="/arquivo" class="button secondary" onClick={() => session.rememberSource(undefined)}>
          {t("ui.result.newImport")}
        </AppLink>
      </div>
    </section>
  );
}

export function ResultPage({ query }: PageProps) {
  const id = query.get("envio") ?? "";
  const wanted = query.get("mostrar") ?? "";
  const outcome = (FILTERS as readonly string[]).includes(wanted) ? wanted : "";
  const offset = Math.max(0, Number(query.get("de")) || 0);
  const run = useAsync(() => api.run(id), [id]);
  const data = run.data;
  return (
    <>
      <PageHeading title={t("ui.result.title")}>
        {data ? t("ui.result.lead", { name: data.source.name }) : null}
      </PageHeading>
      {run.loading && !data ? <p role="status">{t("ui.common.loading")}</p> : null}
      {run.error ? <Notice kind="error">{run.error}</Notice> : null}
      {data ? (
        <>
          {data.state === "running" || data.state === "stopping" ? (
            <Notice kind="info">
              {t(`ui.run.state.${data.state}`)}.{" "}
              <AppLink href={`/envio?envio=${encodeURIComponent(id)}`}>{t("ui.steps.envio")}</AppLink>
            </Notice>
          ) : null}
          <section class="card" aria-labelledby="result-counts">
            <h2 id="result-counts">
              {t("ui.result.countsTitle")}: {t(`ui.run.stateName.${data.state}`)}
            </h2>
            <CountsList
              labelledBy="result-counts"
              items={OUTCOMES.map((key) => ({
                key,
                value: data.counts[key] ?? 0,
                label: t(`ui.outcomeWord.${key}`, { n: data.counts[key] ?? 0 }),
                ...(OUTCOME_ICON[key] && (data.counts[key] ?? 0) > 0 && key !== "unchanged"
                  ? { icon: OUTCOME_ICON[key] }
                  : {}),
              }))}
            />
          </section>
          <NextSteps run={data} />
          <section class="card" aria-labelledby="rows-title">
            <h2 id="rows-title">{t("ui.result.rowsTitle")}</h2>
            <div class="field filter">
              <label for="filter-outcome">{t("ui.result.filter")}</label>
              <select
                id="filter-outcome"
                value={outcome}
                onChange={(event) =>
                  setQuery({
                    mostrar: (event.currentTarget as HTMLSelectElement).value || undefined,
                    de: undefined,
                  })
                }
              >
                <option value="">{t("ui.result.all")}</option>
                <option value="problems">
                  {t("ui.result.problemsFilter")} (
                  {(data.counts.invalid ?? 0) + (data.counts.duplicate ?? 0) + (data.counts.failed ?? 0)})
                </option>
                {OUTCOMES.map((key) => (
                  <option key={key} value={key}>
                    {t(`ui.outcome.${key}`)} ({data.counts[key] ?? 0})
                  </option>
                ))}
              </select>
            </div>
            <Rows run={data} outcome={outcome} offset={offset} />
          </section>
        </>
      ) : null}
    </>
  );
}
