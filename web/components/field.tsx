// A labelled control with its hint and its error under the label, both tied to the control (aria-describedby), the
// error marked with an icon and the word "Erro" as well as colour.
import type { ComponentChildren } from "preact";
import { t } from "../say.js";
import { Icon } from "./icons.js";

export function describedBy(id: string, hint?: unknown, error?: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function Field(props: {
  id: string;
  label: string;
  hint?: ComponentChildren;
  error?: string;
  children: ComponentChildren;
}) {
  return (
    <div class={`field${props.error ? " field-error" : ""}`}>
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <div class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      ) : null}
      {props.error ? (
        <p class="error-message" id={`${props.id}-error`}>
          <Icon name="error" />
          <span class="visually-hidden">{t("ui.notice.error")} </span>
          {props.error}
        </p>
      ) : null}
      {props.children}
    </div>
  );
}

/** A one-line text control in its Field: label, hint and error tied to it, marked invalid while it has an error. */
export function TextField(props: {
  id: string;
  label: string;
  hint?: ComponentChildren;
  error?: string | undefined;
  value: string;
  type?: "text" | "url" | "password";
  onValue: (value: string) => void;
}) {
  const { id, error } = props;
  return (
    <Field id={id} label={props.label} hint={props.hint} error={error}>
      <input
        id={id}
        type={props.type ?? "text"}
        inputMode={props.type === "url" ? "url" : undefined}
        autoComplete="off"
        spellcheck={false}
        value={props.value}
        onInput={(event) => props.onValue((event.currentTarget as HTMLInputElement).value)}
        aria-describedby={describedBy(id, props.hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </Field>
  );
}
