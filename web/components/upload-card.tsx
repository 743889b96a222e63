// The file picker: the real file input (named "Arquivo") under a Portuguese button, a drop zone around it, and the
// upload's progress in a status region.
import { useState } from "preact/hooks";
import { formatBytes } from "../format.js";
import { t } from "../say.js";
import { describedBy, Field } from "./field.js";
import { Icon } from "./icons.js";

const ACCEPT = ".csv,.txt,.tsv,.xlsx,.xlsm,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface UploadProgress {
  sent: number;
  total: number;
  name: string;
}

export function UploadCard(props: {
  limit: number | undefined;
  progress: UploadProgress | undefined;
  error: string | undefined;
  onFile: (file: File | undefined) => void;
}) {
  const { progress, error } = props;
  const [dragging, setDragging] = useState(false);
  return (
    <section aria-labelledby="upload-title" class="card">
      <h2 id="upload-title">{t("ui.file.uploadTitle")}</h2>
      <div
        class={`drop-zone${dragging ? " dragging" : ""}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          props.onFile(event.dataTransfer?.files[0]);
        }}
      >
        <Field
          id="arquivo"
          label={t("ui.file.fileLabel")}
          hint={props.limit ? t("ui.file.fileHintLimit", { limit: formatBytes(props.limit) }) : t("ui.file.fileHint")}
          error={error}
        >
          <div class="file-picker">
            <span class="file-button-wrap">
              <input
                id="arquivo"
                class="file-input"
                type="file"
                accept={ACCEPT}
                aria-describedby={describedBy("arquivo", true, error)}
                aria-invalid={error ? true : undefined}
                onChange={(event) => props.onFile((event.currentTarget as HTMLInputElement).files?.[0])}
              />
              <span class="button file-button" aria-hidden="true">
                <Icon name="upload" /> {t("ui.file.chooseFile")}
              </span>
            </span>
            <span class="file-name" aria-hidden="true">
              {progress?.name ?? t("ui.file.noFileChosen")}
            </span>
          </div>
        </Field>
        <p class="drop-hint">{t("ui.file.dropHint")}</p>
      </div>
      <div role="status" class="upload-status">
        {progress ? (
          <>
            <label for="upload-progress">{t("ui.file.uploading", { name: progress.name })}</label>
            <progress id="upload-progress" max={progress.total || 1} value={progress.sent} />
            <span>
              {formatBytes(progress.sent)} / {formatBytes(progress.total)}
            </span>
          </>
        ) : null}
      </div>
    </section>
  );
}
