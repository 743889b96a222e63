import type { ComponentChildren, JSX } from "preact";
import { onLinkClick } from "../router.js";

/** An in-app link: a real <a href> (open in a new tab works) that changes page without reloading. */
export function AppLink(
  props: { href: string; children: ComponentChildren; onClick?: () => void } & Omit<
    JSX.HTMLAttributes<HTMLAnchorElement>,
    "onClick"
  >,
) {
  const { href, children, onClick, ...rest } = props;
  return (
    <a
      href={href}
      {...rest}
      onClick={(event) => {
        onClick?.();
        onLinkClick(event);
      }}
    >
      {children}
    </a>
  );
}
