// The problems that stop a step, listed at the top with links to the control to fix (the GOV.UK pattern): the list
// takes the focus when it appears, and each link moves the focus to its field.
import { useEffect, useRef } from "preact/hooks";
import { t } from "../say.js";
import { Icon } from "./icons.js";

export interface FieldError {
  /** The id of the control to fix; without one the line is plain text. */
  target?: string;
  text: string;
}

function focusTarget(event: MouseEvent, id: string): void {
  const element = document.getElementById(id);
  if (!element) return;
  event.preventDefault();
  element.scrollIntoView({ block: "center" });
  element.focus();
}

export function ErrorSummary(props: { errors: FieldError[]; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = props.errors.map((e) => e.text).join("\n");
  useEffect(() => {
    if (props.errors.length > 0) ref.current?.focus();
  }, [key]);
  if (props.errors.length === 0) return null;
  return (
    <div class="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">
        <Icon name="error" /> {props.title ?? t("ui.errors.summaryTitle")}
      </h2>
      <ul>
        {props.errors.map((error, i) => (
          <li key={i}>
            {error.target ? (
              <a href={`#${error.target}`} onClick={(event) => focusTarget(event, error.target!)}>
                {error.text}
              </a>
            ) : (
              error.text
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
