// The address the terminal opens. A run still going (the tab was closed, the computer slept) is reattached at once;
// otherwise the wizard starts at its first step.
import { useEffect } from "preact/hooks";
import { api } from "../api.js";
import { PageHeading } from "../components/page-heading.js";
import { navigate } from "../router.js";
import { t } from "../say.js";

export function StartPage() {
  useEffect(() => {
    api.runs().then(
      ({ runs }) => {
        const active = runs.find((run) => run.state === "running" || run.state === "stopping");
        navigate(active ? `/envio?envio=${encodeURIComponent(active.id)}` : "/conexao", { replace: true });
      },
      () => navigate("/conexao", { replace: true }),
    );
  }, []);
  return (
    <>
      <PageHeading title={t("ui.app.name")} />
      <p role="status">{t("ui.common.loading")}</p>
    </>
  );
}
