// Counts as large numbers with their words, and an icon where a count needs attention (never colour alone).
import { formatNumber } from "../format.js";
import { Icon, type IconName } from "./icons.js";

export interface CountItem {
  key: string;
  value: number;
  label: string;
  help?: string;
  icon?: IconName;
}

export function CountsList(props: { items: CountItem[]; labelledBy: string }) {
  return (
    <ul class="counts" aria-labelledby={props.labelledBy}>
      {props.items.map((item) => (
        <li key={item.key} class={`count count-${item.key}${item.icon ? ` count-${item.icon}` : ""}`}>
          <span class="count-value">
            {item.icon ? <Icon name={item.icon} /> : null}
            {formatNumber(item.value)}
          </span>
          <span class="count-label">{item.label}</span>
          {item.help ? <span class="count-help">{item.help}</span> : null}
        </li>
      ))}
    </ul>
  );
}
