// Step 1: where ChatGuru is and with which account. The key is typed once and kept by the server (saved to .env);
// the page only ever sees its last four characters.
import { useState } from "preact/hooks";
import { api } from "../api.js";
import type { Connection, ConnectionCheck, ConnectionInput, ConnectionProblem, SettingFrom } from "../api-types.js";
import { ErrorSummary, type FieldError } from "../components/error-summary.js";
import { TextField } from "../components/field.js";
import { Notice } from "../components/notice.js";
import { PageHeading } from "../components/page-heading.js";
import { navigate } from "../router.js";
import { session } from "../session.js";
import { t } from "../say.js";
import { errorText, useAsync, type AsyncState } from "../use-async.js";

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
  if (!/^https?:\/\/\S+$/i.test(form.apiUrl.trim())) errors.apiUrl = t("ui.connection.errors.apiUrl");
  if (!form.key.trim() && !saved?.keyHint) errors.key = t("ui.connection.errors.key");
  if (!form.accountId.trim()) errors.accountId = t("ui.connection.errors.accountId");
  if (!form.phoneId.trim()) errors.phoneId = t("ui.connection.errors.phoneId");
  return errors;
}

function inputOf(values: Form): ConnectionInput {
  return {
    apiUrl: values.apiUrl.trim(),
    accountId: values.accountId.trim(),
    phoneId: values.phoneId.trim(),
    ...(values.key.trim() ? { key: values.key.trim() } : {}),
  };
}

/** Whether what is typed differs from what is saved (a typed key always does: the saved one is never shown). */
function differs(input: ConnectionInput, saved: Connection | undefined): boolean {
  return (
    input.key !== undefined ||
    input.apiUrl !== (saved?.apiUrl ?? "") ||
    input.accountId !== (saved?.accountId ?? "") ||
    input.phoneId !== (saved?.phoneId ?? "")
  );
}

/** Where the settings come from, and the server's warnings (a variable in the environment wins over .env). */
function Origin({ connection }: { connection: Connection }) {
  return (
    <>
      <p class="from">{t(`ui.connection.from.${fromOf(connection)}`)}</p>
      {(connection.warnings ?? []).map((warning) => (
        <Notice kind="warning" key={warning}>
          {warning}
        </Notice>
      ))}
    </>
  );
}

function ConnectionFields(props: {
  values: Form;
  errors: Partial<Record<FieldName, string>>;
  keyHint: string | null;
  onValue: (name: FieldName, value: string) => void;
}) {
  const { values, errors, onValue } = props;
  return (
    <>
      <TextField
        id={IDS.apiUrl}
        type="url"
        label={t("ui.connection.apiUrl")}
        hint={t("ui.connection.apiUrlHint")}
        error={errors.apiUrl}
        value={values.apiUrl}
        onValue={(v) => onValue("apiUrl", v)}
      />
      <TextField
        id={IDS.key}
        type="password"
        label={t("ui.connection.key")}
        hint={props.keyHint ? t("ui.connection.keySaved", { hint: props.keyHint }) : t("ui.connection.keyHint")}
        error={errors.key}
        value={values.key}
        onValue={(v) => onValue("key", v)}
      />
      <div class="field-row">
        <TextField
          id={IDS.accountId}
          label={t("ui.connection.accountId")}
          hint={t("ui.connection.accountIdHint")}
          error={errors.accountId}
          value={values.accountId}
          onValue={(v) => onValue("accountId", v)}
        />
        <TextField
          id={IDS.phoneId}
          label={t("ui.connection.phoneId")}
          hint={t("ui.connection.phoneIdHint")}
          error={errors.phoneId}
          value={values.phoneId}
          onValue={(v) => onValue("phoneId", v)}
        />
      </div>
    </>
  );
}

/** The form's values, its errors and the check-then-save of Continuar / Testar conexão. */
function useConnectionForm(saved: AsyncState<Connection>) {
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
  const update = (name: FieldName, value: string) => setForm({ ...values, [name]: value });

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
      const input = inputOf(values);
      const result = await api.checkConnection(input);
      setCheck(result);
      if (!result.ok) {
        setErrors(result.problem ? { [PROBLEM_FIELD[result.problem]]: result.message } : {});
        if (!result.problem) setFailure(result.message);
        return;
      }
      if (differs(input, saved.data)) {
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

  return { values, errors, check, busy, failure, update, saveAndCheck };
}

export function ConnectionPage() {
  const saved = useAsync(() => api.connection(), []);
  const { values, errors, check, busy, failure, update, saveAndCheck } = useConnectionForm(saved);
  const summary: FieldError[] = (Object.keys(errors) as FieldName[]).map((name) => ({
    target: IDS[name],
    text: errors[name]!,
  }));
  if (failure) summary.push({ text: failure });

  return (
    <>
      <PageHeading title={t("ui.connection.title")}>{t("ui.connection.lead")}</PageHeading>
      <ErrorSummary errors={summary} />
      {saved.loading && !saved.data ? <p role="status">{t("ui.common.loading")}</p> : null}
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
          <Origin connection={saved.data} />
          <ConnectionFields values={values} errors={errors} keyHint={saved.data.keyHint} onValue={update} />
          <div role="status" class="check-result">
            {busy ? <p>{t("ui.connection.checking")}</p> : null}
            {check && !busy ? (
              <Notice kind={check.ok ? "ok" : "error"}>{check.ok ? t("ui.connection.ok") : check.message}</Notice>
            ) : null}
          </div>
          <div class="actions">
            <button type="submit" aria-disabled={busy !== "" ? true : undefined}>
              {t("ui.common.continue")}
            </button>
            <button type="button" class="secondary" onClick={() => void saveAndCheck("check")}>
              {t("ui.connection.test")}
            </button>
          </div>
          <p class="hint">{t("ui.connection.privacy")}</p>
        </form>
      ) : null}
    </>
  );
}
