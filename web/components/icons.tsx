// Small inline SVG icons (no icon font, no outside request). Always next to words: aria-hidden, never the only sign.
import type { JSX } from "preact";

export type IconName = "ok" | "warning" | "error" | "info" | "clock" | "stop" | "download" | "upload" | "arrow";

const PATHS: Record<IconName, JSX.Element> = {
  ok: <path d="M4 10.5l4 4 8-9" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />,
  warning: (
    <>
      <path d="M10 2.5l8.5 15h-17z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" />
      <path d="M10 8v4.5M10 14.6v.2" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
    </>
  ),
  error: (
    <>
      <circle cx="10" cy="10" r="8" fill="none" stroke="currentColor" stroke-width="1.8" />
      <path d="M7 7l6 6M13 7l-6 6" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
    </>
  ),
  info: (
    <>
      <circle cx="10" cy="10" r="8" fill="none" stroke="currentColor" stroke-width="1.8" />
      <path d="M10 9v5M10 6v.2" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
    </>
  ),
  clock: (
    <>
      <circle cx="10" cy="10" r="8" fill="none" stroke="currentColor" stroke-width="1.8" />
      <path d="M10 5.5V10l3 2" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
    </>
  ),
  stop: <rect x="5" y="5" width="10" height="10" rx="1.5" fill="currentColor" />,
  download: (
    <path
      d="M10 3v9M6 8.5l4 4 4-4M4 16h12"
      fill="none"
      stroke="currentColor"
      stroke-width="1.9"
      stroke-linecap="round"
    />
  ),
  upload: (
    <path
      d="M10 13V4M6 7.5l4-4 4 4M4 16h12"
      fill="none"
      stroke="currentColor"
      stroke-width="1.9"
      stroke-linecap="round"
    />
  ),
  arrow: <path d="M4 10h11M11 6l4 4-4 4" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />,
};

export function Icon({ name }: { name: IconName }) {
  return (
    <svg class={`icon icon-${name}`} viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
      {PATHS[name]}
    </svg>
  );
}
