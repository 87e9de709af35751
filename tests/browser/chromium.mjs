// chromium.mjs — how the browser checks start Debian's headless Chromium
// (CHROMIUM names another binary): as root it needs --no-sandbox, and
// offline it must not reach for updates, sync or QUIC (DESIGN §10).
import { chromium } from 'playwright-core';

const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage'];

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: LAUNCH_ARGS,
  });
}
