import { AppLink } from "../components/app-link.js";
import { PageHeading } from "../components/page-heading.js";
import { t } from "../say.js";

export function NotFoundPage() {
  return (
    <>
      <PageHeading title={t("ui.notFound.title")} />
      <p>{t("ui.notFound.body")}</p>
      <p>
        <AppLink href="/">{t("ui.notFound.back")}</AppLink>
      </p>
    </>
  );
}
