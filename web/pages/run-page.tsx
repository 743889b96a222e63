// Step 5: the run, live. Counters in a role="status" region, the rate and the time left, the last problems, and
// Parar (graceful, like Ctrl-C in the terminal). The run belongs to the server: closing the tab does not stop it,
// and opening this page again picks it up where it is.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api.js";
import type { Run } from "../api-types.js";
import type { PageProps } from "../app.js";
import { AppLink } from "../components/app-link.js";
import { Icon } from "../components/icons.js";
import { Notice, type NoticeKind } from "../components/notice.js";
import { PageHeading } from "../components/page-heading.js";
import { formatElapsed, formatNumber } from "../format.js";
import { navigate } from "../router.js";
import { session } from "../session.js";
import { aboutDuration, t } from "../say.js";
import { problemLine } from "../problem-text.js";
import { errorText } from "../use-async.js";
import { isActive, useRun } from "../use-run.js";

const OUTCOMES = ["created", "updated", "unchanged", "pending", "invalid", "duplicate", "failed"] as const;

const STATE_KIND: Record<Run["state"], NoticeKind> = {
  running: "info",
  stopping: "info",
  finished: "ok",
  stopped: "warning",
  interrupted: "warning",
  failed: "error",
};

function done(run: Run): number {
  const c = run.counts;
  return c.done ?? OUTCOMES.reduce((sum, key) => sum + (c[key] ?? 0), 0);
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

function Counters({ run }: { run: Run }) {
  const active = isActive(run);
  // run.total: the rows this run goes through (known once the file is read); counts.total grows as rows finish.
  const total = typeof run.total === "number" ? run.total : active ? 0 : (run.counts.total ?? 0);
  const finished = done(run);
  const now = useNow(active);
  const elapsed = (run.endedAt ? Date.parse(run.endedAt) : now) - Date.parse(run.startedAt);
  return (
    <section class="card" aria-labelledby="progress-title">
      <h2 id="progress-title">{t("ui.run.statusLabel")}</h2>
      <div role="status" class="run-status" aria-live="polite">
        <p class="run-state">
          <Icon
            name={run.state === "finished" ? "ok" : active ? "clock" : run.state === "failed" ? "error" : "warning"}
          />{" "}
          <strong>{t(`ui.run.state.${run.state}`)}</strong>
        </p>
        <p class="big">
          {total ? t("ui.run.progress", { done: finished, total }) : t("ui.run.progressUnknown", { done: finished })}
        </p>
        <ul class="run-counts">
          {OUTCOMES.map((key) => (
            <li key={key} class={`outcome outcome-${key}`}>
              <span class="count-value">{formatNumber(run.counts[key] ?? 0)}</span>{" "}
              <span>{t(`ui.outcomeWord.${key}`, { n: run.counts[key] ?? 0 })}</span>
            </li>
          ))}
        </ul>
        <p>
          {run.rate && active ? <span>{t("ui.run.rate", { rate: run.rate })} · </span> : null}
          {active && run.etaSeconds != null ? (
            <span>{t("ui.run.eta", { time: aboutDuration(run.etaSeconds) })} · </span>
          ) : null}
          <span>{t("ui.run.elapsed", { time: formatElapsed(elapsed) })}</span>
        </p>
      </div>
      <label for="run-progress" class="visually-hidden">
        {t("ui.run.progressLabel")}
      </label>
      <progress id="run-progress" max={total || 1} value={total ? finished : 0} />
    </section>
  );
}

function Actions({ run, onRun }: { run: Run; onRun: (run: Run) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  async function act(action: () => Promise<Run>, follow: boolean): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const next = await action();
      if (follow && next.id !== run.id) {
        session.rememberRun(next.id);
        navigate(`/envio?envio=${encodeURIComponent(next.id)}`, { replace: true });
      } else onRun(next);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  const resumable = run.state === "stopped" || run.state === "interrupted" || run.state === "failed";
  return (
    <>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <div class="actions">
        {run.state === "running" ? (
          <button type="button" class="danger" onClick={() => void act(() => api.stopRun(run.id), false)}>
            <Icon name="stop" /> {t("ui.run.stop")}
          </button>
        ) : null}
        {resumable ? (
          <button type="button" onClick={() => void act(() => api.continueRun(run.id), true)}>
            {t("ui.run.continue")}
          </button>
        ) : null}
        {!isActive(run) ? (
          <AppLink
            href={`/resultado?envio=${encodeURIComponent(run.id)}`}
            class={`button${resumable ? " secondary" : ""}`}
          >
            {t("ui.run.seeResult")}
          </AppLink>
        ) : null}
      </div>
      <p class="hint">{run.state === "running" ? t("ui.run.stopHint") : resumable ? t("ui.run.continueHint") : ""}</p>
    </>
  );
}

export function RunPage({ query }: PageProps) {
  const id = query.get("envio") ?? "";
  const { run, error, reconnecting, set } = useRun(id);
  useEffect(() => session.rememberRun(id), [id]);
  useEffect(() => {
    if (run?.source.id) session.rememberSource(run.source.id);
  }, [run?.source.id]);
  const problems = run?.lastProblems ?? [];
  return (
    <>
      <PageHeading title={run ? t("ui.run.titleOf", { name: run.source.name }) : t("ui.run.title")}>
        {!run || isActive(run) ? t("ui.run.lead") : null}
      </PageHeading>
      {!run && !error ? <p role="status">{t("ui.common.loading")}</p> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {reconnecting ? <Notice kind="info">{t("ui.run.reconnecting")}</Notice> : null}
      {run ? (
        <>
          {run.error && run.state === "failed" ? (
            <Notice kind={STATE_KIND[run.state]}>
              {run.error.message}
              {run.error.hint ? ` ${run.error.hint}` : ""}
            </Notice>
          ) : null}
          {!isActive(run) && (run.counts.pending ?? 0) > 0 ? (
            <Notice kind="info">{t("ui.result.pendingHint", { n: run.counts.pending ?? 0 })}</Notice>
          ) : null}
          <Counters run={run} />
          <Actions run={run} onRun={set} />
          {problems.length > 0 ? (
            <section class="card" aria-labelledby="last-problems">
              <h2 id="last-problems">{t("ui.run.lastProblems")}</h2>
              <ul class="problems">
                {problems.map((p, i) => (
                  <li key={i}>
                    <Icon name="warning" /> {problemLine(p)}
                    {p.fix ? ` ${p.fix}` : ""}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}
