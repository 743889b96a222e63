// Step 4: the plan, before anything is sent — counts of new/changed/unchanged/invalid/duplicate rows, the problems
// by row with the fix, what it costs in requests and time, the first rows exactly as ChatGuru will receive them, the
// messages that will go out and the ones held, and the LGPD consent before any message.
import { useState } from "preact/hooks";
import { api } from "../api.js";
import type { Plan, PlanRequest } from "../api-types.js";
import type { PageProps } from "../app.js";
import { AppLink } from "../components/app-link.js";
import { CountsList, type CountItem } from "../components/counts-list.js";
import { ErrorSummary, type FieldError } from "../components/error-summary.js";
import { Icon } from "../components/icons.js";
import { Notice } from "../components/notice.js";
import { PageHeading } from "../components/page-heading.js";
import { Pager } from "../components/pager.js";
import { navigate } from "../router.js";
import { session } from "../session.js";
import { actionName, costText, planRowTitle } from "../plan-words.js";
import { t } from "../say.js";
import { problemText } from "../problem-text.js";
import { errorText, useAsync } from "../use-async.js";

const PAGE = 20;

const COUNT_KEYS = ["new", "changed", "unchanged", "invalid", "duplicate", "retry"] as const;

function countItems(plan: Plan): CountItem[] {
  return COUNT_KEYS.filter((key) => key !== "retry" || (plan.counts.retry ?? 0) > 0).map((key) => {
    const value = plan.counts[key] ?? 0;
    const attention = (key === "invalid" || key === "duplicate") && value > 0;
    return {
      key,
      value,
      label: t(`ui.review.count.${key}`, { n: value }),
      help: t(`ui.review.countHelp.${key}`),
      ...(attention ? { icon: "warning" as const } : {}),
    };
  });
}

function Problems({ plan }: { plan: Plan }) {
  const [offset, setOffset] = useState(0);
  const rows = plan.problems.slice(offset, offset + PAGE);
  return (
    <section class="card" aria-labelledby="problems-title">
      <h2 id="problems-title">{t("ui.review.problemsTitle")}</h2>
      {plan.problems.length === 0 ? (
        <Notice kind="ok">{t("ui.review.problemsNone")}</Notice>
      ) : (
        <>
          <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="problems-caption">
            <table class="data">
              <caption id="problems-caption">{t("ui.review.problemsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("ui.common.row")}</th>
                  <th scope="col">{t("ui.review.colColumn")}</th>
                  <th scope="col">{t("ui.review.colProblem")}</th>
                  <th scope="col">{t("ui.review.colFix")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p, i) => (
                  <tr key={`${p.row}-${i}`}>
                    <th scope="row">{p.row}</th>
                    <td>{p.column ?? t("ui.common.none")}</td>
                    <td>
                      <span class="badge badge-warning">
                        <Icon name="warning" /> {problemText(p)}
                      </span>
                    </td>
                    <td>{p.fix ?? t("ui.common.none")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            label={t("ui.review.problemsTitle")}
            offset={offset}
            limit={PAGE}
            total={plan.problems.length}
            onChange={setOffset}
          />
          <p class="hint">{t("ui.review.problemsLater")}</p>
        </>
      )}
    </section>
  );
}

function RequestTable({ request, id, row }: { request: PlanRequest; id: string; row: number }) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={id}>
      <table class="data payload">
        <caption id={id}>{t("ui.review.requestCaption", { row, action: actionName(request.action) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ui.review.colParam")}</th>
            <th scope="col">{t("ui.review.colValue")}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(request.params).map(([name, value]) => (
            <tr key={name}>
              <th scope="row">
                <code>{name}</code>
              </th>
              <td class="value">{value === " " ? t("ui.review.space") : value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FirstRows({ plan }: { plan: Plan }) {
  return (
    <section class="card" aria-labelledby="payloads-title">
      <h2 id="payloads-title">{t("ui.review.payloadsTitle")}</h2>
      <p class="hint">{t("ui.review.payloadsHint")}</p>
      {plan.firstRows.length === 0 ? <p>{t("ui.review.payloadNone")}</p> : null}
      {plan.firstRows.map((row) => (
        <div class="plan-row" key={row.row}>
          <h3>{planRowTitle(row)}</h3>
          {row.requests.map((request, i) => (
            <RequestTable key={i} request={request} row={row.row} id={`payload-${row.row}-${i}`} />
          ))}
        </div>
      ))}
    </section>
  );
}

function Messages({ plan }: { plan: Plan }) {
  const messages = plan.messages;
  if (!messages) return null;
  return (
    <section class="card" aria-labelledby="messages-title">
      <h2 id="messages-title">{t("ui.review.messagesTitle")}</h2>
      {messages.count === 0 ? (
        <p>{t("ui.review.messagesNone")}</p>
      ) : (
        <Notice kind="warning">{t("ui.review.messagesCount", { n: messages.count })}</Notice>
      )}
      {messages.overCap ? <p>{t("ui.review.overCap", { n: messages.overCap })}</p> : null}
      {messages.first.length > 0 ? (
        <>
          <p>{t("ui.review.messagesFirst")}</p>
          <ul class="rendered">
            {messages.first.map((m, i) => (
              <li key={i}>
                <span class="row-label">
                  {[t("ui.common.rowN", { row: m.row }), m.number].filter(Boolean).join(" · ")}
                </span>
                <span class="rendered-text">{m.text}</span>
                {m.sendDate ? <span class="hint">{t("ui.review.scheduled", { date: m.sendDate })}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {messages.held ? (
        <>
          <h3>{t("ui.review.heldTitle")}</h3>
          <Notice kind="info">{messages.held.why}</Notice>
        </>
      ) : null}
    </section>
  );
}

/** The same import from a terminal or a cron line (same mapping, so the same journal: nothing is sent twice). */
function TerminalCommand({ sourceId }: { sourceId: string }) {
  const mapping = useAsync(() => api.mapping(sourceId), [sourceId]);
  const command = mapping.data?.command ?? session.command(sourceId);
  if (!command) return null;
  return (
    <details class="card terminal">
      <summary>{t("ui.review.terminalTitle")}</summary>
      <p class="hint">{t("ui.review.terminalHint")}</p>
      <pre>
        <code>{command}</code>
      </pre>
    </details>
  );
}

function StartForm(props: { sourceId: string; plan: Plan; retryFailed: boolean }) {
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const needsConsent = props.plan.needsConsent;
  const [releaseHeld, setReleaseHeld] = useState(false);
  const canRelease = !!props.plan.messages?.held;

  async function start(event: Event): Promise<void> {
    event.preventDefault();
    if (busy) return;
    if (needsConsent && !consent) return setErrors([{ target: "consent", text: t("ui.review.consentError") }]);
    setErrors([]);
    setBusy(true);
    try {
      const run = await api.startRun({
        sourceId: props.sourceId,
        ...(props.retryFailed ? { retryFailed: true } : {}),
        ...(needsConsent ? { consent: true } : {}),
        ...(canRelease && releaseHeld ? { releaseHeld: true } : {}),
      });
      session.rememberRun(run.id);
      navigate(`/envio?envio=${encodeURIComponent(run.id)}`);
    } catch (e) {
      setErrors([{ text: errorText(e) }]);
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={(event) => void start(event)}>
      <ErrorSummary errors={errors} />
      {needsConsent ? (
        <fieldset class={`card consent${errors.length && !consent ? " field-error" : ""}`}>
          <legend>{t("ui.review.consentTitle")}</legend>
          <div class="checkbox">
            <input
              type="checkbox"
              id="consent"
              checked={consent}
              aria-invalid={errors.length && !consent ? true : undefined}
              onChange={(event) => setConsent((event.currentTarget as HTMLInputElement).checked)}
            />
            <label for="consent">{t("ui.review.consentLabel")}</label>
          </div>
        </fieldset>
      ) : null}
      {canRelease ? (
        <div class="checkbox card">
          <input
            type="checkbox"
            id="release-held"
            checked={releaseHeld}
            onChange={(event) => setReleaseHeld((event.currentTarget as HTMLInputElement).checked)}
          />
          <label for="release-held">{t("ui.review.releaseHeld")}</label>
        </div>
      ) : null}
      <div class="actions">
        <button type="submit" aria-disabled={busy ? true : undefined}>
          {busy ? t("ui.review.starting") : t("ui.review.start")}
        </button>
        <AppLink href={`/colunas?fonte=${encodeURIComponent(props.sourceId)}`} class="button secondary">
          {t("ui.review.backToColumns")}
        </AppLink>
      </div>
    </form>
  );
}

export function ReviewPage({ query }: PageProps) {
  const id = query.get("fonte") ?? "";
  // ?reenviar=falhas: the plan and the run cover only the rows that failed last time (Reenviar falhas).
  const retryFailed = query.get("reenviar") === "falhas";
  const plan = useAsync(() => api.plan(id, retryFailed ? { retryFailed: true } : {}), [id, retryFailed]);
  const data = plan.data;
  const toSend = data ? data.counts.new + data.counts.changed + (data.counts.retry ?? 0) : 0;
  return (
    <>
      <PageHeading title={t("ui.review.title")}>
        {retryFailed ? t("ui.review.leadRetry") : t("ui.review.lead")}
      </PageHeading>
      {plan.loading ? <p role="status">{t("ui.review.planning")}</p> : null}
      {plan.error ? (
        <Notice kind="error">
          {plan.error}{" "}
          <AppLink href={`/colunas?fonte=${encodeURIComponent(id)}`}>{t("ui.review.backToColumns")}</AppLink>
        </Notice>
      ) : null}
      {data ? (
        <>
          <section class="card" aria-labelledby="counts-title">
            <h2 id="counts-title">
              {t("ui.review.countsTitle")}: {t("ui.review.total", { n: data.counts.total })}
            </h2>
            <CountsList items={countItems(data)} labelledBy="counts-title" />
          </section>
          <section class="card" aria-labelledby="cost-title">
            <h2 id="cost-title">{t("ui.review.costTitle")}</h2>
            <p class="big">{costText(data.cost)}</p>
            {data.cost.rate ? <p class="hint">{t("ui.review.costRate", { rate: data.cost.rate })}</p> : null}
            {data.counts.new > 0 && data.cost.requests > 0 ? <p class="hint">{t("ui.review.costNewChats")}</p> : null}
          </section>
          <Problems plan={data} />
          <FirstRows plan={data} />
          <Messages plan={data} />
          {toSend === 0 ? <Notice kind="info">{t("ui.review.nothingToSend")}</Notice> : null}
          <TerminalCommand sourceId={id} />
          <StartForm sourceId={id} plan={data} retryFailed={retryFailed} />
        </>
      ) : null}
    </>
  );
}
