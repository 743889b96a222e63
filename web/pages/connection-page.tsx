// Step 1: where ChatGuru is and with which account. The key is typed once and kept by the server (saved to .env);
// the page only ever sees its last four characters.
import { useState } from "preact/hooks";
import { api } from "../api.js";
import type { Connection, ConnectionCheck, ConnectionProblem, SettingFrom } from "../api-types.js";
import { ErrorSummary, type FieldError } from "../components/error-summary.js";
import { describedBy, Field } from "../components/field.js";
import { Notice } from "../components/notice.js";
import { PageHeading } from "../components/page-heading.js";
import { navigate } from "../router.js";
import { session } from "../session.js";
import { texts } from "../texts.js";
import { errorText, useAsync } from "../use-async.js";

const t = texts.connection;
type FieldName = "apiUrl" | "key" | "accountId" | "phoneId";
const IDS: Record<FieldName, string> = {
  apiUrl: "cg-url",
  key: "cg-key",
  accountId: "cg-account",
  phoneId: "cg-phone",
};
const PROBLEM_FIELD: Record<ConnectionProblem, FieldName> = {
  missing: "apiUrl",
  url: "apiUrl",
  network: "apiUrl",
  key: "key",
  account: "accountId",
  phone: "phoneId",
};

interface Form {
  apiUrl: string;
  key: string;
  accountId: string;
  phoneId: string;
}

/** Where the saved settings came from, in one word for the page: the environment wins over .env. */
function fromOf(connection: Connection): SettingFrom {
  const from = connection.from;
  if (typeof from === "string") return from;
  const all = [from.apiUrl, from.key, from.accountId, from.phoneId];
  return all.includes("env") ? "env" : all.includes(".env") ? ".env" : "none";
}

function checkForm(form: Form, saved: Connection | undefined): Partial<Record<FieldName, string>> {
  const errors: Partial<Record<FieldName, string>> = {};
  if (!/^https?:\/\/\S+$/i.test(form.apiUrl.trim())) errors.apiUrl = t.errors.apiUrl;
  if (!form.key.trim() && !saved?.keyHint) errors.key = t.errors.key;
  if (!form.accountId.trim()) errors.accountId = t.errors.accountId;
  if (!form.phoneId.trim()) errors.phoneId = t.errors.phoneId;
  return errors;
}

export function ConnectionPage() {
  const saved = useAsync(() => api.connection(), []);
  const [form, setForm] = useState<Form | undefined>(undefined);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [check, setCheck] = useState<ConnectionCheck | undefined>(undefined);
  const [busy, setBusy] = useState<"" | "check" | "continue">("");
  const [failure, setFailure] = useState<string | undefined>(undefined);

  const values: Form = form ?? {
    apiUrl: saved.data?.apiUrl ?? "",
    key: "",
    accountId: saved.data?.accountId ?? "",
    phoneId: saved.data?.phoneId ?? "",
  };
  const update = (name: FieldName) => (event: Event) =>
    setForm({ ...values, [name]: (event.currentTarget as HTMLInputElement).value });

  /** Tests what is typed before saving it, so a mistyped key never replaces a working one in .env. */
  async function saveAndCheck(mode: "check" | "continue"): Promise<void> {
    if (busy) return;
    setFailure(undefined);
    setCheck(undefined);
    const found = checkForm(values, saved.data);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(mode);
    try {
      const input = {
        apiUrl: values.apiUrl.trim(),
        accountId: values.accountId.trim(),
        phoneId: values.phoneId.trim(),
        ...(values.key.trim() ? { key: values.key.trim() } : {}),
      };
      const changed =
        input.key !== undefined ||
        input.apiUrl !== (saved.data?.apiUrl ?? "") ||
        input.accountId !== (saved.data?.accountId ?? "") ||
        input.phoneId !== (saved.data?.phoneId ?? "");
      const result = await api.checkConnection(input);
      setCheck(result);
      if (!result.ok) {
        setErrors(result.problem ? { [PROBLEM_FIELD[result.problem]]: result.message } : {});
        if (!result.problem) setFailure(result.message);
        return;
      }
      if (changed) {
        saved.set(await api.saveConnection(input));
        setForm(undefined);
      }
      if (mode === "continue") {
        const sourceId = session.sourceId();
        navigate(sourceId ? `/arquivo?fonte=${encodeURIComponent(sourceId)}` : "/arquivo");
      }
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setBusy("");
    }
  }

  const summary: FieldError[] = (Object.keys(errors) as FieldName[]).map((name) => ({
    target: IDS[name],
    text: errors[name]!,
  }));
  if (failure) summary.push({ text: failure });

  return (
    <>
      <PageHeading title={t.title}>{t.lead}</PageHeading>
      <ErrorSummary errors={summary} />
      {saved.loading && !saved.data ? <p role="status">{texts.common.loading}</p> : null}
      {saved.error ? <Notice kind="error">{saved.error}</Notice> : null}
      {saved.data ? (
        <form
          class="form card"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void saveAndCheck("continue");
          }}
        >
          <p class="from">{t.from[fromOf(saved.data)]}</p>
          {(saved.data.warnings ?? []).map((warning) => (
            <Notice kind="warning" key={warning}>
              {warning}
            </Notice>
          ))}
          <Field id={IDS.apiUrl} label={t.apiUrl} hint={t.apiUrlHint} error={errors.apiUrl}>
            <input
              id={IDS.apiUrl}
              type="url"
              inputMode="url"
              autoComplete="off"
              spellcheck={false}
              value={values.apiUrl}
              onInput={update("apiUrl")}
              aria-describedby={describedBy(IDS.apiUrl, true, errors.apiUrl)}
              aria-invalid={errors.apiUrl ? true : undefined}
            />
          </Field>
          <Field
            id={IDS.key}
            label={t.key}
            hint={saved.data.keyHint ? t.keySaved(saved.data.keyHint) : t.keyHint}
            error={errors.key}
          >
            <input
              id={IDS.key}
              type="password"
              autoComplete="off"
              value={values.key}
              onInput={update("key")}
              aria-describedby={describedBy(IDS.key, true, errors.key)}
              aria-invalid={errors.key ? true : undefined}
            />
          </Field>
          <div class="field-row">
            <Field id={IDS.accountId} label={t.accountId} hint={t.accountIdHint} error={errors.accountId}>
              <input
                id={IDS.accountId}
                type="text"
                autoComplete="off"
                spellcheck={false}
                value={values.accountId}
                onInput={update("accountId")}
                aria-describedby={describedBy(IDS.accountId, true, errors.accountId)}
                aria-invalid={errors.accountId ? true : undefined}
              />
            </Field>
            <Field id={IDS.phoneId} label={t.phoneId} hint={t.phoneIdHint} error={errors.phoneId}>
              <input
                id={IDS.phoneId}
                type="text"
                autoComplete="off"
                spellcheck={false}
                value={values.phoneId}
                onInput={update("phoneId")}
                aria-describedby={describedBy(IDS.phoneId, true, errors.phoneId)}
                aria-invalid={errors.phoneId ? true : undefined}
              />
            </Field>
          </div>
          <div role="status" class="check-result">
            {busy ? <p>{t.checking}</p> : null}
            {check && !busy ? (
              <Notice kind={check.ok ? "ok" : "error"}>{check.ok ? t.ok : check.message}</Notice>
            ) : null}
          </div>
          <div class="actions">
            <button type="submit" aria-disabled={busy !== "" ? true : undefined}>
              {texts.common.continue}
            </button>
            <button type="button" class="secondary" onClick={() => void saveAndCheck("check")}>
              {t.test}
            </button>
          </div>
          <p class="hint">{t.privacy}</p>
        </form>
      ) : null}
    </>
  );
}
