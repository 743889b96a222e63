// A run's downloads as plain links (the server sends each file as an attachment).
import { runFileUrl } from "../api.js";
import type { Run } from "../api-types.js";
import { t } from "../say.js";
import { Icon } from "./icons.js";

const FILES = ["results", "errors", "plan"] as const;

/** `short`: one word per file, for the history table ("resultado", "problemas", "plano"). */
export function RunFiles({ run, short }: { run: Run; short?: boolean }) {
  const present = FILES.filter((file) => run.files?.[file]);
  if (present.length === 0) return null;
  return (
    <ul class="downloads">
      {present.map((file) => (
        <li key={file}>
          <a href={runFileUrl(run.id, file)} download>
            <Icon name="download" /> {short ? t(`ui.result.downloadShort.${file}`) : t(`ui.result.download.${file}`)}
          </a>
        </li>
      ))}
    </ul>
  );
}
