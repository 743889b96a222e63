// Each page's h1 takes the focus when the page opens, so a keyboard or screen-reader user starts at its top and hears
// where they are; the tab title follows.
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { t } from "../say.js";

export function PageHeading(props: { title: string; children?: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  useEffect(() => {
    document.title = `${props.title} — ${t("ui.app.name")}`;
  }, [props.title]);
  return (
    <div class="page-heading">
      <h1 ref={ref} tabIndex={-1} id="page-title">
        {props.title}
      </h1>
      {props.children ? <p class="lead">{props.children}</p> : null}
    </div>
  );
}
