import { AppLink } from "../components/app-link.js";
import { PageHeading } from "../components/page-heading.js";
import { texts } from "../texts.js";

export function NotFoundPage() {
  return (
    <>
      <PageHeading title={texts.notFound.title} />
      <p>{texts.notFound.body}</p>
      <p>
        <AppLink href="/">{texts.notFound.back}</AppLink>
      </p>
    </>
  );
}
