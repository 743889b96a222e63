// A message with an icon and words: the kind is said in words too ("Atenção:"), never by colour alone.
import type { ComponentChildren } from "preact";
import { t } from "../say.js";
import { Icon, type IconName } from "./icons.js";

export type NoticeKind = "ok" | "warning" | "error" | "info";

const ICONS: Record<NoticeKind, IconName> = { ok: "ok", warning: "warning", error: "error", info: "info" };

export function Notice(props: { kind: NoticeKind; children: ComponentChildren; role?: "status" | "alert" }) {
  return (
    <div class={`notice notice-${props.kind}`} role={props.role}>
      <Icon name={ICONS[props.kind]} />
      <div>
        <span class="visually-hidden">{t(`ui.notice.${props.kind}`)} </span>
        {props.children}
      </div>
    </div>
  );
}
