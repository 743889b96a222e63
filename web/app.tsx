// The shell: header, the step bar, and the page the URL names. Each page is keyed by its path and the id it works
// on, so opening another step remounts it and its heading takes the focus.
import type { JSX } from "preact";
import { AppLink } from "./components/app-link.js";
import { StepNav, type StepId } from "./components/step-nav.js";
import { ColumnsPage } from "./pages/columns-page.js";
import { ConnectionPage } from "./pages/connection-page.js";
import { FilePage } from "./pages/file-page.js";
import { HistoryPage } from "./pages/history-page.js";
import { NotFoundPage } from "./pages/not-found-page.js";
import { ResultPage } from "./pages/result-page.js";
import { ReviewPage } from "./pages/review-page.js";
import { RunPage } from "./pages/run-page.js";
import { StartPage } from "./pages/start-page.js";
import { useLocation } from "./router.js";
import { session } from "./session.js";
import { t } from "./say.js";

export interface PageProps {
  query: URLSearchParams;
}

const PAGES: Record<string, { step?: StepId; page: (props: PageProps) => JSX.Element }> = {
  "/": { page: StartPage },
  "/conexao": { step: "conexao", page: ConnectionPage },
  "/arquivo": { step: "arquivo", page: FilePage },
  "/colunas": { step: "colunas", page: ColumnsPage },
  "/revisao": { step: "revisao", page: ReviewPage },
  "/envio": { step: "envio", page: RunPage },
  "/resultado": { step: "resultado", page: ResultPage },
  "/historico": { page: HistoryPage },
};

export function App() {
  const { path, query } = useLocation();
  const route = PAGES[path.replace(/\/+$/, "") || "/"];
  const sourceId = query.get("fonte") ?? session.sourceId();
  const runId = query.get("envio") ?? session.runId();
  const Page = route?.page ?? NotFoundPage;
  const key = `${path}|${query.get("fonte") ?? ""}|${query.get("envio") ?? ""}|${query.get("reenviar") ?? ""}`;
  return (
    <>
      <a class="skip-link" href="#conteudo">
        {t("ui.app.skipToContent")}
      </a>
      <header class="app-header">
        <div class="app-header-inner">
          <AppLink href="/" class="brand">
            {t("ui.app.name")}
          </AppLink>
          <span class="tagline">{t("ui.app.tagline")}</span>
          <AppLink href="/historico" class="history-link" aria-current={path === "/historico" ? "page" : undefined}>
            {t("ui.history.title")}
          </AppLink>
        </div>
        <StepNav current={route?.step} sourceId={sourceId ?? undefined} runId={runId ?? undefined} />
      </header>
      <main id="conteudo" class="page">
        <Page key={key} query={query} />
      </main>
    </>
  );
}
