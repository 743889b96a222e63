// Tables show one page of rows at a time (a 100 000-row file stays fast): this is the "anterior / próxima" bar.
import { formatNumber } from "../format.js";
import { t } from "../say.js";

export function Pager(props: {
  label: string;
  offset: number;
  limit: number;
  total: number;
  onChange: (offset: number) => void;
}) {
  const { offset, limit, total } = props;
  if (total <= limit) return null;
  const first = offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <nav class="pager" aria-label={props.label}>
      <button
        type="button"
        class="secondary"
        disabled={offset === 0}
        onClick={() => props.onChange(Math.max(0, offset - limit))}
      >
        {t("ui.pager.previous")}
      </button>
      <span>
        {t("ui.pager.range", { first: formatNumber(first), last: formatNumber(last), total: formatNumber(total) })}
      </span>
      <button type="button" class="secondary" disabled={last >= total} onClick={() => props.onChange(offset + limit)}>
        {t("ui.pager.next")}
      </button>
    </nav>
  );
}
