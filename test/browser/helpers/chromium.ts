// Debian's Chromium driven by playwright-core: no browser download. CHROMIUM_PATH overrides where it is; the flags
// keep a headless run quiet and offline (no sync, no component updates, no QUIC probes), and Playwright gives each
// launch a fresh temporary profile (its own --user-data-dir), so no cookie or cache leaks between runs.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

const CANDIDATES = ["/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser"];

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function chromiumPath(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  return CANDIDATES.find((path) => existsSync(path));
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) {
    throw new Error(
      "Chromium not found: install it (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH to its binary",
    );
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS, timeout: 30_000 });
}
