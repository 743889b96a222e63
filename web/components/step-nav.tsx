// The wizard's steps as an ordered list of links: where you are (aria-current="step", also shown in words), where
// you can go back to, and the steps not reachable yet as plain text.
import { t } from "../say.js";
import { AppLink } from "./app-link.js";

export type StepId = "conexao" | "arquivo" | "colunas" | "revisao" | "envio" | "resultado";

const ORDER: StepId[] = ["conexao", "arquivo", "colunas", "revisao", "envio", "resultado"];

export function stepHref(step: StepId, sourceId?: string, runId?: string): string | undefined {
  switch (step) {
    case "conexao":
      return "/conexao";
    case "arquivo":
      return sourceId ? `/arquivo?fonte=${encodeURIComponent(sourceId)}` : "/arquivo";
    case "colunas":
    case "revisao":
      return sourceId ? `/${step}?fonte=${encodeURIComponent(sourceId)}` : undefined;
    case "envio":
    case "resultado":
      return runId ? `/${step}?envio=${encodeURIComponent(runId)}` : undefined;
  }
}

export function StepNav(props: { current?: StepId; sourceId?: string; runId?: string }) {
  return (
    <nav class="steps" aria-label={t("ui.steps.label")}>
      <ol>
        {ORDER.map((step, i) => {
          const href = stepHref(step, props.sourceId, props.runId);
          const isCurrent = step === props.current;
          const label = (
            <>
              <span class="step-number" aria-hidden="true">
                {i + 1}
              </span>
              <span class="step-name">{t(`ui.steps.${step}`)}</span>
              {isCurrent ? <span class="visually-hidden"> {t("ui.steps.current")}</span> : null}
            </>
          );
          return (
            <li key={step} class={isCurrent ? "current" : href ? "" : "unavailable"}>
              {href && !isCurrent ? (
                <AppLink href={href}>{label}</AppLink>
              ) : (
                <span aria-current={isCurrent ? "step" : undefined}>{label}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
